package io.luotsi.core;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes calls for metrics and tracing; never changes them. Methods are called on the calling thread (or, for
 * asynchronous calls, OkHttp's dispatcher thread), must return quickly, and must not throw: an exception from a
 * listener is logged once at WARN and otherwise ignored.
 *
 * <pre>{@code
 * EventListener metrics = new EventListener() {
 *     @Override public void callEnd(CallInfo call, int status, Duration duration) {
 *         timer(call.target()).record(duration);
 *     }
 * };
 * }</pre>
 */
public interface EventListener {

    EventListener NONE = new EventListener() {
    };

    default void callStart(CallInfo call) {
    }

    default void attemptStart(CallInfo call, int attempt) {
    }

    default void attemptFailed(CallInfo call, int attempt, LuotsiException failure) {
    }

    /** A failed attempt will be retried after {@code delay}. */
    default void retryScheduled(CallInfo call, int nextAttempt, Duration delay, LuotsiException cause) {
    }

    /** The call was refused locally before anything was sent ({@code reason}: "circuit-open", "bulkhead-full"). */
    default void callRejected(CallInfo call, String reason) {
    }

    /** The circuit breaker of {@code target} changed state (CLOSED, OPEN, HALF_OPEN, ...). */
    default void circuitBreakerStateChanged(String target, String fromState, String toState) {
    }

    /** The call produced a response that the caller receives. */
    default void callEnd(CallInfo call, int status, Duration duration) {
    }

    /** The call failed with the exception the caller receives. */
    default void callFailed(CallInfo call, LuotsiException failure, Duration duration) {
    }

    /**
     * A listener that forwards to each of {@code listeners} in turn. Each is {@linkplain #safe(EventListener) guarded}
     * on its own, so one that throws does not keep the event from the others.
     */
    static EventListener composite(List<EventListener> listeners) {
        List<EventListener> copy = listeners.stream().map(EventListener::safe).toList();
        if (copy.isEmpty()) {
            return NONE;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return new EventListener() {
            @Override
            public void callStart(CallInfo call) {
                copy.forEach(l -> l.callStart(call));
            }

            @Override
            public void attemptStart(CallInfo call, int attempt) {
                copy.forEach(l -> l.attemptStart(call, attempt));
            }

            @Override
            public void attemptFailed(CallInfo call, int attempt, LuotsiException failure) {
                copy.forEach(l -> l.attemptFailed(call, attempt, failure));
            }

            @Override
            public void retryScheduled(CallInfo call, int nextAttempt, Duration delay, LuotsiException cause) {
                copy.forEach(l -> l.retryScheduled(call, nextAttempt, delay, cause));
            }

            @Override
            public void callRejected(CallInfo call, String reason) {
                copy.forEach(l -> l.callRejected(call, reason));
            }

            @Override
            public void circuitBreakerStateChanged(String target, String fromState, String toState) {
                copy.forEach(l -> l.circuitBreakerStateChanged(target, fromState, toState));
            }

            @Override
            public void callEnd(CallInfo call, int status, Duration duration) {
                copy.forEach(l -> l.callEnd(call, status, duration));
            }

            @Override
            public void callFailed(CallInfo call, LuotsiException failure, Duration duration) {
                copy.forEach(l -> l.callFailed(call, failure, duration));
            }
        };
    }

    /**
     * Wraps a listener so that nothing it throws reaches the call path. Used by Luotsi's clients on every listener
     * they are given.
     */
    static EventListener safe(EventListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        if (listener == NONE || listener instanceof SafeEventListener) {
            return listener;
        }
        return new SafeEventListener(listener);
    }

    /** See {@link EventListener#safe(EventListener)}. */
    final class SafeEventListener implements EventListener {
        private static final Logger LOG = LoggerFactory.getLogger(SafeEventListener.class);
        private final EventListener delegate;
        private volatile boolean warned;

        private SafeEventListener(EventListener delegate) {
            this.delegate = delegate;
        }

        private void guard(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (!warned) {
                    warned = true;
                    LOG.warn("EventListener {} threw; its exceptions are ignored from now on",
                            delegate.getClass().getName(), e);
                }
            }
        }

        @Override
        public void callStart(CallInfo call) {
            guard(() -> delegate.callStart(call));
        }

        @Override
        public void attemptStart(CallInfo call, int attempt) {
            guard(() -> delegate.attemptStart(call, attempt));
        }

        @Override
        public void attemptFailed(CallInfo call, int attempt, LuotsiException failure) {
            guard(() -> delegate.attemptFailed(call, attempt, failure));
        }

        @Override
        public void retryScheduled(CallInfo call, int nextAttempt, Duration delay, LuotsiException cause) {
            guard(() -> delegate.retryScheduled(call, nextAttempt, delay, cause));
        }

        @Override
        public void callRejected(CallInfo call, String reason) {
            guard(() -> delegate.callRejected(call, reason));
        }

        @Override
        public void circuitBreakerStateChanged(String target, String fromState, String toState) {
            guard(() -> delegate.circuitBreakerStateChanged(target, fromState, toState));
        }

        @Override
        public void callEnd(CallInfo call, int status, Duration duration) {
            guard(() -> delegate.callEnd(call, status, duration));
        }

        @Override
        public void callFailed(CallInfo call, LuotsiException failure, Duration duration) {
            guard(() -> delegate.callFailed(call, failure, duration));
        }
    }
}
