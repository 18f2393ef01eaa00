package io.luotsi.core;

import io.luotsi.core.http.Headers;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.HttpTransport;
import io.luotsi.core.http.ResponseBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link HttpTransport} that answers from a script instead of the network: each call takes the next scripted
 * {@link Answer}, or the fallback when the script is empty (200 by default). Every request it was given is recorded,
 * and asynchronous calls run on its own executor, whose threads are named {@code fake-transport-N}.
 */
final class FakeTransport implements HttpTransport {

    /** What the transport does with one request. */
    @FunctionalInterface
    interface Answer {
        HttpResponse answer(HttpRequest request) throws IOException;
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-transport-" + threadIds.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private volatile Answer fallback = request -> response(request, 200);
    private volatile boolean closed;

    static HttpResponse response(HttpRequest request, int status) {
        return response(request, status, Headers.empty(), "");
    }

    static HttpResponse response(HttpRequest request, int status, Headers headers, String body) {
        return new HttpResponse(request, status, "", headers,
                ResponseBody.of(body.getBytes(StandardCharsets.UTF_8), "text/plain"));
    }

    /** The next call answers with this status. */
    FakeTransport thenRespond(int status) {
        return then(request -> response(request, status));
    }

    /** The next call fails with this exception, as OkHttpTransport would throw it. */
    FakeTransport thenFail(IOException failure) {
        return then(request -> {
            throw failure;
        });
    }

    synchronized FakeTransport then(Answer answer) {
        script.add(answer);
        return this;
    }

    /** What every call answers once the script is used up. */
    FakeTransport otherwise(Answer answer) {
        this.fallback = answer;
        return this;
    }

    List<HttpRequest> requests() {
        return List.copyOf(requests);
    }

    int requestCount() {
        return requests.size();
    }

    /** Names of the threads that called {@link #execute}, in order. */
    List<String> threads() {
        return List.copyOf(threads);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        requests.add(request);
        threads.add(Thread.currentThread().getName());
        Answer next;
        synchronized (this) {
            next = script.poll();
        }
        return (next != null ? next : fallback).answer(request);
    }

    @Override
    public ExecutorService asyncExecutor() {
        return executor;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
