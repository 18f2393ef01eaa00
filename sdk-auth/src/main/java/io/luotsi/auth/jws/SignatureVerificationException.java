package io.luotsi.auth.jws;

import io.luotsi.core.VerificationException;
import java.util.Objects;

/**
 * A JWS or a batch proof did not verify. {@link #failure()} says which check failed and {@link #code()} is its stable
 * code ({@code jws_invalid_signature}, {@code jws_untrusted_chain}, {@code batch_proof_mismatch}, ...). For
 * {@link SignatureFailure#UNTRUSTED_CHAIN} the cause, when the chain was validated, is the
 * {@link io.luotsi.auth.pki.CertificateValidationException} that says why (expired, revoked, ...).
 *
 * <p>Messages name the check and the certificates involved, never the payload.
 */
public final class SignatureVerificationException extends VerificationException {

    private static final long serialVersionUID = 1L;

    private final SignatureFailure failure;

    SignatureVerificationException(SignatureFailure failure, String message) {
        this(failure, message, null);
    }

    SignatureVerificationException(SignatureFailure failure, String message, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").code(), message, cause);
        this.failure = failure;
    }

    public SignatureFailure failure() {
        return failure;
    }
}
