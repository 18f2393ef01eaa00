package io.luotsi.testkit;

import io.luotsi.xroad.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every exchange the fake Security Server handled since the last reset, in arrival order, with assertion helpers
 * that fail with an {@link AssertionError} listing what was recorded. Thread-safe.
 *
 * <pre>{@code
 * RecordedExchange call = fake.recordings().single(petsService);
 * assertThat(call.providerRequest().orElseThrow().header("X-Road-Client")).hasValue("DEV/COM/4321/TestClient");
 * fake.recordings().assertNoUnmatched();
 * }</pre>
 */
public final class RecordedExchanges {

    private final java.util.ArrayDeque<RecordedExchange> exchanges = new java.util.ArrayDeque<>();
    private final int limit;
    private long droppedUnmatched;

    RecordedExchanges(int limit) {
        this.limit = limit;
    }

    synchronized void add(RecordedExchange exchange) {
        exchanges.addLast(exchange);
        while (exchanges.size() > limit) {
            if (exchanges.removeFirst().unmatched()) {
                droppedUnmatched++;
            }
        }
    }

    /** Forgets everything recorded. */
    public synchronized void clear() {
        exchanges.clear();
        droppedUnmatched = 0;
    }

    /** The most exchanges kept; older ones are forgotten (a long-running standalone server must not fill memory). */
    public int limit() {
        return limit;
    }

    /** A copy of every recorded exchange, oldest first. */
    public synchronized List<RecordedExchange> all() {
        return List.copyOf(exchanges);
    }

    public synchronized int size() {
        return exchanges.size();
    }

    public synchronized boolean isEmpty() {
        return exchanges.isEmpty();
    }

    /** The exchanges addressed to a service. */
    public List<RecordedExchange> to(ServiceId service) {
        return all().stream().filter(e -> e.service().filter(service::equals).isPresent()).toList();
    }

    /** The unexpected exchanges (see {@link RecordedExchange#unmatched()}). */
    public List<RecordedExchange> unmatched() {
        return all().stream().filter(RecordedExchange::unmatched).toList();
    }

    /** The most recent exchange. */
    public RecordedExchange last() {
        List<RecordedExchange> all = all();
        if (all.isEmpty()) {
            throw new AssertionError("the fake Security Server received no request");
        }
        return all.get(all.size() - 1);
    }

    /** The only exchange; fails unless exactly one was recorded. */
    public RecordedExchange single() {
        List<RecordedExchange> all = all();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request to the fake Security Server, got " + all.size()
                    + describe(all));
        }
        return all.get(0);
    }

    /** The only exchange addressed to {@code service}; fails unless exactly one was. */
    public RecordedExchange single(ServiceId service) {
        List<RecordedExchange> matching = to(service);
        if (matching.size() != 1) {
            throw new AssertionError("expected exactly one request to " + service + ", got " + matching.size()
                    + describe(all()));
        }
        return matching.get(0);
    }

    /** Fails unless {@code service} was called exactly {@code times} times. */
    public void assertCalled(ServiceId service, int times) {
        int actual = to(service).size();
        if (actual != times) {
            throw new AssertionError("expected " + times + " request(s) to " + service + ", got " + actual
                    + describe(all()));
        }
    }

    /** Fails if any exchange was unexpected (also one already forgotten because of {@link #limit()}). */
    public void assertNoUnmatched() {
        List<RecordedExchange> unmatched = unmatched();
        long forgotten;
        synchronized (this) {
            forgotten = droppedUnmatched;
        }
        if (!unmatched.isEmpty() || forgotten > 0) {
            AssertionError error = new AssertionError(unmatchedMessage(unmatched)
                    + (forgotten > 0 ? "\n(and " + forgotten + " more no longer recorded)" : ""));
            unmatched.stream().flatMap(e -> e.failure().stream()).forEach(error::addSuppressed);
            throw error;
        }
    }

    static String unmatchedMessage(List<RecordedExchange> unmatched) {
        return "the fake Security Server received " + unmatched.size() + " unexpected request(s)" + describe(unmatched)
                + "\nIf they are intended, call expectUnmatched() on the FakeSecurityServer in the test, or turn "
                + "strict mode off (@XRoadTest(strict = false) or FakeSecurityServer.builder().strict(false)).";
    }

    private static String describe(List<RecordedExchange> exchanges) {
        if (exchanges.isEmpty()) {
            return "";
        }
        return exchanges.stream().map(e -> "  " + e).collect(Collectors.joining("\n", ":\n", ""));
    }

    @Override
    public String toString() {
        return "RecordedExchanges" + new ArrayList<>(all());
    }
}
