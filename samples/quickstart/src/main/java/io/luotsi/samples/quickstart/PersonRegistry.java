package io.luotsi.samples.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's side of the sample: a small person registry, a plain HTTP service on this machine. In production it
 * sits behind the provider's Security Server; here the fake Security Server forwards to it, adding the headers a
 * provider's Security Server adds (X-Road-Client, X-Road-Id, X-Road-Request-Id).
 */
final class PersonRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> persons = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(2);
    private volatile String lastCaller;

    PersonRegistry() throws IOException {
        persons.put("1", "{\"id\":\"1\",\"name\":\"Aino Virtanen\",\"municipality\":\"Helsinki\"}");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/persons", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The X-Road-Client the registry saw on the last request, as its Security Server passed it on. */
    String lastCaller() {
        return lastCaller;
    }

    private void handle(HttpExchange exchange) throws IOException {
        lastCaller = exchange.getRequestHeaders().getFirst("X-Road-Client");
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.startsWith("/persons/")) {
            String person = persons.get(path.substring("/persons/".length()));
            if (person == null) {
                send(exchange, 404, "{\"error\":\"no such person\"}");
            } else {
                send(exchange, 200, person);
            }
        } else if (method.equals("POST") && path.equals("/persons")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = Integer.toString(nextId.getAndIncrement());
            String name = body.replaceAll("(?s).*\"name\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            String person = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"municipality\":null}";
            persons.put(id, person);
            exchange.getResponseHeaders().add("Location", "/persons/" + id);
            send(exchange, 201, person);
        } else {
            send(exchange, 405, "{\"error\":\"method not allowed\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
