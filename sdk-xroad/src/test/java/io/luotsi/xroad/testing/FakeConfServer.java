package io.luotsi.xroad.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback HTTP server that answers by request target (path and query) from a table, 404 otherwise, and records
 * every target it was asked for. Stands in for a Central Server or a Security Server in tests.
 */
public final class FakeConfServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Map<String, MockResponse> responses = new ConcurrentHashMap<>();
    private final List<String> targets = new CopyOnWriteArrayList<>();

    public FakeConfServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                targets.add(request.getTarget());
                MockResponse r = responses.get(request.getTarget());
                return r != null ? r : new MockResponse.Builder().code(404).body("not found").build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public FakeConfServer serve(String target, int code, String contentType, byte[] body) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).body(new okio.Buffer().write(body));
        if (contentType != null) {
            b.addHeader("Content-Type", contentType);
        }
        responses.put(target, b.build());
        return this;
    }

    public FakeConfServer serve(String target, byte[] body) {
        return serve(target, 200, "application/octet-stream", body);
    }

    public FakeConfServer remove(String target) {
        responses.remove(target);
        return this;
    }

    /** {@code http://127.0.0.1:port} + path. */
    public String url(String path) {
        return server.url(path).toString();
    }

    /** {@code 127.0.0.1:port}. */
    public String hostAndPort() {
        return server.getHostName() + ":" + server.getPort();
    }

    public List<String> targets() {
        return List.copyOf(targets);
    }

    public void clearTargets() {
        targets.clear();
    }

    @Override
    public void close() {
        server.close();
    }
}
