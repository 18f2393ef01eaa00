package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ErrorOrigin;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.rest.RestResponse;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every X-Road error of the REST client proxy: the raw response (status, {@code X-Road-Error}, body by
 * {@code Accept}) and how the Luotsi client maps it.
 */
class RestErrorsTest {

    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId UNREGISTERED = ClientId.parse("DEV/COM/4321/Unregistered");
    static final ServiceId PETS = ServiceId.parse("DEV/COM/1234/TestService/pets");
    static final ServiceId SOAP = ServiceId.parse("DEV/COM/1234/TestService/wsdl");
    static final ServiceId CLOSED = ServiceId.parse("DEV/COM/1234/TestService/closed");
    static final ServiceId DEAD = ServiceId.parse("DEV/COM/1234/TestService/dead");
    static final ServiceId FAR = ServiceId.parse("DEV/COM/1234/TestService/far");
    static final ServiceId NO_SUCH_SERVICE = ServiceId.parse("DEV/COM/1234/TestService/nosuch");
    static final ServiceId NO_SUCH_PROVIDER = ServiceId.parse("DEV/COM/9999/Nobody/pets");

    static FakeSecurityServer fake;
    static XRoadClient client;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        fake = FakeSecurityServer.builder()
                .subsystem(CONSUMER, "Test client")
                .service(ServiceRegistration.rest(PETS)
                        .allow(CONSUMER, "GET", "/pets/*")
                        .allow(CONSUMER, "POST", "/pets")
                        .respond(FakeRestResponse.json("{\"id\":1}")))
                .service(ServiceRegistration.wsdl(SOAP).allow(CONSUMER))
                .service(ServiceRegistration.rest(CLOSED).allow(CONSUMER).disabled("Closed for maintenance")
                        .respond(FakeRestResponse.ok()))
                .service(ServiceRegistration.rest(DEAD).allow(CONSUMER).forwardTo("http://127.0.0.1:" + closedPort))
                .service(ServiceRegistration.rest(FAR).allow(CONSUMER).forwardTo("http://provider.example:8080/api"))
                .start();
        client = fake.clientBuilder(CONSUMER).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    @AfterEach
    void reset() {
        fake.reset();
    }

    // ---- raw responses -------------------------------------------------------------------------------------

    @Test
    void missingClientHeaderIsInvalidClientIdentifierWith500() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/pets/pets/1",
                "Content-Type: application/json");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("X-Road-Error")).hasValue("server.clientproxy.invalid_client_identifier");
        assertThat(r.header("Content-Type")).hasValue("application/json; charset=utf-8");
        ErrorBody body = ErrorBody.json(r.body());
        assertThat(body.type()).isEqualTo("server.clientproxy.invalid_client_identifier");
        assertThat(body.message()).isEqualTo("The client identifier is missing");
        assertThat(UUID.fromString(body.detail())).isNotNull();
        assertThat(fake.recordings().single().unmatched()).isTrue();
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE                                         | application/json; charset=utf-8 | json",
        "application/json;charset=utf-8               | application/json; charset=utf-8 | json",
        "foobarbaz                                    | application/json; charset=utf-8 | json",
        "application/xml                              | application/xml;charset=utf-8    | xml",
        "text/xml                                     | text/xml;charset=utf-8           | xml",
        "application/xml, text/xml                    | application/xml;charset=utf-8    | xml",
        "text/xml, application/xml                    | text/xml;charset=utf-8           | xml",
        "text/xml-patch+xml                           | application/json; charset=utf-8 | json",
        "application/xml; q=0.2                       | application/xml;charset=utf-8    | xml",
        "text/xml, application/xml, application/json  | text/xml;charset=utf-8           | xml",
        "text/*                                       | text/xml;charset=utf-8           | xml",
        "application/json, TEXT/XML                   | text/xml;charset=utf-8           | xml"})
    void errorBodyFormatFollowsAccept(String accept, String contentType, String format) throws Exception {
        List<String> headers = new ArrayList<>(List.of("X-Road-Client: DEV/COM/4321/TestClient"));
        if (accept != null) {
            headers.add("Accept: " + accept);
        }
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/wsdl",
                headers.toArray(new String[0]));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("X-Road-Error")).hasValue("server.serverproxy.service_type");
        assertThat(r.header("Content-Type")).hasValue(contentType);
        ErrorBody body = format.equals("json") ? ErrorBody.json(r.body()) : ErrorBody.xml(r.body());
        assertThat(body.type()).isEqualTo("server.serverproxy.service_type");
        assertThat(body.message()).isEqualTo("Service is a SOAP service and cannot be called using REST interface");
        assertThat(UUID.fromString(body.detail())).isNotNull();
        fake.expectUnmatched();
    }

    @Test
    void xmlErrorBodyIsWhatXRoadsTransformerWrites() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/wsdl",
                "X-Road-Client: DEV/COM/4321/TestClient", "Accept: text/xml");

        assertThat(r.bodyAsString()).matches("<\\?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"\\?>"
                + "<error><type>server.serverproxy.service_type</type><message>Service is a SOAP service and cannot be "
                + "called using REST interface</message><detail>[0-9a-f-]{36}</detail></error>");
        fake.expectUnmatched();
    }

    @ParameterizedTest(name = "X-Road-Client: {0}")
    @CsvSource(delimiter = '|', value = {
        "DEV/COM                        | Invalid Client Id",
        "DEV/COM/4321/TestClient/extra  | Invalid Client Id",
        "DEV/COM/4321/Test Client       | Invalid character in path segment",
        "DEV/COM/4321/Testö             | Invalid character in path segment",
        "DEV/COM/4321/Test%2            | Incomplete percent encoding",
        "DEV/COM/4321/Test%zzClient     | Invalid percent encoding"})
    void malformedClientHeaderIsInternalErrorWithXRoadsMessage(String header, String message) throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/pets/pets/1",
                "X-Road-Client: " + header);

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("X-Road-Error")).hasValue("server.clientproxy.internal_error");
        assertThat(ErrorBody.json(r.body()).message()).isEqualTo(message);
        fake.expectUnmatched();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/r1/invalid                                  | Invalid request URI",
        "/r1/DEV/COM/1234/TestService                 | Invalid request URI",
        "/r1/DEV/COM/1234/TestService/pëts            | Invalid character in path segment"})
    void malformedPathIsInternalErrorWithXRoadsMessage(String target, String message) throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), target, "X-Road-Client: DEV/COM/4321/TestClient");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("X-Road-Error")).hasValue("server.clientproxy.internal_error");
        assertThat(ErrorBody.json(r.body()).message()).isEqualTo(message);
        fake.expectUnmatched();
    }

    @Test
    void badPercentEncodingInThePathIsRejectedByTheHttpServerBeforeXRoad() throws Exception {
        // Jetty (in X-Road and in the fake) refuses the request line; no X-Road error, nothing recorded.
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/Test%ZZService/pets",
                "X-Road-Client: DEV/COM/4321/TestClient");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("X-Road-Error")).isEmpty();
        assertThat(fake.recordings().isEmpty()).isTrue();
    }

    @Test
    void unknownMethodIsInternalErrorAsRestRequestVerbValueOf() throws Exception {
        RawHttp.Response r = RawHttp.send(fake.httpUrl(), List.of("BREW /r1/DEV/COM/1234/TestService/pets/pets/1 HTTP/1.1",
                "Host: localhost", "X-Road-Client: DEV/COM/4321/TestClient"), new byte[0]);

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("X-Road-Error")).hasValue("server.clientproxy.internal_error");
        assertThat(ErrorBody.json(r.body()).message())
                .isEqualTo("No enum constant ee.ria.xroad.common.message.RestRequest.Verb.BREW");
        fake.expectUnmatched();
    }

    @Test
    void absoluteFormRequestTargetIsServedByItsPathAsJettyDoesInXRoad() throws Exception {
        String authority = "127.0.0.1:" + fake.port();
        RawHttp.Response r = RawHttp.send(fake.httpUrl(), List.of("GET http://" + authority
                + "/r1/DEV/COM/1234/TestService/pets/pets/1 HTTP/1.1", "Host: " + authority,
                "X-Road-Client: DEV/COM/4321/TestClient"), new byte[0]);

        assertThat(r.status()).isEqualTo(200);
        assertThat(fake.recordings().single().request().path()).isEqualTo("/r1/DEV/COM/1234/TestService/pets/pets/1");
    }

    @Test
    void pathsOutsideR1GetTheSoapSidesFaultWith200() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r2/DEV/COM/1234/TestService/pets",
                "X-Road-Client: DEV/COM/4321/TestClient");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("text/xml; charset=UTF-8");
        assertThat(r.header("X-Road-Error")).isEmpty();
        assertThat(r.bodyAsString())
                .contains("<faultcode>client.invalid_http_method</faultcode>")
                .contains("<faultstring>Must use POST request method instead of GET</faultstring>");
        assertThat(fake.recordings().single().unmatched()).isTrue();
        fake.expectUnmatched();
    }

    // ---- through the Luotsi client --------------------------------------------------------------------------

    @Test
    void unregisteredClientIsUnknownMemberOfTheConsumerSecurityServer() {
        try (XRoadClient stranger = fake.clientBuilder(UNREGISTERED).build()) {
            assertXRoadError(() -> stranger.rest(PETS).get("/pets/1").execute(String.class),
                    "server.clientproxy.unknown_member", 500, ErrorOrigin.CONSUMER_SECURITY_SERVER, false,
                    "Client 'SUBSYSTEM:DEV/COM/4321/Unregistered' not found");
        }
        fake.expectUnmatched();
    }

    @Test
    void unknownProviderIsUnknownMember() {
        assertXRoadError(() -> client.rest(NO_SUCH_PROVIDER).get("/pets/1").execute(String.class),
                "server.clientproxy.unknown_member", 500, ErrorOrigin.CONSUMER_SECURITY_SERVER, false,
                "Could not find addresses for service provider \"SERVICE:DEV/COM/9999/Nobody/pets\"");
        fake.expectUnmatched();
    }

    @Test
    void unknownServiceIsUnknownServiceOfTheProviderSecurityServer() {
        assertXRoadError(() -> client.rest(NO_SUCH_SERVICE).get("/").execute(String.class),
                "server.serverproxy.unknown_service", 500, ErrorOrigin.PROVIDER_SECURITY_SERVER, false,
                "Unknown service: SERVICE:DEV/COM/1234/TestService/nosuch");
        fake.expectUnmatched();
    }

    @Test
    void wsdlServiceOverRestIsServiceType() {
        assertXRoadError(() -> client.rest(SOAP).get("/").execute(String.class),
                "server.serverproxy.service_type", 500, ErrorOrigin.PROVIDER_SECURITY_SERVER, false,
                "Service is a SOAP service and cannot be called using REST interface");
        fake.expectUnmatched();
    }

    @Test
    void methodWithoutAccessRightIsAccessDenied() {
        assertXRoadError(() -> client.rest(PETS).patch("/pets/1").execute(String.class),
                "server.serverproxy.access_denied", 500, ErrorOrigin.PROVIDER_SECURITY_SERVER, false,
                "Request is not allowed: SERVICE:DEV/COM/1234/TestService/pets");
        fake.expectUnmatched();
    }

    @Test
    void pathWithoutAccessRightIsAccessDenied() {
        assertXRoadError(() -> client.rest(PETS).get("/pets/1/photos").execute(String.class),
                "server.serverproxy.access_denied", 500, ErrorOrigin.PROVIDER_SECURITY_SERVER, false,
                "Request is not allowed: SERVICE:DEV/COM/1234/TestService/pets");
        fake.expectUnmatched();
    }

    @Test
    void accessRightsMatchThePercentDecodedNormalizedPath() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/pets/pets/x/../%31",
                "X-Road-Client: DEV/COM/4321/TestClient");

        assertThat(r.status()).isEqualTo(200);
        RecordedExchange call = fake.recordings().single();
        assertThat(call.unmatched()).isFalse();
        assertThat(call.providerRequest().orElseThrow().path()).isEqualTo("/pets/x/../%31");
    }

    @Test
    void callWithinTheAccessRightsIsServed() {
        RestResponse<String> r = client.rest(PETS).get("/pets/{id}", 1).execute(String.class);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":1}");
    }

    @Test
    void disabledServiceIsServiceDisabled() {
        assertXRoadError(() -> client.rest(CLOSED).get("/").execute(String.class),
                "server.serverproxy.service_disabled", 500, ErrorOrigin.PROVIDER_SECURITY_SERVER, false,
                "Service SERVICE:DEV/COM/1234/TestService/closed is disabled: Closed for maintenance");
        fake.expectUnmatched();
    }

    @Test
    void providerRefusingTheConnectionIsNetworkErrorAndRetryable() {
        XRoadException e = assertXRoadError(() -> client.rest(DEAD).get("/").execute(String.class),
                "server.serverproxy.network_error", 500, ErrorOrigin.PROVIDER_SECURITY_SERVER, true, null);

        assertThat(e.faultString()).hasValueSatisfying(m -> assertThat(m).contains("Connection refused"));
        // X-Road reports every socket failure towards the service as network_error, a reset after sending too, so
        // the code alone cannot prove the service did not act: the client stays conservative.
        assertThat(e.requestMayHaveBeenProcessed()).isTrue();
        RecordedExchange call = fake.recordings().single();
        assertThat(call.unmatched()).as("a routed call whose provider is down is not unexpected").isFalse();
        assertThat(call.providerRequest()).isPresent();
    }

    @Test
    void unknownProviderHostIsUnknownHostWithoutLeavingTheMachine() {
        XRoadException e = assertXRoadError(() -> client.rest(FAR).get("/").execute(String.class),
                "server.serverproxy.unknown_host", 500, ErrorOrigin.PROVIDER_SECURITY_SERVER, true, null);

        assertThat(e.faultString()).hasValue("provider.example: Name or service not known");
    }

    @Test
    void targetingAnotherSecurityServerIsInvalidSecurityServer() {
        assertXRoadError(() -> client.rest(PETS).get("/pets/1")
                        .securityServer(SecurityServerId.parse("DEV/GOV/FAKE/elsewhere")).execute(String.class),
                "server.clientproxy.invalid_security_server", 500, ErrorOrigin.CONSUMER_SECURITY_SERVER, false,
                "Could not find security server \"SERVER:DEV/GOV/FAKE/elsewhere\"");
        fake.expectUnmatched();
    }

    @Test
    void targetingThisSecurityServerIsServed() {
        RestResponse<String> r = client.rest(PETS).get("/pets/1").securityServer(fake.serverId())
                .execute(String.class);

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitIsIoErrorOfTheConsumerSecurityServer() {
        try (FakeSecurityServer small = FakeSecurityServer.builder().maxBodyBytes(1024)
                .subsystem(CONSUMER, "Test client")
                .service(ServiceRegistration.rest(PETS).allow(CONSUMER).respond(FakeRestResponse.ok()))
                .start();
             XRoadClient c = small.clientBuilder(CONSUMER).build()) {

            assertXRoadError(() -> c.rest(PETS).post("/pets").body(io.luotsi.core.http.RequestBody.of(
                            new byte[2048], "application/octet-stream")).execute(String.class),
                    "server.clientproxy.io_error", 500, ErrorOrigin.CONSUMER_SECURITY_SERVER, true,
                    "Request body of 2048 bytes exceeds the limit of 1024 bytes");
            RecordedExchange call = small.recordings().single();
            assertThat(call.request().bodyLength()).isEqualTo(2048);
            assertThat(call.request().body()).hasSize(1024);
            assertThat(call.providerRequest()).isEmpty();

            RestResponse<String> ok = c.rest(PETS).post("/pets").body(io.luotsi.core.http.RequestBody.of(
                    new byte[1024], "application/octet-stream")).execute(String.class);
            assertThat(ok.status()).isEqualTo(200);
        }
    }

    private static XRoadException assertXRoadError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                                   String code, int status, ErrorOrigin origin, boolean retryable,
                                                   String message) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(XRoadException.class);
        XRoadException e = (XRoadException) thrown;
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.origin()).isEqualTo(origin);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.detail()).hasValueSatisfying(d -> assertThat(UUID.fromString(d)).isNotNull());
        if (message != null) {
            assertThat(e.faultString()).hasValue(message);
        }
        return e;
    }
}
