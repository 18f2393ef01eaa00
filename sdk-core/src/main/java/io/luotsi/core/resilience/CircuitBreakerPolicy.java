package io.luotsi.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * A circuit breaker per called service: after too many failures among the recent calls to one service, calls to it
 * fail fast (without being sent) for {@link #openDuration()}, then a few trial calls decide whether to close again.
 * Failures are transport failures and retryable service errors; a client error (a bad request) is not the
 * service's fault and does not count.
 *
 * @param enabled              whether breakers are used at all
 * @param failureRatePercent   failure rate that opens the breaker, in (0, 100]
 * @param windowSize           number of recent calls the rate is computed over
 * @param minimumCalls         calls needed before the rate is judged
 * @param openDuration         how long an open breaker rejects calls
 * @param halfOpenTrialCalls   trial calls let through after {@code openDuration}
 */
public record CircuitBreakerPolicy(boolean enabled, float failureRatePercent, int windowSize, int minimumCalls,
                                   Duration openDuration, int halfOpenTrialCalls) {

    /** No circuit breaking. */
    public static final CircuitBreakerPolicy DISABLED =
            new CircuitBreakerPolicy(false, 50f, 20, 10, Duration.ofSeconds(30), 3);

    /** Opens at 50% failures over the last 20 calls (at least 10), for 30 s, then 3 trial calls. */
    public static final CircuitBreakerPolicy STANDARD =
            new CircuitBreakerPolicy(true, 50f, 20, 10, Duration.ofSeconds(30), 3);

    public CircuitBreakerPolicy {
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failureRatePercent must be in (0, 100]: " + failureRatePercent);
        }
        if (windowSize < 1 || minimumCalls < 1 || halfOpenTrialCalls < 1) {
            throw new IllegalArgumentException("windowSize, minimumCalls and halfOpenTrialCalls must be positive");
        }
        Objects.requireNonNull(openDuration, "openDuration");
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("openDuration must be positive");
        }
    }
}
