package io.luotsi.auth.xades;

import io.luotsi.core.VerificationException;
import java.util.Objects;

/**
 * A XAdES signature or a hash chain did not verify, or could not be read. {@link #failure()} says which check failed
 * and {@link #code()} is its code ({@code malformed_signature}, {@code invalid_signature_value},
 * {@code invalid_hash_chain_ref}, ...). Messages name the check and the reference, never signed content.
 */
public final class XadesVerificationException extends VerificationException {

    private static final long serialVersionUID = 1L;

    private final XadesFailure failure;

    XadesVerificationException(XadesFailure failure, String message) {
        this(failure, message, null);
    }

    XadesVerificationException(XadesFailure failure, String message, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").code(), message, cause);
        this.failure = failure;
    }

    public XadesFailure failure() {
        return failure;
    }
}
