package io.luotsi.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event as a line of text, and the objects each event carried, for assertions. */
final class RecordingEventListener implements EventListener {

    /** One event and what it carried; fields an event does not have are null or 0. */
    record Event(String name, CallInfo call, int attempt, LuotsiException failure, Duration duration, int status,
                 String detail) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    List<Event> events() {
        return List.copyOf(events);
    }

    /** The events in order as short text: {@code "attemptFailed 1 TransportException"}. */
    List<String> names() {
        return events.stream().map(e -> {
            StringBuilder sb = new StringBuilder(e.name());
            if (e.attempt() > 0) {
                sb.append(' ').append(e.attempt());
            }
            if (e.status() > 0) {
                sb.append(' ').append(e.status());
            }
            if (e.failure() != null) {
                sb.append(' ').append(e.failure().getClass().getSimpleName());
            }
            if (e.detail() != null) {
                sb.append(' ').append(e.detail());
            }
            return sb.toString();
        }).toList();
    }

    List<Event> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    @Override
    public void callStart(CallInfo call) {
        events.add(new Event("callStart", call, 0, null, null, 0, null));
    }

    @Override
    public void attemptStart(CallInfo call, int attempt) {
        events.add(new Event("attemptStart", call, attempt, null, null, 0, null));
    }

    @Override
    public void attemptFailed(CallInfo call, int attempt, LuotsiException failure) {
        events.add(new Event("attemptFailed", call, attempt, failure, null, 0, null));
    }

    @Override
    public void retryScheduled(CallInfo call, int nextAttempt, Duration delay, LuotsiException cause) {
        events.add(new Event("retryScheduled", call, nextAttempt, cause, delay, 0, null));
    }

    @Override
    public void callRejected(CallInfo call, String reason) {
        events.add(new Event("callRejected", call, 0, null, null, 0, reason));
    }

    @Override
    public void circuitBreakerStateChanged(String target, String fromState, String toState) {
        events.add(new Event("circuitBreakerStateChanged", null, 0, null, null, 0,
                target + " " + fromState + "->" + toState));
    }

    @Override
    public void callEnd(CallInfo call, int status, Duration duration) {
        events.add(new Event("callEnd", call, 0, null, duration, status, null));
    }

    @Override
    public void callFailed(CallInfo call, LuotsiException failure, Duration duration) {
        events.add(new Event("callFailed", call, 0, failure, duration, 0, null));
    }
}
