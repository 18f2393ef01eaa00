package io.luotsi.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A real provider service on loopback (JDK HttpServer) that records what it receives and answers as told. */
final class LoopbackProvider implements AutoCloseable {

    /** A request as the provider received it. Header names as the JDK server normalizes them. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(e.getValue().size() - 1);
                }
            }
            return null;
        }

        List<String> headerValues(String name) {
            List<String> values = new ArrayList<>();
            headers.forEach((k, v) -> {
                if (k.equalsIgnoreCase(name)) {
                    values.addAll(v);
                }
            });
            return values;
        }
    }

    /** What to answer. */
    record Answer(int status, List<String[]> headers, byte[] body) {
        static Answer of(int status, String contentType, String body) {
            List<String[]> headers = new ArrayList<>();
            if (contentType != null) {
                headers.add(new String[] {"Content-Type", contentType});
            }
            return new Answer(status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Answer with(String name, String value) {
            List<String[]> h = new ArrayList<>(headers);
            h.add(new String[] {name, value});
            return new Answer(status, h, body);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> answers = r -> Answer.of(200, "application/json", "{}");

    LoopbackProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    void clear() {
        received.clear();
        answers = r -> Answer.of(200, "application/json", "{}");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received single() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request at the provider, got " + received.size());
        }
        return received.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        Received r = new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body);
        received.add(r);
        Answer a = answers.apply(r);
        for (String[] h : a.headers()) {
            exchange.getResponseHeaders().add(h[0], h[1]);
        }
        boolean noBody = a.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(a.status(), noBody ? -1 : a.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(a.body());
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
