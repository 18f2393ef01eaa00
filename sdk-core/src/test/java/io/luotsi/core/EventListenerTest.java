package io.luotsi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventListenerTest {

    private static final CallInfo CALL = new CallInfo(1, "GET", "FI/GOV/1/svc", "m", null);

    /** Throws from every method. */
    private static final class Hostile implements EventListener {
        int calls;

        @Override
        public void callStart(CallInfo call) {
            calls++;
            throw new IllegalStateException("boom");
        }

        @Override
        public void callEnd(CallInfo call, int status, Duration duration) {
            calls++;
            throw new IllegalStateException("boom");
        }

        @Override
        public void circuitBreakerStateChanged(String target, String fromState, String toState) {
            calls++;
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void safeSwallowsWhatTheListenerThrowsEveryTime() {
        Hostile hostile = new Hostile();
        EventListener safe = EventListener.safe(hostile);

        safe.callStart(CALL);
        safe.callStart(CALL);
        safe.callEnd(CALL, 200, Duration.ZERO);

        assertThat(hostile.calls).isEqualTo(3);
    }

    @Test
    void safeDoesNotWrapTwiceOrWrapNone() {
        EventListener safe = EventListener.safe(new Hostile());

        assertThat(EventListener.safe(safe)).isSameAs(safe);
        assertThat(EventListener.safe(EventListener.NONE)).isSameAs(EventListener.NONE);
        assertThatThrownBy(() -> EventListener.safe(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void compositeForwardsEveryEventToEachListenerInOrder() {
        RecordingEventListener first = new RecordingEventListener();
        RecordingEventListener second = new RecordingEventListener();
        EventListener both = EventListener.composite(List.of(first, second));
        LuotsiException failure = new TransportException("x", null, TransportException.Phase.EXCHANGE, true, null,
                null);

        both.callStart(CALL);
        both.attemptStart(CALL, 1);
        both.attemptFailed(CALL, 1, failure);
        both.retryScheduled(CALL, 2, Duration.ofMillis(5), failure);
        both.callRejected(CALL, "bulkhead-full");
        both.circuitBreakerStateChanged("t", "CLOSED", "OPEN");
        both.callEnd(CALL, 204, Duration.ofMillis(1));
        both.callFailed(CALL, failure, Duration.ofMillis(1));

        List<String> expected = List.of("callStart", "attemptStart 1", "attemptFailed 1 TransportException",
                "retryScheduled 2 TransportException", "callRejected bulkhead-full",
                "circuitBreakerStateChanged t CLOSED->OPEN", "callEnd 204", "callFailed TransportException");
        assertThat(first.names()).isEqualTo(expected);
        assertThat(second.names()).isEqualTo(expected);
    }

    @Test
    void aThrowingListenerInACompositeDoesNotStarveTheOthers() {
        RecordingEventListener after = new RecordingEventListener();
        EventListener composite = EventListener.safe(EventListener.composite(List.of(new Hostile(), after)));

        composite.callStart(CALL);
        composite.circuitBreakerStateChanged("t", "CLOSED", "OPEN");

        assertThat(after.names()).containsExactly("callStart", "circuitBreakerStateChanged t CLOSED->OPEN");
    }

    @Test
    void compositeOfNoneOrOneIsSimple() {
        RecordingEventListener only = new RecordingEventListener();

        assertThat(EventListener.composite(List.of())).isSameAs(EventListener.NONE);
        EventListener single = EventListener.composite(List.of(only));
        single.callStart(CALL);
        assertThat(only.names()).containsExactly("callStart");
    }
}
