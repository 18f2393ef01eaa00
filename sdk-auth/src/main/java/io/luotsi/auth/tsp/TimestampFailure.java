package io.luotsi.auth.tsp;

/**
 * Why an RFC 3161 time-stamp token did not verify. Each failure has a stable {@link #code()}, the
 * {@link io.luotsi.core.VerificationException#code()} of the {@link TimestampVerificationException} that reports it.
 */
public enum TimestampFailure {
    /** The bytes are not a BER/DER encoding (or have bytes after the token). */
    UNREADABLE("timestamp_unreadable"),
    /**
     * The encoding is readable but not a time-stamp token: not CMS SignedData with a TSTInfo, not exactly one signer,
     * no ESS signing-certificate attribute, an unsupported imprint algorithm, or SignedData fields that contradict the
     * signer (version, digest algorithms).
     */
    MALFORMED("timestamp_malformed"),
    /** The token's message imprint is not the digest of the data it is said to stamp. */
    IMPRINT_MISMATCH("timestamp_imprint_mismatch"),
    /** No time-stamping authority is trusted at all. */
    NO_TRUSTED_AUTHORITY("timestamp_no_trusted_authority"),
    /** None of the trusted time-stamping authorities' certificates is the token's signer. */
    SIGNER_NOT_TRUSTED("timestamp_signer_not_trusted"),
    /** The token has no signer information for its signer id. */
    SIGNER_INFO_NOT_FOUND("timestamp_signer_info_not_found"),
    /** The token's signature (or a signed attribute: content type, message digest, signing time) does not verify. */
    SIGNATURE_INVALID("timestamp_signature_invalid");

    private final String code;

    TimestampFailure(String code) {
        this.code = code;
    }

    /** The stable machine-readable code, e.g. {@code timestamp_signer_not_trusted}. */
    public String code() {
        return code;
    }
}
