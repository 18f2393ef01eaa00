package io.luotsi.core;

/**
 * A message broke the protocol: it is malformed, inconsistent with the request, over a configured size or depth
 * limit, or of an unexpected type. Not retryable: the same bytes would fail the same way.
 */
public non-sealed class ProtocolException extends LuotsiException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        this(message, null, null, null);
    }

    public ProtocolException(String message, Throwable cause) {
        this(message, cause, null, null);
    }

    public ProtocolException(String message, Throwable cause, String messageId, String requestId) {
        super(message, cause, messageId, requestId);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
