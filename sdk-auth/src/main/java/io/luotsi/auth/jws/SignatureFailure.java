package io.luotsi.auth.jws;

/**
 * Why a signature or a batch proof did not verify. Each failure has a stable {@link #code()}, the
 * {@link io.luotsi.core.VerificationException#code()} of the {@link SignatureVerificationException} that reports it.
 */
public enum SignatureFailure {
    /** Not a JWS in compact serialisation, a header that is not valid JSON, or a payload where none belongs. */
    MALFORMED("jws_malformed"),
    /** The {@code alg} is not on the verifier's allow-list ({@code none} and HMAC never are), or does not fit the key. */
    ALGORITHM_NOT_ALLOWED("jws_algorithm_not_allowed"),
    /** A header that would let the token choose its own key ({@code jwk}, {@code jku}, {@code x5u}). */
    HEADER_NOT_ALLOWED("jws_header_not_allowed"),
    /** A {@code crit} header names an extension this verifier does not implement (only {@code b64} is). */
    CRITICAL_HEADER_NOT_SUPPORTED("jws_critical_header_not_supported"),
    /** The {@code typ} marks a token of another kind (a batch root where a message signature is expected). */
    TYPE_NOT_ALLOWED("jws_type_not_allowed"),
    /** No {@code x5c} certificate chain in the header. */
    MISSING_CERTIFICATE("jws_missing_certificate"),
    /** The signature does not verify with the key of the {@code x5c} leaf certificate. */
    INVALID_SIGNATURE("jws_invalid_signature"),
    /** The signer's certificate does not allow signing (key usage without digitalSignature or nonRepudiation). */
    CERTIFICATE_NOT_FOR_SIGNING("jws_certificate_not_for_signing"),
    /**
     * The {@code x5c} chain is not a chain, or does not validate against the trust anchors at the validation time;
     * the cause is the {@link io.luotsi.auth.pki.CertificateValidationException} with the details.
     */
    UNTRUSTED_CHAIN("jws_untrusted_chain"),
    /** A batch proof that cannot be read: wrong version, algorithm, sizes or encodings. */
    BATCH_PROOF_MALFORMED("batch_proof_malformed"),
    /** The message is not the one the batch proof is for: its leaf hash differs. */
    BATCH_PROOF_MISMATCH("batch_proof_mismatch"),
    /** The proof's path does not lead from the leaf to the signed root, or disagrees with the root's tree size. */
    BATCH_PROOF_INVALID("batch_proof_invalid");

    private final String code;

    SignatureFailure(String code) {
        this.code = code;
    }

    /** The stable machine-readable code, e.g. {@code jws_invalid_signature}. */
    public String code() {
        return code;
    }
}
