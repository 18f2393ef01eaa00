package io.luotsi.core;

/**
 * The request or its response did not make it: the connection failed, TLS failed, a timeout passed, the stream broke,
 * or the call was rejected locally (bulkhead full, circuit open) before anything was sent.
 */
public non-sealed class TransportException extends LuotsiException {

    private static final long serialVersionUID = 1L;

    /** How far the call got before it failed. */
    public enum Phase {
        /** Rejected locally (circuit breaker open, bulkhead full, cancelled): nothing was sent. */
        NOT_SENT,
        /** Connecting or the TLS handshake failed: nothing reached the server. */
        CONNECT,
        /** Failed while the request was being written or the response awaited or read. */
        EXCHANGE
    }

    private final Phase phase;
    private final boolean retryable;

    public TransportException(String message, Throwable cause, Phase phase, boolean retryable,
                              String messageId, String requestId) {
        super(message, cause, messageId, requestId);
        this.phase = java.util.Objects.requireNonNull(phase, "phase");
        this.retryable = retryable;
    }

    public Phase phase() {
        return phase;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }

    @Override
    public boolean requestMayHaveBeenProcessed() {
        return phase == Phase.EXCHANGE;
    }
}
