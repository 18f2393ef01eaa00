/**
 * Certificate validation at a given time: PKIX path building to trust anchors (a trust store, or the approved CAs of
 * X-Road global configuration as plain certificate lists) and revocation checking with OCSP, from responses the caller
 * has (embedded in evidence) or fetched over sdk-core's {@link io.luotsi.core.http.HttpTransport}.
 *
 * <pre>{@code
 * CertificateValidator validator = CertificateValidator.builder()
 *     .trustedCas(topCas).intermediates(intermediateCas)
 *     .revocationChecking(RevocationChecking.LEAF)
 *     .ocspMaxAge(Duration.ofHours(1))
 *     .build();
 * ValidatedPath path = validator.validate(chain, signingTime, ocspResponses);
 * }</pre>
 *
 * Failures are {@link io.luotsi.auth.pki.CertificateValidationException}s with a
 * {@link io.luotsi.auth.pki.CertificateFailure} and its stable code. Bouncy Castle reads OCSP structures inside; no
 * Bouncy Castle type appears in this package's API.
 */
package io.luotsi.auth.pki;
