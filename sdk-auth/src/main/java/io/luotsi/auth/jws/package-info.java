/**
 * Signatures over request and response bodies: JWS (RFC 7515) with the signer's chain in {@code x5c}, embedded or
 * detached and unencoded (RFC 7797), and batch signatures that sign many messages with one private-key operation over
 * a hash tree (RFC 9162 hashing), each message with a proof of its own.
 *
 * <ul>
 *   <li>{@link io.luotsi.auth.jws.JwsSigner} and {@link io.luotsi.auth.jws.JwsVerifier}: one signature per message;
 *   <li>{@link io.luotsi.auth.jws.BatchSigner}, {@link io.luotsi.auth.jws.StreamingBatchSigner} and
 *       {@link io.luotsi.auth.jws.BatchProofVerifier}: one signature per batch, a {@link io.luotsi.auth.jws.BatchProof}
 *       per message.
 * </ul>
 *
 * <pre>{@code
 * JwsSigner signer = JwsSigner.builder().keyMaterial(keyMaterial).build();
 * String signature = signer.signDetached(body);
 *
 * JwsVerifier verifier = JwsVerifier.builder()
 *     .certificateValidator(CertificateValidator.builder().trustAnchors(anchors).build())
 *     .build();
 * VerifiedJws verified = verifier.verifyDetached(signature, body);
 * }</pre>
 *
 * Verification failures are {@link io.luotsi.auth.jws.SignatureVerificationException}s with a
 * {@link io.luotsi.auth.jws.SignatureFailure} and its stable code ({@code jws_invalid_signature},
 * {@code jws_untrusted_chain}, {@code batch_proof_mismatch}, ...). JOSE headers are parsed and written with the Nimbus
 * JOSE+JWT library; signatures are made and checked with JCA so that payloads stream and PKCS#11 keys sign on their
 * token. No Nimbus type appears in this package's API. See {@code docs/adr/0005-jws-with-nimbus-and-jca.md}.
 */
package io.luotsi.auth.jws;
