package io.luotsi.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often a failed call is tried again. A call is retried only when all of these hold:
 * <ol>
 *   <li>attempts remain ({@link #maxAttempts()} counts the first attempt; 1 means no retry);
 *   <li>the failure says a retry may help ({@code LuotsiException.retryable()});
 *   <li>a retry is safe: the method is idempotent, or the failure proves the provider did not act on the request
 *       ({@code requestMayHaveBeenProcessed() == false}: connection refused, rejected before forwarding);
 *   <li>the request body can be sent again (not a one-shot stream), or nothing of it was sent.
 * </ol>
 * Delays grow exponentially from {@link #initialBackoff()} by {@link #multiplier()} up to {@link #maxBackoff()}, each
 * randomised by ±{@link #jitter()} so that clients do not retry in lockstep.
 *
 * @param maxAttempts    attempts in all, at least 1
 * @param initialBackoff delay before the first retry, at least 1 ms (delays have millisecond resolution)
 * @param multiplier     growth factor of the delay, at least 1
 * @param maxBackoff     cap on one delay
 * @param jitter         randomisation factor in [0, 1)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          double jitter) {

    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.compareTo(Duration.ofMillis(1)) < 0) {
            // Backoff is scheduled in whole milliseconds; a shorter positive delay would round to 0 ms, which the
            // retry stage rejects only when the first call is made.
            throw new IllegalArgumentException("initialBackoff must be at least 1 ms: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff is less than initialBackoff");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }

    /** {@code attempts} attempts with 200 ms initial backoff, doubling up to 5 s, ±50% jitter. */
    public static RetryPolicy attempts(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5);
    }

    public RetryPolicy withBackoff(Duration initial, double multiplier, Duration max) {
        return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter);
    }

    public RetryPolicy withJitter(double jitter) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter);
    }

    public boolean enabled() {
        return maxAttempts > 1;
    }
}
