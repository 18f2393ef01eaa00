package io.luotsi.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.luotsi.auth.mandate.ValtuudetClient;
import io.luotsi.auth.mandate.ValtuudetSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fake of the Suomi.fi e-Authorizations (Valtuudet) Authorization REST API on loopback (the JDK HTTP server):
 * {@code GET /service/rest/hpa/authorization/{clientId}/{delegateId}/{principalId}?issue=..&requestId=..}. It checks
 * the {@value ValtuudetSignature#HEADER} header byte for byte, as the service does: this client id, a timestamp within
 * ±5 minutes of the fake's clock, and the HMAC-SHA256 with the API key over the request target exactly as received
 * (raw path and query) and the timestamp text. Mandates are declared in the test; everything else is DISALLOWED.
 *
 * <pre>{@code
 * try (FakeMandateService valtuudet = FakeMandateService.builder().clientId("abcd1234").apiKey("secret")
 *         .clock(clock).start()) {
 *     valtuudet.allow("010101-123N", "020202-234M", ISSUE);
 *     ValtuudetClient client = ValtuudetClient.builder().baseUrl(valtuudet.baseUrl())
 *         .clientId("abcd1234").apiKey("secret").clock(clock).build();
 *     ...
 *     assertThat(valtuudet.requests()).singleElement().matches(r -> r.status() == 200);
 * }
 * }</pre>
 *
 * Answers: 200 {@code {"result":"ALLOWED","reasons":[]}} or
 * {@code {"result":"DISALLOWED","reasons":[{"reasonRule":"hpa.mandate.missing",...}]}}; 401 with
 * {@code {"error":"<why>"}} when the signature is refused; 400 without {@code X-userId}, a request id or an issue;
 * 404 for other paths.
 */
public final class FakeMandateService implements AutoCloseable {

    /** One request as the fake received it and what it answered. */
    public record Request(String target, String authorization, String userId, int status, String result,
                          String refusal) {

        /** Why the signature was refused, if it was. */
        public Optional<String> signatureRefusal() {
            return Optional.ofNullable(refusal);
        }
    }

    private record Mandate(String delegateId, String principalId, String issue) {
    }

    private final ValtuudetSignature signature;
    private final Clock clock;
    private final HttpServer server;
    private final Set<Mandate> mandates = new HashSet<>();
    private final List<Request> requests = new ArrayList<>();

    private FakeMandateService(Builder b) {
        this.signature = ValtuudetSignature.of(b.clientId, b.apiKey);
        this.clock = b.clock;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + b.port, e);
        }
        server.createContext("/", this::handle);
    }

    public static Builder builder() {
        return new Builder();
    }

    private FakeMandateService start() {
        server.start();
        return this;
    }

    /** Where clients reach it: {@code http://127.0.0.1:port}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** A {@link ValtuudetClient} builder pointed at this fake with its credentials; set the clock you test with. */
    public ValtuudetClient.Builder clientBuilder(String apiKey) {
        return ValtuudetClient.builder().baseUrl(baseUrl())
                .clientId(signature.clientId()).apiKey(apiKey);
    }

    /** The delegate may act for the principal in the issue (identifiers without a country prefix). */
    public synchronized FakeMandateService allow(String delegateId, String principalId, String issue) {
        mandates.add(new Mandate(delegateId, principalId, issue));
        return this;
    }

    /** The mandate ends. */
    public synchronized FakeMandateService revoke(String delegateId, String principalId, String issue) {
        mandates.remove(new Mandate(delegateId, principalId, issue));
        return this;
    }

    /** Every request, oldest first. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "FakeMandateService[" + baseUrl() + ", " + signature.clientId() + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI()
                    .getRawQuery());
            String header = exchange.getRequestHeaders().getFirst(ValtuudetSignature.HEADER);
            String userId = exchange.getRequestHeaders().getFirst(ValtuudetClient.END_USER_HEADER);
            String[] segments = exchange.getRequestURI().getRawPath().split("/");
            // "", service, rest, hpa, authorization, clientId, delegateId, principalId
            if (!exchange.getRequestMethod().equals("GET") || segments.length != 8
                    || !String.join("/", List.of(segments).subList(0, 5)).equals("/service/rest/hpa/authorization")) {
                respond(exchange, target, header, userId, 404, null, null, "{\"error\":\"not found\"}");
                return;
            }
            Optional<String> refused = signature.verify(header, target, clock.instant());
            if (refused.isEmpty() && !decode(segments[5]).equals(signature.clientId())) {
                refused = Optional.of("the path names another client id");
            }
            if (refused.isPresent()) {
                respond(exchange, target, header, userId, 401, null, refused.get(),
                        "{\"error\":\"" + refused.get() + "\"}");
                return;
            }
            List<String> issues = new ArrayList<>();
            String requestId = null;
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String value = decode(pair.substring(eq + 1));
                switch (pair.substring(0, eq)) {
                    case "issue" -> issues.add(value);
                    case "requestId" -> requestId = value;
                    default -> {
                    }
                }
            }
            if (userId == null || requestId == null || issues.isEmpty()) {
                respond(exchange, target, header, userId, 400, null, null,
                        "{\"error\":\"X-userId, requestId and issue are required\"}");
                return;
            }
            String delegate = decode(segments[6]);
            String principal = decode(segments[7]);
            boolean allowed;
            synchronized (this) {
                allowed = issues.stream().allMatch(i -> mandates.contains(new Mandate(delegate, principal, i)));
            }
            String body = allowed ? "{\"result\":\"ALLOWED\",\"reasons\":[]}"
                    : "{\"result\":\"DISALLOWED\",\"reasons\":[{\"reasonRule\":\"hpa.mandate.missing\","
                    + "\"reasonValue\":\"no valid mandate\",\"valueType\":\"string\"}]}";
            respond(exchange, target, header, userId, 200, allowed ? "ALLOWED" : "DISALLOWED", null, body);
        }
    }

    private void respond(HttpExchange exchange, String target, String header, String userId, int status,
                         String result, String refusal, String body) throws IOException {
        synchronized (this) {
            requests.add(new Request(target, header, userId, status, result, refusal));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Builds and starts a {@link FakeMandateService}: the client id and API key are required. */
    public static final class Builder {
        private String clientId;
        private String apiKey;
        private Clock clock = Clock.systemUTC();
        private int port;

        private Builder() {
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** The service's clock, against which the ±5 minute window of the signature's timestamp is checked. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The loopback port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public FakeMandateService start() {
            if (clientId == null || apiKey == null) {
                throw new IllegalStateException("clientId and apiKey are required");
            }
            return new FakeMandateService(this).start();
        }
    }
}
