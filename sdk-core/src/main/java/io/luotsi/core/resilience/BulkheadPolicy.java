package io.luotsi.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Caps the calls one client has in flight, so a slow provider cannot take every thread of the application with it.
 * A call over the cap waits up to {@link #maxWait()} (synchronous calls only) and is then rejected without being sent.
 *
 * @param enabled            whether the cap applies
 * @param maxConcurrentCalls calls in flight at most
 * @param maxWait            how long a synchronous call waits for a slot; asynchronous calls never wait
 */
public record BulkheadPolicy(boolean enabled, int maxConcurrentCalls, Duration maxWait) {

    public static final BulkheadPolicy DISABLED = new BulkheadPolicy(false, Integer.MAX_VALUE, Duration.ZERO);

    public BulkheadPolicy {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be positive: " + maxConcurrentCalls);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait is negative");
        }
    }

    public static BulkheadPolicy of(int maxConcurrentCalls) {
        return new BulkheadPolicy(true, maxConcurrentCalls, Duration.ZERO);
    }
}
