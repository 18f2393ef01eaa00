package io.luotsi.xroad.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.RequestContext;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadContextKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the REST client puts on the wire (PR-REST 1.0.4 §4 and the encoding rules of protocol digest §3.2). */
class RestRequestTest {

    static final ClientId CONSUMER = new ClientId("EE", "BUSINESS", "consumer", "sub/system");
    static final ServiceId SERVICE = new ServiceId(new ClientId("EE", "BUSINESS", "producer", "s/ub"), "öäå", null);
    static final ServiceId PLAIN = ServiceId.of("EE", "BUSINESS", "producer", "sub", "getX");

    final MockWebServer server = new MockWebServer();
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = XRoadClient.builder().securityServer(server.url("/").toString()).client(CONSUMER).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private RecordedRequest send(RestCall call) throws InterruptedException {
        server.enqueue(new MockResponse.Builder().code(200).body("").build());
        call.execute();
        return server.takeRequest();
    }

    @Test
    void sendsTheWorkedExampleOfTheProtocolExactly() throws Exception {
        // protocol digest §3.2 / X-Road's RestProxyTest.shouldAcceptPercentEncodedIdentifiers
        RecordedRequest r = send(client.rest(SERVICE).get("/path%3B/"));
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getTarget()).isEqualTo("/r1/EE/BUSINESS/producer/s%2Fub/%C3%B6%C3%A4%C3%A5/path%3B/");
        assertThat(r.getHeaders().get("X-Road-Client")).isEqualTo("EE/BUSINESS/consumer/sub%2Fsystem");
        assertThat(r.getHeaders().values("X-Road-Client")).hasSize(1);
    }

    @Test
    void encodesServicePathAndHeaderValuesSeparately() throws Exception {
        ServiceId odd = new ServiceId(new ClientId("E E", "C/L", "m%1", "s?ub"), "code#1 ä", null);
        RecordedRequest r = send(client.rest(odd).get("/"));
        assertThat(r.getTarget()).isEqualTo("/r1/E%20E/C%2FL/m%251/s%3Fub/code%231%20%C3%A4");
        assertThat(ServiceId.parseEncoded(r.getTarget().substring("/r1/".length()))).isEqualTo(odd);
    }

    @Test
    void sendsEveryXRoadRequestHeader() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).get("/persons")
                .messageId("msg-42")
                .userId("EE37702211234")
                .issue("case-118")
                .representedParty(RepresentedParty.of("COM", "MEMBER/3"))
                .securityServer(new SecurityServerId("EE", "BUSINESS", "producer", "ss/1")));
        assertThat(r.getHeaders().get("X-Road-Client")).isEqualTo("EE/BUSINESS/consumer/sub%2Fsystem");
        assertThat(r.getHeaders().get("X-Road-Id")).isEqualTo("msg-42");
        assertThat(r.getHeaders().get("X-Road-UserId")).isEqualTo("EE37702211234");
        assertThat(r.getHeaders().get("X-Road-Issue")).isEqualTo("case-118");
        assertThat(r.getHeaders().get("X-Road-Represented-Party")).isEqualTo("COM/MEMBER%2F3");
        assertThat(r.getHeaders().get("X-Road-Security-Server")).isEqualTo("EE/BUSINESS/producer/ss%2F1");
        assertThat(SecurityServerId.parseEncoded(r.getHeaders().get("X-Road-Security-Server")).serverCode())
                .isEqualTo("ss/1");
        assertThat(r.getHeaders().get("X-Road-Request-Id")).isNull();
        assertThat(r.getHeaders().get("X-Road-Request-Hash")).isNull();
    }

    @Test
    void representedPartyWithoutClassIsOnePart() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).get("/").representedParty(RepresentedParty.of("MEMBER3")));
        assertThat(r.getHeaders().get("X-Road-Represented-Party")).isEqualTo("MEMBER3");
    }

    @Test
    void sendsNoOptionalHeadersWhenNotSet() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).get("/"));
        assertThat(r.getHeaders().names()).doesNotContain("X-Road-UserId", "X-Road-Issue",
                "X-Road-Represented-Party", "X-Road-Security-Server");
        assertThat(r.getTarget()).isEqualTo("/r1/EE/BUSINESS/producer/sub/getX");
    }

    @Test
    void generatesAUuidMessageIdWhenNoneIsGiven() throws Exception {
        String first = send(client.rest(PLAIN).get("/")).getHeaders().get("X-Road-Id");
        String second = send(client.rest(PLAIN).get("/")).getHeaders().get("X-Road-Id");
        assertThat(UUID.fromString(first).toString()).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void neverSendsABlankMessageId() throws Exception {
        assertThatThrownBy(() -> client.rest(PLAIN).get("/").messageId(" "))
                .isInstanceOf(IllegalArgumentException.class);
        RequestContext blank = RequestContext.builder().messageId("").build();
        String sent = send(client.rest(PLAIN).get("/").context(blank)).getHeaders().get("X-Road-Id");
        assertThat(UUID.fromString(sent).toString()).isEqualTo(sent);
        String generated = send(client.rest(PLAIN).get("/").messageId("x").messageId(null))
                .getHeaders().get("X-Road-Id");
        assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
    }

    @Test
    void takesHeadersFromARequestContext() throws Exception {
        RequestContext ctx = RequestContext.builder().messageId("ctx-1").userId("U1").issue("I1")
                .attribute(XRoadContextKeys.REPRESENTED_PARTY, RepresentedParty.of("P"))
                .attribute(XRoadContextKeys.SECURITY_SERVER, SecurityServerId.parse("EE/B/M/ss1"))
                .build();
        RecordedRequest r = send(client.rest(PLAIN).get("/").context(ctx).issue("I2"));
        assertThat(r.getHeaders().get("X-Road-Id")).isEqualTo("ctx-1");
        assertThat(r.getHeaders().get("X-Road-UserId")).isEqualTo("U1");
        assertThat(r.getHeaders().get("X-Road-Issue")).isEqualTo("I2");
        assertThat(r.getHeaders().get("X-Road-Represented-Party")).isEqualTo("P");
        assertThat(r.getHeaders().get("X-Road-Security-Server")).isEqualTo("EE/B/M/ss1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Road-Client", "x-road-id", "X-ROAD-USERID", "X-Road-Issue", "X-Road-Security-Server",
            "X-Road-Represented-Party", "X-Road-Request-Id", "X-Road-Request-Hash", "X-Road-Service"})
    void refusesXRoadHeadersThroughHeader(String name) {
        RestCall call = client.rest(PLAIN).get("/");
        assertThatThrownBy(() -> call.header(name, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsOtherHeadersAsGiven() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).get("/").header("Authorization", "Bearer t")
                .header("X-Custom", "1").header("X-Custom", "2"));
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer t");
        assertThat(r.getHeaders().values("X-Custom")).containsExactly("1", "2");
    }

    @Test
    void refusesHeaderValuesThatWouldSplitTheHeader() {
        assertThatThrownBy(() -> client.rest(PLAIN).get("/").header("X-A", "a\r\nX-Road-Client: evil"))
                .isInstanceOf(IllegalArgumentException.class);
        RestCall call = client.rest(PLAIN).get("/").userId("U\r\nX-Evil: 1");
        assertThatThrownBy(call::execute).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void asksForJsonWhenATypedBodyIsExpected() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("{}").build());
        client.rest(PLAIN).get("/").execute(Map.class);
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo("application/json");

        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("{}").build());
        client.rest(PLAIN).get("/").accept("application/problem+json").execute(Map.class);
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo("application/problem+json");

        server.enqueue(new MockResponse.Builder().body("x").build());
        client.rest(PLAIN).get("/").execute(String.class);
        assertThat(server.takeRequest().getHeaders().get("Accept")).isNull();
    }

    record NewPerson(String name, int age) {
    }

    @Test
    void writesJsonBodies() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).post("/persons").jsonBody(new NewPerson("Änn", 41)));
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(r.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"Änn\",\"age\":41}");
        assertThat(r.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(
                "{\"name\":\"Änn\",\"age\":41}".getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void streamsOtherBodies() throws Exception {
        byte[] pdf = "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII);
        RecordedRequest r = send(client.rest(PLAIN).put("/docs/{id}", "d 1")
                .body(RequestBody.of(pdf, "application/pdf")));
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(r.getTarget()).endsWith("/getX/docs/d%201");
        assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/pdf");
        assertThat(r.getBody().toByteArray()).isEqualTo(pdf);
    }

    @Test
    void expandsPathTemplatesAndQueries() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).get("/persons/{id}/cars/{n}?fields={f}", "a/b", 7, "name,age&x")
                .query("sort by", "name+asc").query("q", "öäå"));
        assertThat(r.getTarget()).isEqualTo("/r1/EE/BUSINESS/producer/sub/getX/persons/a%2Fb/cars/7"
                + "?fields=name,age%26x&sort%20by=name%2Basc&q=%C3%B6%C3%A4%C3%A5");
        assertThat(r.getUrl().queryParameter("fields")).isEqualTo("name,age&x");
        assertThat(r.getUrl().queryParameter("sort by")).isEqualTo("name+asc");
        assertThat(r.getUrl().queryParameter("q")).isEqualTo("öäå");
    }

    @Test
    void addsAQueryToAPathWithoutOne() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).get("/").query("a", "1"));
        assertThat(r.getTarget()).isEqualTo("/r1/EE/BUSINESS/producer/sub/getX?a=1");
    }

    @Test
    void sendsRawPathsAsGiven() throws Exception {
        RecordedRequest r = send(client.rest(PLAIN).raw("GET", "/pets/1%2F2?q=a%20b&x={y}"));
        assertThat(r.getTarget()).isEqualTo("/r1/EE/BUSINESS/producer/sub/getX/pets/1%2F2?q=a%20b&x=%7By%7D");
    }

    @Test
    void refusesPathsThatWouldLeaveTheService() {
        assertThatThrownBy(() -> client.rest(PLAIN).get("/{a}/{b}/other", "..", ".."))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.rest(PLAIN).raw("GET", "/../../otherService"))
                .isInstanceOf(IllegalArgumentException.class);
        ServiceId dots = new ServiceId(new ClientId("EE", "BUSINESS", "producer", ".."), "x", null);
        assertThatThrownBy(() -> client.rest(dots).get("/").execute()).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void offersEveryMethodXRoadAllows() throws Exception {
        for (String m : new String[] {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"}) {
            RecordedRequest r = send(client.rest(PLAIN).method(m.toLowerCase(java.util.Locale.ROOT), "/"));
            assertThat(r.getMethod()).isEqualTo(m);
        }
        assertThatThrownBy(() -> client.rest(PLAIN).method("CONNECT", "/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesServicesThatRestCannotAddress() {
        assertThatThrownBy(() -> client.rest(ServiceId.parse("EE/BUSINESS/producer/getX")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subsystem");
        assertThatThrownBy(() -> client.rest(PLAIN.withVersion("v1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }

    @Test
    void showsTheRequestBeforeSending() {
        HttpRequest req = client.rest(PLAIN).delete("/x/{id}", "1").userId("U").toHttpRequest();
        assertThat(req.method()).isEqualTo("DELETE");
        assertThat(req.uri().getRawPath()).isEqualTo("/r1/EE/BUSINESS/producer/sub/getX/x/1");
        assertThat(req.headers().value("X-Road-UserId")).contains("U");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aCallIsExecutedOnce() {
        server.enqueue(new MockResponse.Builder().body("").build());
        RestCall call = client.rest(PLAIN).get("/");
        call.execute();
        assertThatThrownBy(call::execute).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderChecksItsArguments() {
        assertThatThrownBy(() -> XRoadClient.builder().client(CONSUMER).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> XRoadClient.builder().securityServer("http://ss:8080").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> XRoadClient.builder().securityServer("ftp://ss")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> XRoadClient.builder().securityServer("http://ss/?a=1")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> XRoadClient.builder().client(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> XRoadClient.builder().maxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAPathPrefixOfTheSecurityServerUrl() throws Exception {
        try (XRoadClient prefixed = XRoadClient.builder().securityServer(server.url("/proxy/").toString())
                .client(CONSUMER).build()) {
            server.enqueue(new MockResponse.Builder().body("").build());
            prefixed.rest(PLAIN).get("/a").execute();
            assertThat(server.takeRequest().getTarget()).isEqualTo("/proxy/r1/EE/BUSINESS/producer/sub/getX/a");
        }
    }
}
