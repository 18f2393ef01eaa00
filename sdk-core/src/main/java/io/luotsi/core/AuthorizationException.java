package io.luotsi.core;

/**
 * A local policy refused the call before anything was sent: no valid consent, mandate or legal basis covers it.
 * Nothing left the process, so {@link #requestMayHaveBeenProcessed()} is {@code false}.
 */
public non-sealed class AuthorizationException extends LuotsiException {

    private static final long serialVersionUID = 1L;

    public AuthorizationException(String message, Throwable cause, String messageId) {
        super(message, cause, messageId, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public boolean requestMayHaveBeenProcessed() {
        return false;
    }
}
