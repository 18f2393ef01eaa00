/**
 * XAdES signatures in the profile X-Road signs messages with, and hash chains (batch signatures): reading and
 * verifying them ({@link io.luotsi.auth.xades.XadesSignature}, {@link io.luotsi.auth.xades.HashChainVerifier}) and
 * making them ({@link io.luotsi.auth.xades.XadesSigner}). Independent of X-Road's trust model: which certificates and
 * time-stamping authorities to trust, and who must have signed, is the caller's business (sdk-xroad's ASiC-E verifier
 * decides it from global configuration).
 *
 * <pre>{@code
 * XadesSignature signature = XadesSignature.parse(signaturesXml);
 * signature.verify(signature.signingCertificate().orElseThrow(), uri -> resolve(uri));
 * }</pre>
 *
 * Apache Santuario does the XML-DSig work inside (canonicalisation, references, signature values, transforms); no
 * Santuario or DOM type appears in this package's API. Failures are
 * {@link io.luotsi.auth.xades.XadesVerificationException}s with X-Road's codes.
 */
package io.luotsi.auth.xades;
