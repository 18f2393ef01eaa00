package io.luotsi.auth.xades;

/**
 * Why a XAdES signature or a hash chain did not verify. The codes are X-Road's (its {@code ErrorCodes}), which name
 * these checks well: {@link #code()} is the {@link io.luotsi.core.VerificationException#code()} of the
 * {@link XadesVerificationException} that reports the failure.
 */
public enum XadesFailure {
    /** The signature document is not well-formed XML (or exceeds a parser limit). */
    INVALID_XML("invalid_xml"),
    /** The document lacks a part the profile requires, or a part cannot be read. */
    MALFORMED_SIGNATURE("malformed_signature"),
    /** The signature value or a reference digest does not verify. */
    INVALID_SIGNATURE_VALUE("invalid_signature_value"),
    /** A reference (in the signature, a manifest or a hash chain) cannot be resolved, or a manifest does not verify. */
    INVALID_REFERENCE("invalid_reference"),
    /** A hash chain or hash chain result document does not follow the hash chain schema. */
    MALFORMED_HASH_CHAIN("malformed_hash_chain"),
    /** The hash chain computes to another value than its hash chain result says. */
    INVALID_HASH_CHAIN("invalid_hash_chain"),
    /** An input the caller requires is not referenced by the hash chain. */
    HASH_CHAIN_UNUSED_INPUTS("hashchain_unused_inputs"),
    /** A data reference in the hash chain has another digest than the data it refers to. */
    INVALID_HASH_CHAIN_REF("invalid_hash_chain_ref");

    private final String code;

    XadesFailure(String code) {
        this.code = code;
    }

    /** The stable machine-readable code, e.g. {@code invalid_signature_value}. */
    public String code() {
        return code;
    }
}
