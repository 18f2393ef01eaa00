package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(Timeouts.DEFAULT).isEqualTo(new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ZERO));
    }

    @Test
    void withersChangeOneValue() {
        Timeouts t = Timeouts.DEFAULT.withConnect(Duration.ofSeconds(1)).withRead(Duration.ofSeconds(2))
                .withWrite(Duration.ofSeconds(3)).withCall(Duration.ofSeconds(4));

        assertThat(t).isEqualTo(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4)));
    }

    @Test
    void refusesNegativeAndNullValuesNamingThem() {
        assertThatThrownBy(() -> Timeouts.DEFAULT.withRead(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read");
        assertThatThrownBy(() -> Timeouts.DEFAULT.withCall(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call");
    }
}
