package io.luotsi.core;

/**
 * A call refused locally before anything was sent: the circuit breaker of its target is open, or the client's
 * bulkhead is full. Trying later may help, so it is {@linkplain #retryable() retryable}, but Luotsi's own retry stage
 * does not retry it within the same call.
 */
public final class CallRejectedException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** Why the call was refused. */
    public enum Reason {
        CIRCUIT_OPEN("circuit-open"),
        BULKHEAD_FULL("bulkhead-full");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public CallRejectedException(Reason reason, String target, String messageId) {
        super(describe(reason, target), null, Phase.NOT_SENT, true, messageId, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    private static String describe(Reason reason, String target) {
        return switch (reason) {
            case CIRCUIT_OPEN -> "call to " + target + " not sent: its circuit breaker is open";
            case BULKHEAD_FULL -> "call to " + target + " not sent: too many calls in flight (bulkhead full)";
        };
    }
}
