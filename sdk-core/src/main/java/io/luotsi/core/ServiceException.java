package io.luotsi.core;

/**
 * The other side answered, with an error: a Security Server reported an X-Road error, or the provider's own service
 * returned an error status. Subclasses in sdk-xroad say which.
 */
public non-sealed class ServiceException extends LuotsiException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final boolean retryable;

    /**
     * @param statusCode the HTTP status of the error response, or 0 when there was none
     */
    public ServiceException(String message, Throwable cause, int statusCode, boolean retryable,
                            String messageId, String requestId) {
        super(message, cause, messageId, requestId);
        this.statusCode = statusCode;
        this.retryable = retryable;
    }

    /** The HTTP status of the error response (SOAP faults from a Security Server come with 200), or 0. */
    public int statusCode() {
        return statusCode;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
