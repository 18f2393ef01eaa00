package io.luotsi.xroad.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.CallInfo;
import io.luotsi.core.EventListener;
import io.luotsi.core.TransportException;
import io.luotsi.core.http.RequestBody;
import io.luotsi.core.resilience.ResiliencePolicy;
import io.luotsi.core.resilience.RetryPolicy;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadAsyncClient;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries through the X-Road client: only when the failure says a retry may help and the retry is safe. */
class RestResilienceTest {

    static final ClientId CONSUMER = ClientId.subsystem("EE", "BUSINESS", "consumer", "sub");
    static final ServiceId SERVICE = ServiceId.of("EE", "BUSINESS", "producer", "sub", "getX");
    static final ResiliencePolicy RETRY_3 = ResiliencePolicy.custom()
            .retry(RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1)))
            .build();

    final MockWebServer server = new MockWebServer();
    final List<Integer> attempts = new CopyOnWriteArrayList<>();
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = clientFor(server.url("/").toString());
    }

    XRoadClient clientFor(String url) {
        return XRoadClient.builder().securityServer(url).client(CONSUMER).resilience(RETRY_3)
                .addEventListener(new EventListener() {
                    @Override
                    public void attemptStart(CallInfo call, int attempt) {
                        attempts.add(attempt);
                    }
                })
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static MockResponse xroadError(String code) {
        return new MockResponse.Builder().code(500).addHeader("X-Road-Error", code)
                .addHeader("Content-Type", "application/json")
                .body("{\"type\":\"" + code + "\",\"message\":\"m\",\"detail\":\"d\"}").build();
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void retriesAGetAfterARetryableXRoadError() throws Exception {
        server.enqueue(xroadError("server.clientproxy.network_error"));
        server.enqueue(xroadError("Server.ClientProxy.NetworkError"));
        server.enqueue(ok("\"done\""));
        RestResponse<String> r = client.rest(SERVICE).get("/x").messageId("m-1").execute(String.class);
        assertThat(r.body()).isEqualTo("\"done\"");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(attempts).containsExactly(1, 2, 3);
        // every attempt is the same message
        for (int i = 0; i < 3; i++) {
            assertThat(server.takeRequest().getHeaders().get("X-Road-Id")).isEqualTo("m-1");
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(xroadError("server.clientproxy.network_error"));
        }
        server.enqueue(ok("\"never\""));
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute())
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.clientproxy.network_error"));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAnErrorThatRetryingCannotFix() {
        server.enqueue(xroadError("server.serverproxy.access_denied"));
        server.enqueue(ok("\"never\""));
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute()).isInstanceOf(XRoadException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAPostThatMayHaveBeenProcessed() {
        server.enqueue(xroadError("server.serverproxy.service_failed.io_error"));
        server.enqueue(ok("\"never\""));
        assertThatThrownBy(() -> client.rest(SERVICE).post("/orders").jsonBody(List.of(1)).execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.requestMayHaveBeenProcessed()).isTrue();
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAPostAfterTheProviderSignedNothing() {
        // server.serverproxy.cannot_create_signature: the provider SS failed to sign the *response*, so the
        // service has already acted on the request.
        server.enqueue(xroadError("server.serverproxy.cannot_create_signature"));
        server.enqueue(ok("\"never\""));
        assertThatThrownBy(() -> client.rest(SERVICE).post("/orders").jsonBody(List.of(1)).execute())
                .isInstanceOf(XRoadException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAPostAfterAProviderError() {
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        server.enqueue(ok("\"never\""));
        assertThatThrownBy(() -> client.rest(SERVICE).post("/orders").jsonBody(List.of(1)).execute())
                .isInstanceOfSatisfying(ProviderErrorException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retriesAGetAfterARetryableProviderError() {
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        server.enqueue(ok("\"ok\""));
        assertThat(client.rest(SERVICE).get("/").execute(String.class).body()).isEqualTo("\"ok\"");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retriesAPostWhenTheErrorProvesNothingWasProcessed() throws Exception {
        server.enqueue(xroadError("server.clientproxy.maintenance_mode"));
        server.enqueue(xroadError("Server.ClientProxy.OutdatedGlobalConf"));
        server.enqueue(ok("{\"id\":1}"));
        RestResponse<String> r = client.rest(SERVICE).post("/orders")
                .body(RequestBody.of("{\"n\":1}", "application/json")).execute(String.class);
        assertThat(r.body()).isEqualTo("{\"id\":1}");
        assertThat(server.getRequestCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(server.takeRequest().getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        }
    }

    @Test
    void retriesAPostWhenTheConnectionIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (XRoadClient refused = clientFor("http://127.0.0.1:" + port)) {
            assertThatThrownBy(() -> refused.rest(SERVICE).post("/orders").jsonBody(List.of(1)).execute())
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.phase()).isEqualTo(TransportException.Phase.CONNECT);
                        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
                        assertThat(e.messageId()).isPresent();
                    });
        }
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void doesNotRetryAOneShotBodyThatWasSent() {
        server.enqueue(xroadError("server.clientproxy.maintenance_mode"));
        server.enqueue(ok("\"never\""));
        RequestBody oneShot = RequestBody.ofStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3,
                "application/octet-stream");
        assertThatThrownBy(() -> client.rest(SERVICE).post("/upload").body(oneShot).execute())
                .isInstanceOf(XRoadException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPerCallPolicyReplacesTheClientsRetries() {
        server.enqueue(xroadError("server.clientproxy.network_error"));
        server.enqueue(ok("\"never\""));
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").policy(ResiliencePolicy.defaults()).execute())
                .isInstanceOf(XRoadException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void asyncTwinSucceeds() throws Exception {
        XRoadAsyncClient async = client.async();
        server.enqueue(xroadError("server.clientproxy.io_error"));
        server.enqueue(ok("[\"a\",\"b\"]").newBuilder().addHeader("X-Road-Request-Id", "r-1").build());
        CompletableFuture<RestResponse<List<String>>> f = async.rest(SERVICE).get("/list/{x}", "a/b")
                .userId("U1").execute(new io.luotsi.core.json.TypeRef<List<String>>() { });
        RestResponse<List<String>> r = f.get(10, TimeUnit.SECONDS);
        assertThat(r.body()).containsExactly("a", "b");
        assertThat(r.xroad().requestId()).contains("r-1");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getTarget()).endsWith("/getX/list/a%2Fb");
        assertThat(server.takeRequest().getHeaders().get("X-Road-UserId")).isEqualTo("U1");
    }

    @Test
    void asyncTwinFailsWithTheSameExceptions() {
        XRoadAsyncClient async = client.async();
        server.enqueue(xroadError("server.serverproxy.access_denied"));
        CompletableFuture<RestResponse<Void>> f = async.rest(SERVICE).get("/").execute();
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.access_denied"));

        server.enqueue(new MockResponse.Builder().code(404).body("nope").build());
        CompletableFuture<RestStreamResponse> s = async.rest(SERVICE).get("/").executeStreaming();
        assertThatThrownBy(s::join).cause().isInstanceOfSatisfying(ProviderErrorException.class,
                e -> assertThat(e.bodyAsString()).isEqualTo("nope"));

        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html").body("<p/>").build());
        CompletableFuture<RestResponse<List<String>>> typed = async.rest(SERVICE).get("/")
                .execute(new io.luotsi.core.json.TypeRef<List<String>>() { });
        assertThatThrownBy(typed::join).cause().isInstanceOf(io.luotsi.core.ProtocolException.class);
    }

    @Test
    void asyncClientBuiltDirectlyWorksAndClosesItsOwnPool() throws Exception {
        try (XRoadAsyncClient async = XRoadClient.builder().securityServer(server.url("/").toString())
                .client(CONSUMER).buildAsync()) {
            server.enqueue(ok("\"x\""));
            assertThat(async.rest(SERVICE).post("/").jsonBody("x").execute(String.class).get(10, TimeUnit.SECONDS)
                    .body()).isEqualTo("\"x\"");
            assertThat(async.sync().clientId()).isEqualTo(CONSUMER);
        }
    }
}
