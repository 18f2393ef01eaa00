package io.luotsi.xroad.evidence.asic;

import io.luotsi.core.VerificationException;

/**
 * An ASiC-E container of X-Road's message log did not verify. {@link #code()} is the code X-Road's asicverifier
 * reports for the same container: a structural code ({@code asic_message_not_found}, {@code asic_mime_type_not_found},
 * ...), a signature code ({@code malformed_signature}, {@code invalid_signature_value}, {@code incorrect_certificate},
 * {@code malformed_signature.invalid_hash_chain_ref}, ...), a time-stamp code ({@code mlog.tsp_certificate_not_found},
 * ...) or a certificate code ({@code cannot_create_cert_path.internal_error},
 * {@code invalid_cert_path.incorrect_validation_info}, {@code invalid_cert_path.cert_validation}). The message is
 * X-Road's where X-Road has one ("Signature is not valid"); it names entries and certificates, never message content.
 */
public final class AsicVerificationException extends VerificationException {

    private static final long serialVersionUID = 1L;

    AsicVerificationException(String code, String message) {
        super(code, message, null);
    }

    AsicVerificationException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The same failure with X-Road's prefix before the code ({@code prefix.code}), as X-Road wraps causes. */
    AsicVerificationException withPrefix(String prefix) {
        return new AsicVerificationException(prefix + "." + code(), getMessage(), getCause() == null ? this
                : getCause());
    }
}
