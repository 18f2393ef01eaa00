package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.CallInfo;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.RequestContext;
import io.luotsi.core.ResponseClassifier;
import io.luotsi.core.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OkHttpTransportTest {

    private final MockWebServer server = new MockWebServer();
    private OkHttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server.start();
        transport = OkHttpTransport.builder().build();
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    private URI uri(String path) {
        return server.url(path).uri();
    }

    /** The exception the pipeline makes of what the transport throws. */
    private static TransportException failureThroughPipeline(HttpTransport transport, HttpRequest request) {
        HttpPipeline pipeline = HttpPipeline.builder().transport(transport).build();
        RequestContext context = RequestContext.builder().messageId("msg-7").build();
        HttpPipeline.Call call = new HttpPipeline.Call(request, context,
                CallInfo.of(request.method(), "FI/GOV/1/svc", context), null, ResponseClassifier.ACCEPT_ALL);
        return catchThrowableOfType(TransportException.class, () -> pipeline.execute(call));
    }

    @Test
    void sendsHeadersAndBodyUnchanged() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        String contentType = "Multipart/Related; type=\"application/xop+xml\"; boundary=\"MIME_boundary\"; "
                + "start=\"<rootpart@example.test>\"; start-info=\"text/xml\"";
        byte[] body = "--MIME_boundary\r\n\u0000\u00ff binary".getBytes(StandardCharsets.ISO_8859_1);
        HttpRequest request = HttpRequest.builder().uri(uri("/r1/FI/GOV/1/svc/a%2Fb?q=%C3%A4"))
                .method("POST", RequestBody.of(body, contentType))
                .header("X-Road-Client", "FI/GOV/0245437-2/ss")
                .header("X-Road-UserId", "EE37702211234")
                .header("X-Repeated", "one")
                .header("x-repeated", "two")
                .header("SOAPAction", "\"\"")
                .build();

        try (HttpResponse response = transport.execute(request)) {
            assertThat(response.status()).isEqualTo(200);
        }

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getTarget()).isEqualTo("/r1/FI/GOV/1/svc/a%2Fb?q=%C3%A4");
        assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo(contentType);
        assertThat(recorded.getHeaders().get("X-Road-Client")).isEqualTo("FI/GOV/0245437-2/ss");
        assertThat(recorded.getHeaders().get("X-Road-UserId")).isEqualTo("EE37702211234");
        assertThat(recorded.getHeaders().values("X-Repeated")).containsExactly("one", "two");
        assertThat(recorded.getHeaders().get("SOAPAction")).isEqualTo("\"\"");
        assertThat(recorded.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(body.length));
        assertThat(recorded.getBody().toByteArray()).isEqualTo(body);
    }

    @Test
    void sendsAContentTypeOkHttpCannotParseExactlyAsGiven() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        HttpRequest request = HttpRequest.builder().uri(uri("/x"))
                .method("POST", RequestBody.of("{}", "application/json;charset=utf-8;legacy")).build();

        transport.execute(request).close();

        assertThat(server.takeRequest().getHeaders().get("Content-Type"))
                .isEqualTo("application/json;charset=utf-8;legacy");
    }

    @Test
    void sendsAnEmptyBodyForAPostWithoutOne() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());

        transport.execute(HttpRequest.builder().uri(uri("/x")).method("POST").build()).close();

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("Content-Length")).isEqualTo("0");
        assertThat(recorded.getBodySize()).isZero();
    }

    @Test
    void returnsStatusReasonHeadersAndABodyThatStreams() throws Exception {
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 201 Made It")
                .addHeader("Content-Type", "Application/JSON; Charset=ISO-8859-1")
                .addHeader("X-Road-Request-Id", "req-1")
                .addHeader("X-Multi", "a").addHeader("X-Multi", "b")
                .body("{\"name\":\"P\u00f6\u00f6\"}").build());

        try (HttpResponse response = transport.execute(HttpRequest.builder().uri(uri("/x")).build())) {
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.reason()).isEqualTo("Made It");
            assertThat(response.headers().value("x-road-request-id")).contains("req-1");
            assertThat(response.headers().values("X-Multi")).containsExactly("a", "b");
            assertThat(response.body().contentType()).isEqualTo("Application/JSON; Charset=ISO-8859-1");
            assertThat(response.body().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
            assertThat(response.request().uri()).isEqualTo(uri("/x"));
            try (InputStream in = response.body().stream()) {
                assertThat(in.read()).isEqualTo('{');
            }
        }
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
        server.enqueue(new MockResponse.Builder().code(200).body("followed").build());

        try (HttpResponse response = transport.execute(HttpRequest.builder().uri(uri("/x")).build())) {
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.isRedirect()).isTrue();
            assertThat(response.headers().value("Location")).contains("/elsewhere");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsAConnectFailureThatIsSafeToRetry() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        HttpRequest request = HttpRequest.builder().uri("http://127.0.0.1:" + port + "/x")
                .method("POST", RequestBody.of("{}", "application/json")).build();

        assertThatThrownBy(() -> transport.execute(request)).isInstanceOf(OkHttpTransport.NothingSentException.class)
                .hasCauseInstanceOf(ConnectException.class);
        TransportException e = failureThroughPipeline(transport, request);

        assertThat(e.phase()).isEqualTo(TransportException.Phase.CONNECT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
        assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("messageId=msg-7");
    }

    @Test
    void aConnectionClosedAfterTheRequestWasSentIsAnExchangeFailure() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            }
        });
        HttpRequest request = HttpRequest.builder().uri(uri("/x"))
                .method("POST", RequestBody.of("{\"a\":1}", "application/json")).build();

        TransportException e = failureThroughPipeline(transport, request);

        assertThat(server.getRequestCount()).isPositive();
        assertThat(e.phase()).isEqualTo(TransportException.Phase.EXCHANGE);
        assertThat(e.requestMayHaveBeenProcessed()).isTrue();
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void readsResponseHeadersTheBuilderWouldNotSend() throws IOException {
        // A server may send Latin-1 text (here in a file name); reading it must not fail as sending it would.
        server.enqueue(new MockResponse.Builder()
                .addHeaderLenient("Content-Disposition", "attachment; filename=\"p\u00e4iv\u00e4.pdf\"")
                .body("x").build());

        try (HttpResponse r = transport.execute(HttpRequest.builder().uri(uri("/file")).build())) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().value("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("attachment; filename=").contains("iv"));
        }
    }

    @Test
    void okHttpNeverSilentlyResendsASentPostOnAReusedConnection() throws IOException {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // The second request arrives on the pooled connection of the first; the server takes it and then
                // drops the connection without answering.
                return seen.incrementAndGet() == 2
                        ? new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build()
                        : new MockResponse.Builder().body("ok").build();
            }
        });
        try (HttpResponse warmUp = transport.execute(HttpRequest.builder().uri(uri("/warm")).build())) {
            assertThat(warmUp.body().string(100)).isEqualTo("ok");
        }
        HttpRequest post = HttpRequest.builder().uri(uri("/x"))
                .method("POST", RequestBody.of("{\"a\":1}", "application/json")).build();

        assertThatThrownBy(() -> transport.execute(post)).isInstanceOf(IOException.class);

        // OkHttp's recovery for stale pooled connections would send the (repeatable) body again on a new connection.
        // A POST that reached the server must reach it once: only the pipeline's retry stage may repeat it.
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutInTheExchangePhase() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OkHttpTransport impatient = OkHttpTransport.builder()
                     .timeouts(Timeouts.DEFAULT.withRead(Duration.ofMillis(300))).build()) {
            HttpRequest request = HttpRequest.builder().uri("http://127.0.0.1:" + silent.getLocalPort() + "/x").build();

            TransportException e = failureThroughPipeline(impatient, request);

            assertThat(e.phase()).isEqualTo(TransportException.Phase.EXCHANGE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
        }
    }

    @Test
    void theCallTimeoutEndsAWholeCallInTheExchangePhase() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OkHttpTransport impatient = OkHttpTransport.builder()
                     .timeouts(Timeouts.DEFAULT.withCall(Duration.ofMillis(300))).build()) {
            HttpRequest request = HttpRequest.builder().uri("http://127.0.0.1:" + silent.getLocalPort() + "/x").build();

            TransportException e = failureThroughPipeline(impatient, request);

            assertThat(e.phase()).isEqualTo(TransportException.Phase.EXCHANGE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
        }
    }

    @Test
    void aServerThatStopsReadingTheBodyTimesOutTheWriteInTheExchangePhase() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OkHttpTransport impatient = OkHttpTransport.builder()
                     .timeouts(Timeouts.DEFAULT.withWrite(Duration.ofMillis(300))).build()) {
            long length = 256L * 1024 * 1024;
            HttpRequest request = HttpRequest.builder().uri("http://127.0.0.1:" + silent.getLocalPort() + "/x")
                    .method("PUT", RequestBody.ofStream(() -> new GeneratedStream(length), length, null)).build();

            TransportException e = failureThroughPipeline(impatient, request);

            assertThat(e.phase()).isEqualTo(TransportException.Phase.EXCHANGE);
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void aStalledTlsHandshakeTimesOutInTheConnectPhase() throws IOException {
        // a TCP listener that never answers the ClientHello
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OkHttpTransport impatient = OkHttpTransport.builder()
                     .timeouts(Timeouts.DEFAULT.withConnect(Duration.ofMillis(300)).withRead(Duration.ofMillis(300)))
                     .build()) {
            HttpRequest request = HttpRequest.builder().uri("https://127.0.0.1:" + silent.getLocalPort() + "/x")
                    .method("POST", RequestBody.of("{}", "application/json")).build();

            TransportException e = failureThroughPipeline(impatient, request);

            assertThat(e.phase()).isEqualTo(TransportException.Phase.CONNECT);
            assertThat(e.requestMayHaveBeenProcessed()).isFalse();
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void streamsALargeWriterBodyChunkedAndWhole() throws Exception {
        server.setBodyLimit(0); // count the bytes, keep none: MockWebServer would otherwise buffer them
        server.enqueue(new MockResponse.Builder().code(200).build());
        long length = 64L * 1024 * 1024;
        RequestBody body = RequestBody.ofWriter(out -> {
            try (InputStream in = new GeneratedStream(length)) {
                in.transferTo(out);
            }
        }, "application/octet-stream");

        transport.execute(HttpRequest.builder().uri(uri("/upload")).method("POST", body).build()).close();

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(recorded.getBodySize()).isEqualTo(length);
        assertThat(recorded.getChunkSizes()).hasSizeGreaterThan(1);
    }

    @Test
    void streamsALargeStreamBodyOfKnownLength() throws Exception {
        server.setBodyLimit(0);
        server.enqueue(new MockResponse.Builder().code(200).build());
        long length = 64L * 1024 * 1024 + 3;
        RequestBody body = RequestBody.ofStream(() -> new GeneratedStream(length), length, "application/pdf");

        transport.execute(HttpRequest.builder().uri(uri("/upload")).method("PUT", body).build()).close();

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(length));
        assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/pdf");
        assertThat(recorded.getBodySize()).isEqualTo(length);
    }

    @Test
    void anAdapterKeepsTheCallersClientItsListenerAndItsLife() throws Exception {
        AtomicInteger callsSeen = new AtomicInteger();
        OkHttpClient callers = new OkHttpClient.Builder().eventListener(new okhttp3.EventListener() {
            @Override
            public void callStart(okhttp3.Call call) {
                callsSeen.incrementAndGet();
            }
        }).build();
        server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/elsewhere").build());

        OkHttpTransport adapter = OkHttpTransport.of(callers);
        try (HttpResponse response = adapter.execute(HttpRequest.builder().uri(uri("/x")).build())) {
            assertThat(response.status()).as("redirects are not followed through the adapter either").isEqualTo(307);
        }
        adapter.close();

        assertThat(callsSeen).hasValue(1);
        assertThat(callers.dispatcher().executorService().isShutdown()).isFalse();
        assertThat(adapter.okHttpClient().connectionPool()).isSameAs(callers.connectionPool());
        callers.dispatcher().executorService().shutdown();
    }

    @Test
    void aSiblingWithOtherTimeoutsSharesPoolAndDispatcher() {
        OkHttpTransport sibling = transport.withTimeouts(Timeouts.DEFAULT.withRead(Duration.ofSeconds(5)));

        assertThat(sibling.okHttpClient().connectionPool()).isSameAs(transport.okHttpClient().connectionPool());
        assertThat(sibling.okHttpClient().dispatcher()).isSameAs(transport.okHttpClient().dispatcher());
        assertThat(sibling.okHttpClient().readTimeoutMillis()).isEqualTo(5000);
        sibling.close();
        assertThat(transport.okHttpClient().dispatcher().executorService().isShutdown())
                .as("closing a sibling leaves the shared dispatcher running").isFalse();
    }

    @Test
    void appliesItsConfiguration() {
        try (OkHttpTransport t = OkHttpTransport.builder()
                .timeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                        Duration.ofSeconds(4)))
                .maxRequests(10, 5).build()) {
            OkHttpClient c = t.okHttpClient();
            assertThat(c.connectTimeoutMillis()).isEqualTo(1000);
            assertThat(c.readTimeoutMillis()).isEqualTo(2000);
            assertThat(c.writeTimeoutMillis()).isEqualTo(3000);
            assertThat(c.callTimeoutMillis()).isEqualTo(4000);
            assertThat(c.dispatcher().getMaxRequests()).isEqualTo(10);
            assertThat(c.dispatcher().getMaxRequestsPerHost()).isEqualTo(5);
            assertThat(c.followRedirects()).isFalse();
            assertThat(c.protocols()).containsExactly(okhttp3.Protocol.HTTP_1_1);
        }
        assertThatThrownBy(() -> OkHttpTransport.builder().maxRequests(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OkHttpTransport.builder().maxIdleConnections(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OkHttpTransport.builder().timeouts(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void closingAnOwnedTransportStopsItsDispatcher() {
        OkHttpTransport owned = OkHttpTransport.builder().build();

        owned.close();

        assertThat(owned.okHttpClient().dispatcher().executorService().isShutdown()).isTrue();
        assertThat(owned.asyncExecutor()).isSameAs(owned.okHttpClient().dispatcher().executorService());
    }
}
