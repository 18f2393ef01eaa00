package io.luotsi.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {

    private static final Instant T = Instant.parse("2026-03-02T10:15:30Z");

    @Test
    void aKeyIsAcceptedOnceWithinTheWindow() {
        ReplayCache cache = ReplayCache.create(10, Duration.ofMinutes(10));
        assertThat(cache.firstSeen("receipt-1|msg-1", T)).isTrue();
        assertThat(cache.firstSeen("receipt-1|msg-1", T.plusSeconds(599))).isFalse();
        assertThat(cache.firstSeen("receipt-1|msg-2", T.plusSeconds(1))).isTrue();
    }

    @Test
    void keysAreForgottenAfterTheWindow() {
        ReplayCache cache = ReplayCache.create(10, Duration.ofMinutes(10));
        cache.firstSeen("k", T);
        assertThat(cache.firstSeen("k", T.plusSeconds(601))).isTrue();
        cache.firstSeen("other", T.plusSeconds(2000));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theOldestKeyIsForgottenWhenFull() {
        ReplayCache cache = ReplayCache.create(2, Duration.ofHours(1));
        cache.firstSeen("a", T);
        cache.firstSeen("b", T.plusSeconds(1));
        cache.firstSeen("c", T.plusSeconds(2));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.firstSeen("b", T.plusSeconds(3))).isFalse();
        assertThat(cache.firstSeen("a", T.plusSeconds(3))).isTrue();
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> ReplayCache.create(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayCache.create(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
