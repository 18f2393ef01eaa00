package io.luotsi.auth.tsp;

import io.luotsi.core.VerificationException;
import java.util.Objects;

/**
 * An RFC 3161 time-stamp token did not verify, or could not be read. {@link #failure()} says which check failed and
 * {@link #code()} is its stable code ({@code timestamp_imprint_mismatch}, {@code timestamp_signer_not_trusted}, ...).
 */
public final class TimestampVerificationException extends VerificationException {

    private static final long serialVersionUID = 1L;

    private final TimestampFailure failure;

    TimestampVerificationException(TimestampFailure failure, String message, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").code(), message, cause);
        this.failure = failure;
    }

    public TimestampFailure failure() {
        return failure;
    }
}
