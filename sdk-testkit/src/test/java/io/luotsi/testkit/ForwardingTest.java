package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.rest.RestResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forwarding to a real provider on loopback, with X-Road's path, header, hash and redirect rules. */
class ForwardingTest {

    static final ClientId CONSUMER = ClientId.parse("EE/BUSINESS/consumer/sub");
    static final ClientId SLASHED_CONSUMER = new ClientId("EE", "BUSINESS", "consumer", "sub/system");
    static final ServiceId ECHO = ServiceId.parse("EE/BUSINESS/producer/sub/echo");
    static final ServiceId ENCODED = new ServiceId(new ClientId("EE", "BUSINESS", "producer", "s/ub"), "öäå", null);
    static final ServiceId PREFIXED = ServiceId.parse("EE/BUSINESS/producer/sub/prefixed");

    static LoopbackProvider provider;
    static FakeSecurityServer fake;
    static XRoadClient client;

    @BeforeAll
    static void start() throws Exception {
        provider = new LoopbackProvider();
        fake = FakeSecurityServer.builder()
                .instance("EE")
                .subsystem(CONSUMER, "Consumer")
                .subsystem(SLASHED_CONSUMER, "Consumer with a slash")
                .service(ServiceRegistration.rest(ECHO).allow(CONSUMER).forwardTo(provider.baseUrl()))
                .service(ServiceRegistration.rest(ENCODED).allow(SLASHED_CONSUMER).forwardTo(provider.baseUrl()))
                .service(ServiceRegistration.rest(PREFIXED).allow(CONSUMER).forwardTo(provider.baseUrl() + "/api/"))
                .start();
        client = fake.clientBuilder(CONSUMER).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
        provider.close();
    }

    @AfterEach
    void reset() {
        fake.verifyNoUnmatched();
        fake.reset();
        provider.clear();
    }

    @Test
    void forwardsThePercentEncodedPathAndQueryUnchanged() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(),
                "/r1/EE/BUSINESS/producer/s%2Fub/%C3%B6%C3%A4%C3%A5/path%3B/x%2Fy?q=a%20b&x=%2F",
                "X-Road-Client: EE/BUSINESS/consumer/sub%2Fsystem");

        assertThat(r.status()).isEqualTo(200);
        LoopbackProvider.Received received = provider.single();
        assertThat(received.rawPath()).isEqualTo("/path%3B/x%2Fy");
        assertThat(received.rawQuery()).isEqualTo("q=a%20b&x=%2F");
        assertThat(r.header("x-road-service")).hasValue("EE/BUSINESS/producer/s%2Fub/%C3%B6%C3%A4%C3%A5");
        assertThat(r.header("x-road-client")).hasValue("EE/BUSINESS/consumer/sub%2Fsystem");
        RecordedExchange call = fake.recordings().single();
        assertThat(call.service()).hasValue(ENCODED);
        assertThat(call.client()).hasValue(SLASHED_CONSUMER);
    }

    @Test
    void luotsiClientReachesPercentEncodedIdentifiers() {
        try (XRoadClient slashed = fake.clientBuilder(SLASHED_CONSUMER).build()) {
            RestResponse<String> r = slashed.rest(ENCODED).raw("GET", "/path%3B/").execute(String.class);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.xroad().service()).hasValue(ENCODED);
            assertThat(r.xroad().client()).hasValue(SLASHED_CONSUMER);
            assertThat(provider.single().rawPath()).isEqualTo("/path%3B/");
        }
    }

    @Test
    void emptyServicePathReachesTheProviderAsSlash() throws Exception {
        RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo", "X-Road-Client: EE/BUSINESS/consumer/sub");
        RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo/", "X-Road-Client: EE/BUSINESS/consumer/sub");

        assertThat(provider.received()).extracting(LoopbackProvider.Received::rawPath).containsExactly("/", "/");
    }

    @Test
    void servicePathFollowsTheServiceAddressWithoutDoublingTheSlash() {
        client.rest(PREFIXED).get("/pets/{id}", 7).execute(String.class);

        assertThat(provider.single().rawPath()).isEqualTo("/api/pets/7");
        assertThat(fake.recordings().single().providerRequest().orElseThrow().path()).isEqualTo("/api/pets/7");
    }

    @Test
    void providerGetsXRoadHeadersButNoHopByHopOrForgedOnes() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo/pets",
                "X-Road-Client: EE/BUSINESS/consumer/sub",
                "X-Road-UserId: EE37702211234",
                "X-Custom: kept",
                "User-Agent: my-agent",
                "Keep-Alive: timeout=5",
                "Proxy-Authorization: Basic c2VjcmV0",
                "X-Road-Request-Id: forged-request-id",
                "X-Road-Request-Hash: forged-hash");

        assertThat(r.status()).isEqualTo(200);
        LoopbackProvider.Received received = provider.single();
        assertThat(received.header("X-Road-Client")).isEqualTo("EE/BUSINESS/consumer/sub");
        assertThat(received.header("X-Road-UserId")).isEqualTo("EE37702211234");
        assertThat(received.header("X-Custom")).isEqualTo("kept");
        assertThat(received.header("X-Road-Id")).matches("EE-[0-9a-f-]{36}");
        assertThat(received.headerValues("X-Road-Request-Id")).hasSize(1);
        String requestId = received.header("X-Road-Request-Id");
        assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);
        assertThat(received.header("X-Road-Request-Hash")).isNull();
        assertThat(received.header("Keep-Alive")).isNull();
        assertThat(received.header("Proxy-Authorization")).isNull();
        assertThat(received.header("User-Agent")).isNotEqualTo("my-agent");

        RecordedExchange call = fake.recordings().single();
        assertThat(call.requestId()).hasValue(requestId);
        assertThat(r.header("x-road-request-id")).hasValue(requestId);
        assertThat(call.messageId()).hasValue(received.header("X-Road-Id"));
        assertThat(r.header("x-road-id")).hasValue(received.header("X-Road-Id"));
    }

    @Test
    void keepsTheClientsXRoadId() {
        RestResponse<String> r = client.rest(ECHO).get("/").messageId("my-message-1").execute(String.class);

        assertThat(provider.single().header("X-Road-Id")).isEqualTo("my-message-1");
        assertThat(r.xroad().messageId()).hasValue("my-message-1");
    }

    @Test
    void lastXRoadClientHeaderWins() throws Exception {
        RawHttp.Response served = RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo",
                "X-Road-Client: EE/BUSINESS/consumer/unregistered", "X-Road-Client: EE/BUSINESS/consumer/sub");
        RawHttp.Response refused = RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo",
                "X-Road-Client: EE/BUSINESS/consumer/sub", "X-Road-Client: EE/BUSINESS/consumer/unregistered");

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("x-road-client")).hasValue("EE/BUSINESS/consumer/sub");
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.header("X-Road-Error")).hasValue("server.clientproxy.unknown_member");
        assertThat(fake.recordings().all().get(0).client()).hasValue(CONSUMER);
        fake.expectUnmatched();
    }

    @Test
    void requestHashCanBeRecomputedFromTheRecordingWithABody() throws Exception {
        byte[] body = "{\"value\" : 42}".getBytes(StandardCharsets.UTF_8);
        RestResponse<String> r = client.rest(ECHO).post("/pets").body(RequestBody.of(body, "application/json"))
                .execute(String.class);

        RecordedExchange call = fake.recordings().single();
        String headerPart = call.restHeaderPartAsString().orElseThrow();
        assertThat(headerPart).startsWith("POST\r\n/r1/EE/BUSINESS/producer/sub/echo/pets\r\n")
                .contains("X-Road-Client:EE/BUSINESS/consumer/sub\r\n")
                .endsWith("x-road-request-id:" + call.requestId().orElseThrow() + "\r\n");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        byte[] h = sha512.digest(call.restHeaderPart().orElseThrow());
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(h);
        both.write(sha512.digest(body));
        String expected = Base64.getEncoder().encodeToString(sha512.digest(both.toByteArray()));

        assertThat(call.requestHash()).hasValue(expected);
        assertThat(r.xroad().requestHash()).hasValue(expected);
        assertThat(call.response().header("x-road-request-hash")).hasValue(expected);
    }

    @Test
    void requestHashWithoutABodyCoversTheHeaderPartOnlyIncludingTheGeneratedXRoadId() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo/pets?limit=5",
                "X-Road-Client: EE/BUSINESS/consumer/sub");

        RecordedExchange call = fake.recordings().single();
        assertThat(call.restHeaderPartAsString().orElseThrow())
                .startsWith("GET\r\n/r1/EE/BUSINESS/producer/sub/echo/pets?limit=5\r\n")
                .endsWith("x-road-request-id:" + call.requestId().orElseThrow() + "\r\nx-road-id:"
                        + call.messageId().orElseThrow() + "\r\n");
        String expected = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-512").digest(call.restHeaderPart().orElseThrow()));
        assertThat(r.header("x-road-request-hash")).hasValue(expected);
    }

    @Test
    void identicalRequestsGetDifferentRequestHashes() {
        String first = client.rest(ECHO).get("/").messageId("same").execute(String.class).xroad().requestHash()
                .orElseThrow();
        String second = client.rest(ECHO).get("/").messageId("same").execute(String.class).xroad().requestHash()
                .orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void postBodyIsForwardedWithARecomputedContentLength() {
        byte[] body = new byte[3000];
        new Random(1).nextBytes(body);

        client.rest(ECHO).post("/upload").body(RequestBody.of(body, "application/octet-stream")).execute();

        LoopbackProvider.Received received = provider.single();
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.header("Content-Length")).isEqualTo("3000");
        assertThat(received.header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void getBodyIsHashedButNotForwardedAsApacheHttpClientWouldNot() throws Exception {
        List<String> head = List.of("GET /r1/EE/BUSINESS/producer/sub/echo HTTP/1.1", "Host: localhost",
                "X-Road-Client: EE/BUSINESS/consumer/sub");
        byte[] body = "ignored".getBytes(StandardCharsets.UTF_8);

        RawHttp.Response r = RawHttp.send(fake.httpUrl(), head, body);

        assertThat(r.status()).isEqualTo(200);
        assertThat(provider.single().body()).isEmpty();
        RecordedExchange call = fake.recordings().single();
        assertThat(call.request().body()).isEqualTo(body);
        assertThat(call.providerRequest().orElseThrow().body()).isEmpty();
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        byte[] h = sha512.digest(call.restHeaderPart().orElseThrow());
        byte[] combined = sha512.digest(concat(h, sha512.digest(body)));
        assertThat(r.header("x-road-request-hash")).hasValue(Base64.getEncoder().encodeToString(combined));
    }

    @Test
    void providerResponseHeadersPassBackExceptThoseTheSecurityServerSets() throws Exception {
        provider.answer(r -> LoopbackProvider.Answer.of(200, "application/json", "{\"ok\":true}")
                .with("X-Pet-Count", "3")
                .with("X-Road-Id", "provider-made-up")
                .with("X-Road-Request-Id", "provider-made-up")
                .with("X-Road-Request-Hash", "provider-made-up")
                .with("X-Road-Client", "provider/made/up")
                .with("Keep-Alive", "timeout=1"));

        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo",
                "X-Road-Client: EE/BUSINESS/consumer/sub", "X-Road-Id: client-id-1");

        assertThat(r.header("X-Pet-Count")).hasValue("3");
        assertThat(r.header("Content-Type")).hasValue("application/json");
        assertThat(r.headers("x-road-id")).containsExactly("client-id-1");
        assertThat(r.headers("x-road-request-id")).hasSize(1).doesNotContain("provider-made-up");
        assertThat(r.headers("x-road-request-hash")).hasSize(1).doesNotContain("provider-made-up");
        assertThat(r.headers("x-road-client")).containsExactly("EE/BUSINESS/consumer/sub");
        assertThat(r.headers("x-road-service")).containsExactly("EE/BUSINESS/producer/sub/echo");
        assertThat(r.header("Keep-Alive")).isEmpty();
        assertThat(r.headers("Date")).hasSize(1);
        assertThat(r.bodyAsString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void redirectsArePassedBackNotFollowed() throws Exception {
        String location = "/r1/EE/BUSINESS/producer/sub/echo/notexists";
        provider.answer(r -> new LoopbackProvider.Answer(302, java.util.Collections.singletonList(new String[] {"Location", location}),
                new byte[0]));

        RawHttp.Response raw = RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo/service",
                "X-Road-Client: EE/BUSINESS/consumer/sub");
        RestResponse<String> viaClient = client.rest(ECHO).get("/service").execute(String.class);

        assertThat(raw.status()).isEqualTo(302);
        assertThat(raw.header("Location")).hasValue(location);
        assertThat(viaClient.isRedirect()).isTrue();
        assertThat(viaClient.location()).hasValue(location);
        assertThat(provider.received()).extracting(LoopbackProvider.Received::rawPath)
                .containsExactly("/service", "/service");
    }

    @Test
    void providerErrorsPassThroughWithoutXRoadError() throws Exception {
        provider.answer(r -> LoopbackProvider.Answer.of(r.rawPath().equals("/missing") ? 404 : 503,
                "application/problem+json", "{\"title\":\"Not here\"}"));

        RawHttp.Response raw = RawHttp.get(fake.httpUrl(), "/r1/EE/BUSINESS/producer/sub/echo/missing",
                "X-Road-Client: EE/BUSINESS/consumer/sub");
        Throwable notFound = catchThrowable(() -> client.rest(ECHO).get("/missing").execute(String.class));
        Throwable unavailable = catchThrowable(() -> client.rest(ECHO).get("/down").execute(String.class));

        assertThat(raw.status()).isEqualTo(404);
        assertThat(raw.header("X-Road-Error")).isEmpty();
        assertThat(raw.bodyAsString()).isEqualTo("{\"title\":\"Not here\"}");
        assertThat(notFound).isInstanceOfSatisfying(ProviderErrorException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.bodyAsString()).isEqualTo("{\"title\":\"Not here\"}");
            assertThat(e.retryable()).isFalse();
            assertThat(e.headers().value("x-road-request-id")).isPresent();
        });
        assertThat(unavailable).isInstanceOfSatisfying(ProviderErrorException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(fake.recordings().all()).noneMatch(RecordedExchange::unmatched);
    }

    @Test
    void largeBodiesTravelBothWays() {
        byte[] big = new byte[5 * 1024 * 1024 + 104729];
        new Random(7).nextBytes(big);
        provider.answer(r -> new LoopbackProvider.Answer(200,
                java.util.Collections.singletonList(new String[] {"Content-Type", "application/octet-stream"}), r.body()));

        RestResponse<byte[]> r = client.rest(ECHO).put("/blob").body(RequestBody.of(big, "application/octet-stream"))
                .execute(byte[].class);

        assertThat(Arrays.equals(r.body(), big)).isTrue();
        assertThat(provider.single().body()).hasSize(big.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
