package io.luotsi.xroad.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.ProtocolException;
import io.luotsi.core.ServiceException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ErrorOrigin;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** REST error responses (PR-REST §4.6, X-Road 7.8 {@code ClientRestMessageHandler}) mapped to exceptions. */
class RestErrorMappingTest {

    static final ClientId CONSUMER = ClientId.subsystem("EE", "BUSINESS", "consumer", "sub");
    static final ServiceId SERVICE = ServiceId.of("EE", "BUSINESS", "producer", "sub", "getX");

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

    private XRoadException xroadError(MockResponse response, RestCall call) {
        server.enqueue(response);
        return catchThrowableOfType(XRoadException.class, () -> call.execute(String.class));
    }

    private static MockResponse.Builder error(int status, String code) {
        return new MockResponse.Builder().code(status).addHeader("X-Road-Error", code)
                .addHeader("X-Road-Id", "msg-1").addHeader("X-Road-Request-Id", "req-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Server.ServerProxy.AccessDenied,               server.serverproxy.access_denied,                 PROVIDER_SECURITY_SERVER, false, false",
            "Server.ClientProxy.OutdatedGlobalConf,         server.clientproxy.global_conf_outdated,          CONSUMER_SECURITY_SERVER, true,  false",
            "Server.ServerProxy.ServiceFailed.NetworkError, server.serverproxy.service_failed.network_error,   PROVIDER_SERVICE,         true,  true",
            "Client.BadRequest,                             client.bad_request,                               CLIENT_REQUEST,           false, false",
            "Server.ClientProxy.IOError,                    server.clientproxy.io_error,                      CONSUMER_SECURITY_SERVER, true,  true",
            "server.serverproxy.access_denied,              server.serverproxy.access_denied,                 PROVIDER_SECURITY_SERVER, false, false",
            "server.clientproxy.global_conf_outdated,       server.clientproxy.global_conf_outdated,          CONSUMER_SECURITY_SERVER, true,  false",
            "server.serverproxy.service_failed.network_error, server.serverproxy.service_failed.network_error, PROVIDER_SERVICE,        true,  true",
            "client.bad_request,                            client.bad_request,                               CLIENT_REQUEST,           false, false",
            "server.clientproxy.io_error,                   server.clientproxy.io_error,                      CONSUMER_SECURITY_SERVER, true,  true",
            "server.clientproxy.service_failed.io_error,    server.clientproxy.service_failed.io_error,       PROVIDER_SECURITY_SERVER, true,  true",
            "server.serverproxy.service_failed.unknown_host, server.serverproxy.service_failed.unknown_host,  PROVIDER_SERVICE,         true,  false",
    })
    void mapsXRoadErrorsWithAJsonBody(String sent, String code, ErrorOrigin origin, boolean retryable,
                                      boolean processed) {
        int status = sent.toLowerCase().startsWith("server.") ? 500 : 400;
        XRoadException e = xroadError(error(status, sent)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .body("{\"type\":\"" + sent + "\",\"message\":\"Request 'GET /r1/…' failed\","
                        + "\"detail\":\"3c4d0f08-440f-417f-b935-bc801e103d51\"}").build(),
                client.rest(SERVICE).get("/"));
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.errorCode().original()).isEqualTo(sent);
        assertThat(e.origin()).isEqualTo(origin);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.requestMayHaveBeenProcessed()).isEqualTo(processed);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.faultString()).contains("Request 'GET /r1/…' failed");
        assertThat(e.detail()).contains("3c4d0f08-440f-417f-b935-bc801e103d51");
        assertThat(e.messageId()).contains("msg-1");
        assertThat(e.requestId()).contains("req-1");
        assertThat(e.getMessage()).contains(code).contains("msg-1").contains("req-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/xml", "text/*"})
    void readsTheXmlErrorBodyXRoadSendsForAnXmlAccept(String accept) throws Exception {
        String ct = accept.equals("application/xml") ? "application/xml;charset=utf-8" : "text/xml;charset=utf-8";
        XRoadException e = xroadError(error(500, "server.serverproxy.access_denied").addHeader("Content-Type", ct)
                .body("<error><type>server.serverproxy.access_denied</type><message>no &amp; never</message>"
                        + "<detail>d-1</detail></error>").build(),
                client.rest(SERVICE).get("/").accept(accept));
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo(accept);
        assertThat(e.code()).isEqualTo("server.serverproxy.access_denied");
        assertThat(e.faultString()).contains("no & never");
        assertThat(e.detail()).contains("d-1");
    }

    @Test
    void mapsAnXRoadErrorWithoutBody() {
        XRoadException e = xroadError(error(500, "server.clientproxy.network_error").build(),
                client.rest(SERVICE).get("/"));
        assertThat(e.code()).isEqualTo("server.clientproxy.network_error");
        assertThat(e.faultString()).isEmpty();
        assertThat(e.detail()).isEmpty();
        assertThat(e.messageId()).contains("msg-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":", "<error><type>x</type>", "not a body at all", "<!DOCTYPE x><error/>"})
    void keepsTheHeaderCodeWhenTheBodyCannotBeRead(String body) {
        XRoadException e = xroadError(error(500, "Server.ServerProxy.AccessDenied")
                .addHeader("Content-Type", body.startsWith("<") ? "text/xml" : "application/json").body(body).build(),
                client.rest(SERVICE).get("/"));
        assertThat(e.code()).isEqualTo("server.serverproxy.access_denied");
        assertThat(e.faultString()).isEmpty();
    }

    @Test
    void takesTheCodeFromTheBodyWhenTheHeaderIsEmpty() {
        XRoadException e = xroadError(new MockResponse.Builder().code(500).addHeader("X-Road-Error", "")
                .addHeader("Content-Type", "application/json")
                .body("{\"type\":\"server.serverproxy.unknown_service\",\"message\":\"m\"}").build(),
                client.rest(SERVICE).get("/"));
        assertThat(e.code()).isEqualTo("server.serverproxy.unknown_service");
    }

    @Test
    void emptyHeaderAndNoBodyIsAProtocolException() {
        server.enqueue(new MockResponse.Builder().code(500).addHeader("X-Road-Error", "").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("X-Road-Error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soap:Server", "foo:FOOCODE"})
    void keepsCodesThatAreNotXRoadsUnchanged(String code) {
        XRoadException e = xroadError(error(500, code).build(), client.rest(SERVICE).get("/"));
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.origin()).isEqualTo(ErrorOrigin.PROVIDER_SERVICE);
    }

    @Test
    void xRoadErrorOnASuccessStatusIsStillAnError() {
        XRoadException e = xroadError(error(200, "server.clientproxy.internal_error").build(),
                client.rest(SERVICE).get("/"));
        assertThat(e.statusCode()).isEqualTo(200);
    }

    @Test
    void fallsBackToTheSentMessageIdWhenTheResponseHasNone() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).addHeader("X-Road-Error", "server.clientproxy.io_error")
                .build());
        XRoadException e = catchThrowableOfType(XRoadException.class,
                () -> client.rest(SERVICE).get("/").messageId("mine-7").execute());
        assertThat(e.messageId()).contains("mine-7");
        assertThat(e.getMessage()).contains("mine-7");
        assertThat(server.takeRequest().getHeaders().get("X-Road-Id")).isEqualTo("mine-7");
    }

    record Problem(String title, int status) {
    }

    @Test
    void providerErrorWithoutXRoadErrorIsAProviderErrorException() {
        server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/problem+json")
                .addHeader("X-Road-Id", "msg-9").addHeader("X-Road-Request-Id", "req-9").addHeader("X-Trace", "t1")
                .body("{\"title\":\"Not found\",\"status\":404}").build());
        ProviderErrorException e = catchThrowableOfType(ProviderErrorException.class,
                () -> client.rest(SERVICE).get("/persons/{id}", "x").execute(String.class));
        assertThat(e).isInstanceOf(ServiceException.class).isNotInstanceOf(XRoadException.class);
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.headers().value("X-Trace")).contains("t1");
        assertThat(e.contentType()).contains("application/problem+json");
        assertThat(e.bodyAsString()).isEqualTo("{\"title\":\"Not found\",\"status\":404}");
        assertThat(e.bodyAs(Problem.class)).isEqualTo(new Problem("Not found", 404));
        assertThat(e.bodyTruncated()).isFalse();
        assertThat(e.retryable()).isFalse();
        assertThat(e.requestMayHaveBeenProcessed()).isTrue();
        assertThat(e.messageId()).contains("msg-9");
        assertThat(e.requestId()).contains("req-9");
        assertThat(e.getMessage()).contains("404").contains("msg-9").contains("req-9");
    }

    @ParameterizedTest
    @CsvSource({"400, false", "401, false", "409, false", "429, true", "500, false", "502, true", "503, true",
            "504, true"})
    void providerStatusDecidesRetryability(int status, boolean retryable) {
        server.enqueue(new MockResponse.Builder().code(status).body("e").build());
        ProviderErrorException e = catchThrowableOfType(ProviderErrorException.class,
                () -> client.rest(SERVICE).get("/").execute());
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.retryable()).isEqualTo(retryable);
    }

    @Test
    void providerErrorBodyIsTruncatedAtTheLimit() {
        String body = "ä".repeat(100); // 200 bytes
        try (XRoadClient small = XRoadClient.builder().securityServer(server.url("/").toString()).client(CONSUMER)
                .maxErrorBodyBytes(64).build()) {
            server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/plain; charset=utf-8")
                    .body(body).build());
            ProviderErrorException e = catchThrowableOfType(ProviderErrorException.class,
                    () -> small.rest(SERVICE).get("/").execute());
            assertThat(e.body()).hasSize(64);
            assertThat(e.bodyTruncated()).isTrue();
            assertThat(e.bodyAsString()).isEqualTo("ä".repeat(32));

            server.enqueue(new MockResponse.Builder().code(500).body("x".repeat(64)).build());
            ProviderErrorException exact = catchThrowableOfType(ProviderErrorException.class,
                    () -> small.rest(SERVICE).get("/").execute());
            assertThat(exact.body()).hasSize(64);
            assertThat(exact.bodyTruncated()).isFalse();
        }
    }

    @Test
    void providerErrorBodyKeepsItsCharset() {
        server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "text/plain; charset=ISO-8859-1")
                .body(new Buffer().write("öäå".getBytes(StandardCharsets.ISO_8859_1))).build());
        ProviderErrorException e = catchThrowableOfType(ProviderErrorException.class,
                () -> client.rest(SERVICE).get("/").execute());
        assertThat(e.bodyAsString()).isEqualTo("öäå");
        assertThat(e.body()).hasSize(3);
    }

    @Test
    void errorsComeOutOfStreamingCallsToo() {
        server.enqueue(error(500, "server.serverproxy.service_failed.http_error").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").executeStreaming())
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.service_failed.http_error"));
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").executeStreaming())
                .isInstanceOfSatisfying(ProviderErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.bodyAsString()).isEqualTo("busy");
                });
    }

    @Test
    void everyFailureIsALuotsiException() {
        server.enqueue(error(500, "server.serverproxy.access_denied").build());
        assertThatThrownBy(() -> client.rest(SERVICE).get("/").execute()).isInstanceOf(LuotsiException.class);
    }
}
