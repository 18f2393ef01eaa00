package io.luotsi.auth.pki;

import io.luotsi.core.VerificationException;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate did not validate at the validation time. {@link #failure()} says why, {@link #code()} is its stable
 * code ({@code certificate_expired}, {@code certificate_revoked}, {@code ocsp_stale}, ...), {@link #certificate()}
 * the certificate at fault when there is one, and for {@link CertificateFailure#REVOKED} the revocation time and
 * reason.
 *
 * <pre>{@code
 * try {
 *     validator.validate(chain, timestamp);
 * } catch (CertificateValidationException e) {
 *     if (e.failure() == CertificateFailure.REVOKED) {
 *         log.warn("signer revoked at {} ({})", e.revocationTime().orElseThrow(), e.revocationReason().orElseThrow());
 *     }
 * }
 * }</pre>
 */
public final class CertificateValidationException extends VerificationException {

    private static final long serialVersionUID = 1L;

    private final CertificateFailure failure;
    private final transient X509Certificate certificate;
    private final Instant validationTime;
    private final Instant revocationTime;
    private final CRLReason revocationReason;

    CertificateValidationException(CertificateFailure failure, String message, X509Certificate certificate,
                                   Instant validationTime, Throwable cause) {
        this(failure, message, certificate, validationTime, null, null, cause);
    }

    CertificateValidationException(CertificateFailure failure, String message, X509Certificate certificate,
                                   Instant validationTime, Instant revocationTime, CRLReason revocationReason,
                                   Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").code(), message, cause);
        this.failure = failure;
        this.certificate = certificate;
        this.validationTime = validationTime;
        this.revocationTime = revocationTime;
        this.revocationReason = revocationReason;
    }

    public CertificateFailure failure() {
        return failure;
    }

    /** The certificate that failed, when the failure concerns one. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** The time the certificate was validated at. */
    public Instant validationTime() {
        return validationTime;
    }

    /** When the certificate was revoked, for {@link CertificateFailure#REVOKED}. */
    public Optional<Instant> revocationTime() {
        return Optional.ofNullable(revocationTime);
    }

    /** Why the certificate was revoked, for {@link CertificateFailure#REVOKED} when the response gives a reason. */
    public Optional<CRLReason> revocationReason() {
        return Optional.ofNullable(revocationReason);
    }
}
