package io.luotsi.auth.pki;

/**
 * Why a certificate did not validate. Each failure has a stable {@link #code()}, the
 * {@link io.luotsi.core.VerificationException#code()} of the {@link CertificateValidationException} that reports it.
 */
public enum CertificateFailure {
    /** A certificate of the path had expired at the validation time. */
    EXPIRED("certificate_expired"),
    /** A certificate of the path was not yet valid at the validation time. */
    NOT_YET_VALID("certificate_not_yet_valid"),
    /** No valid path leads from the certificate to a trust anchor. */
    UNTRUSTED("certificate_untrusted"),
    /** An OCSP response says the certificate is revoked; the exception carries the reason and time. */
    REVOKED("certificate_revoked"),
    /** The OCSP response is too old, past its nextUpdate, or from after the validation time. */
    OCSP_STALE("ocsp_stale"),
    /** The OCSP responder does not know the certificate. */
    OCSP_UNKNOWN("ocsp_unknown"),
    /** The OCSP response's signature does not verify. */
    OCSP_SIGNATURE_INVALID("ocsp_signature_invalid"),
    /**
     * The OCSP response is signed by neither the certificate's issuer, nor a responder certificate the issuer issued
     * for OCSP signing ({@code id-kp-OCSPSigning}), nor a responder trusted explicitly.
     */
    OCSP_RESPONDER_NOT_AUTHORISED("ocsp_responder_not_authorised"),
    /** No OCSP response was given for the certificate and none could be fetched. */
    OCSP_UNAVAILABLE("ocsp_unavailable"),
    /** An OCSP response could not be parsed, or its nonce does not match the request. */
    OCSP_MALFORMED("ocsp_malformed");

    private final String code;

    CertificateFailure(String code) {
        this.code = code;
    }

    /** The stable machine-readable code, e.g. {@code certificate_revoked}. */
    public String code() {
        return code;
    }
}
