package io.luotsi.xroad.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.json.TypeRef;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the REST client hands responses to the caller: metadata, typed bodies, limits, streams. */
class RestResponseTest {

    static final ClientId CONSUMER = ClientId.subsystem("EE", "BUSINESS", "consumer", "sub");
    static final ServiceId SERVICE = ServiceId.of("EE", "BUSINESS", "producer", "sub", "persons");

    record Person(String id, String name) {
    }

    final MockWebServer server = new MockWebServer();
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = XRoadClient.builder().securityServer(server.url("/").toString()).client(CONSUMER)
                .maxBodyBytes(1024).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static MockResponse.Builder json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json; charset=utf-8").body(body);
    }

    @Test
    void exposesTheXRoadResponseHeaders() {
        server.enqueue(json("{\"id\":\"1\",\"name\":\"Ann\"}")
                .addHeader("X-Road-Id", "DEV-d75ea6fd-d24b-48ec-a320-53675c40fb86")
                .addHeader("X-Road-Request-Id", "78b890f3-b1eb-45b2-a512-beec5d7ead23")
                .addHeader("X-Road-Request-Hash", "7zmQ9CwnVrEWzWnCyXbXkQYGR+A7/i6e61JgWMLaEI8Bj1QWdrUVGijBBdyDdhcgOpfY8Sid1RhvRbs+aFbOhw==")
                .addHeader("X-Road-Service", "EE/BUSINESS/producer/s%2Fub/%C3%B6%C3%A4%C3%A5")
                .addHeader("X-Road-Client", "EE/BUSINESS/consumer/sub%2Fsystem")
                .build());
        RestResponse<Person> r = client.rest(SERVICE).get("/persons/{id}", "1").execute(Person.class);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(new Person("1", "Ann"));
        assertThat(r.xroad().messageId()).contains("DEV-d75ea6fd-d24b-48ec-a320-53675c40fb86");
        assertThat(r.xroad().requestId()).contains("78b890f3-b1eb-45b2-a512-beec5d7ead23");
        assertThat(r.xroad().requestHash()).contains(
                "7zmQ9CwnVrEWzWnCyXbXkQYGR+A7/i6e61JgWMLaEI8Bj1QWdrUVGijBBdyDdhcgOpfY8Sid1RhvRbs+aFbOhw==");
        assertThat(r.xroad().service()).contains(
                new ServiceId(new ClientId("EE", "BUSINESS", "producer", "s/ub"), "öäå", null));
        assertThat(r.xroad().client()).contains(new ClientId("EE", "BUSINESS", "consumer", "sub/system"));
        assertThat(r.headers().value("content-type")).contains("application/json; charset=utf-8");
    }

    @Test
    void leavesOutMalformedIdentifierHeaders() {
        server.enqueue(json("{}").addHeader("X-Road-Service", "EE/BUSINESS").addHeader("X-Road-Client", "a/%zz/c")
                .build());
        RestResponse<Void> r = client.rest(SERVICE).get("/").execute();
        assertThat(r.xroad().service()).isEmpty();
        assertThat(r.xroad().client()).isEmpty();
        assertThat(r.xroad().messageId()).isEmpty();
    }

    @Test
    void readsStringsInTheirCharset() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain; charset=ISO-8859-1")
                .body(new Buffer().write("Jääskeläinen".getBytes(StandardCharsets.ISO_8859_1))).build());
        assertThat(client.rest(SERVICE).get("/").execute(String.class).body()).isEqualTo("Jääskeläinen");
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain").body("öäå").build());
        assertThat(client.rest(SERVICE).get("/").execute(String.class).body()).isEqualTo("öäå");
    }

    @Test
    void readsBytes() {
        byte[] bytes = {0, 1, (byte) 0xff, 42};
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(bytes)).build());
        assertThat(client.rest(SERVICE).get("/").execute(byte[].class).body()).isEqualTo(bytes);
    }

    @Test
    void readsGenericTypes() {
        server.enqueue(json("[{\"id\":\"1\",\"name\":\"A\"},{\"id\":\"2\",\"name\":\"B\"}]").build());
        RestResponse<List<Person>> r = client.rest(SERVICE).get("/persons").execute(new TypeRef<List<Person>>() { });
        assertThat(r.body()).containsExactly(new Person("1", "A"), new Person("2", "B"));
    }

    @Test
    void voidDiscardsTheBody() {
        server.enqueue(json("{\"id\":\"1\"}").build());
        RestResponse<Void> r = client.rest(SERVICE).post("/persons").jsonBody(new Person("1", "A")).execute();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isNull();
    }

    @Test
    void noContentAndHeadGiveANullBody() {
        server.enqueue(new MockResponse.Builder().code(204).build());
        RestResponse<Person> r = client.rest(SERVICE).delete("/persons/1").execute(Person.class);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isNull();

        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").build());
        RestResponse<Person> h = client.rest(SERVICE).head("/persons/1").execute(Person.class);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.body()).isNull();
    }

    @Test
    void returnsRedirectsWithoutFollowingThem() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", server.url("/elsewhere").toString())
                .body("moved").build());
        server.enqueue(json("{\"id\":\"followed\"}").build());
        RestResponse<Person> r = client.rest(SERVICE).get("/persons/1").execute(Person.class);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.isRedirect()).isTrue();
        assertThat(r.location()).contains(server.url("/elsewhere").toString());
        assertThat(r.body()).isNull();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void typedBodyWithANonJsonContentTypeIsAProtocolException() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html").addHeader("X-Road-Id", "m-1")
                .body("<html/>").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute(Person.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.getMessage()).contains("text/html");
                    assertThat(e.messageId()).contains("m-1");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void protocolExceptionsCarryTheSentMessageIdWhenTheResponseHasNone() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html").body("<html/>").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").messageId("sent-1").execute(Person.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.messageId()).contains("sent-1");
                    assertThat(e.getMessage()).contains("sent-1");
                });
    }

    @Test
    void malformedJsonIsAProtocolException() {
        server.enqueue(json("{\"id\":").addHeader("X-Road-Id", "m-2").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute(Person.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.messageId()).contains("m-2");
                    assertThat(e.getMessage()).contains("Person");
                });
    }

    @Test
    void bodyOverTheLimitIsAProtocolException() {
        String big = "{\"id\":\"" + "x".repeat(4000) + "\"}";
        server.enqueue(json(big).addHeader("X-Road-Id", "m-3").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute(Person.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.getMessage()).contains("1024");
                    assertThat(e.messageId()).contains("m-3");
                });
        server.enqueue(new MockResponse.Builder().addHeader("X-Road-Request-Id", "r-3").body("y".repeat(1025)).build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").messageId("sent-3").execute(String.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.getMessage()).contains("1024");
                    assertThat(e.messageId()).contains("sent-3");
                    assertThat(e.requestId()).contains("r-3");
                });
        server.enqueue(new MockResponse.Builder().chunkedBody("z".repeat(2000), 100).build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute(byte[].class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("1024");
        server.enqueue(new MockResponse.Builder().body("w".repeat(1024)).build());
        assertThat(client.rest(SERVICE).get("/").execute(String.class).body()).hasSize(1024);
    }

    @Test
    void executeStreamingHandsOverTheBodyUnread() throws Exception {
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/octet-stream")
                .addHeader("X-Road-Id", "m-4").body(new Buffer().write(body)).build());
        try (RestStreamResponse r = client.rest(SERVICE).get("/big").executeStreaming()) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).contains("application/octet-stream");
            assertThat(r.contentLength()).isEqualTo(body.length);
            assertThat(r.xroad().messageId()).contains("m-4");
            try (InputStream in = r.body()) {
                assertThat(in.readAllBytes()).isEqualTo(body); // well over maxBodyBytes: streams are not limited
            }
        }
    }
}
