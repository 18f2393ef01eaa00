package io.luotsi.core.resilience;

import java.util.Objects;

/**
 * Retry, circuit breaker and bulkhead settings of a client, or of one call. Everything is off by
 * {@link #defaults()}; {@link #recommended()} turns on what a production client usually wants. A per-call policy
 * replaces the client's retry policy for that call only; the circuit breakers and the bulkhead are the client's and
 * apply to every call (a breaker that protects a failing service cannot be bypassed call by call).
 *
 * <pre>{@code
 * ResiliencePolicy policy = ResiliencePolicy.custom()
 *     .retry(RetryPolicy.attempts(3))
 *     .circuitBreaker(CircuitBreakerPolicy.STANDARD)
 *     .bulkhead(BulkheadPolicy.of(32))
 *     .build();
 * }</pre>
 */
public final class ResiliencePolicy {

    private static final ResiliencePolicy DEFAULTS =
            new ResiliencePolicy(RetryPolicy.NONE, CircuitBreakerPolicy.DISABLED, BulkheadPolicy.DISABLED);

    private final RetryPolicy retry;
    private final CircuitBreakerPolicy circuitBreaker;
    private final BulkheadPolicy bulkhead;

    private ResiliencePolicy(RetryPolicy retry, CircuitBreakerPolicy circuitBreaker, BulkheadPolicy bulkhead) {
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
    }

    /** No retries, no circuit breaker, no bulkhead. */
    public static ResiliencePolicy defaults() {
        return DEFAULTS;
    }

    /** Three attempts when safe, a standard breaker per service, at most 64 calls in flight. */
    public static ResiliencePolicy recommended() {
        return new ResiliencePolicy(RetryPolicy.attempts(3), CircuitBreakerPolicy.STANDARD, BulkheadPolicy.of(64));
    }

    public static Builder custom() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public RetryPolicy retry() {
        return retry;
    }

    public CircuitBreakerPolicy circuitBreaker() {
        return circuitBreaker;
    }

    public BulkheadPolicy bulkhead() {
        return bulkhead;
    }

    @Override
    public String toString() {
        return "ResiliencePolicy[" + retry + ", " + circuitBreaker + ", " + bulkhead + "]";
    }

    /** Builds a {@link ResiliencePolicy}. */
    public static final class Builder {
        private RetryPolicy retry;
        private CircuitBreakerPolicy circuitBreaker;
        private BulkheadPolicy bulkhead;

        private Builder(ResiliencePolicy from) {
            this.retry = from.retry;
            this.circuitBreaker = from.circuitBreaker;
            this.bulkhead = from.bulkhead;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerPolicy circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        public Builder bulkhead(BulkheadPolicy bulkhead) {
            this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
            return this;
        }

        public ResiliencePolicy build() {
            return new ResiliencePolicy(retry, circuitBreaker, bulkhead);
        }
    }
}
