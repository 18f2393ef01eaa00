package io.luotsi.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResiliencePolicyTest {

    @Test
    void defaultsTurnEverythingOff() {
        ResiliencePolicy p = ResiliencePolicy.defaults();

        assertThat(p.retry().enabled()).isFalse();
        assertThat(p.circuitBreaker().enabled()).isFalse();
        assertThat(p.bulkhead().enabled()).isFalse();
    }

    @Test
    void recommendedTurnsOnRetryBreakerAndBulkhead() {
        ResiliencePolicy p = ResiliencePolicy.recommended();

        assertThat(p.retry().maxAttempts()).isEqualTo(3);
        assertThat(p.circuitBreaker()).isEqualTo(CircuitBreakerPolicy.STANDARD);
        assertThat(p.bulkhead().maxConcurrentCalls()).isEqualTo(64);
        assertThat(p.toString()).contains("maxAttempts=3");
    }

    @Test
    void builderDerivesWithoutChangingTheOriginal() {
        ResiliencePolicy base = ResiliencePolicy.recommended();

        ResiliencePolicy derived = base.toBuilder().retry(RetryPolicy.NONE).build();

        assertThat(derived.retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(derived.circuitBreaker()).isEqualTo(base.circuitBreaker());
        assertThat(base.retry().maxAttempts()).isEqualTo(3);
        assertThatThrownBy(() -> ResiliencePolicy.custom().retry(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ResiliencePolicy.custom().bulkhead(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ResiliencePolicy.custom().circuitBreaker(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void retryPolicyChecksItsValues() {
        assertThatThrownBy(() -> RetryPolicy.attempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.attempts(2).withBackoff(Duration.ZERO, 2, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.attempts(2).withBackoff(Duration.ofNanos(500), 2, Duration.ofSeconds(1)))
                .as("below the 1 ms resolution of the backoff").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 ms");
        assertThatThrownBy(() -> RetryPolicy.attempts(2).withBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.attempts(2).withBackoff(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.attempts(2).withJitter(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.attempts(2).withJitter(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.attempts(2).withJitter(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);

        RetryPolicy p = RetryPolicy.attempts(4).withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1))
                .withJitter(0);
        assertThat(p.maxAttempts()).isEqualTo(4);
        assertThat(p.enabled()).isTrue();
        assertThat(RetryPolicy.NONE.enabled()).isFalse();
        assertThat(RetryPolicy.attempts(1).enabled()).isFalse();
    }

    @Test
    void circuitBreakerPolicyChecksItsValues() {
        Duration d = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new CircuitBreakerPolicy(true, 0f, 10, 5, d, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakerPolicy(true, 100.5f, 10, 5, d, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakerPolicy(true, Float.NaN, 10, 5, d, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakerPolicy(true, 50f, 0, 5, d, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakerPolicy(true, 50f, 10, 5, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakerPolicy(true, 50f, 10, 5, d, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CircuitBreakerPolicy(true, 100f, 1, 1, d, 1).failureRatePercent()).isEqualTo(100f);
        assertThat(CircuitBreakerPolicy.DISABLED.enabled()).isFalse();
    }

    @Test
    void bulkheadPolicyChecksItsValues() {
        assertThatThrownBy(() -> BulkheadPolicy.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BulkheadPolicy(true, 1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BulkheadPolicy(true, 1, null)).isInstanceOf(NullPointerException.class);
        assertThat(BulkheadPolicy.of(8)).isEqualTo(new BulkheadPolicy(true, 8, Duration.ZERO));
        assertThat(BulkheadPolicy.DISABLED.enabled()).isFalse();
    }
}
