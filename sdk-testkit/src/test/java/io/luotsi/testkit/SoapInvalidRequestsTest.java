package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.soap.SoapFault;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invalid requests of X-Road's proxy test suite (corpus guide §1.2), posted to the fake's client proxy: each gets
 * the fault code X-Road's own ProxyTests assert, with HTTP 200, X-Road's fault format and a UUID as faultDetail.
 */
class SoapInvalidRequestsTest {

    static final ClientId CONSUMER = ClientId.parse("EE/BUSINESS/consumer");
    static FakeSecurityServer fake;

    @BeforeAll
    static void start() {
        fake = FakeSecurityServer.builder().instance("EE")
                .member(CONSUMER, "Consumer")
                .service(ServiceRegistration.wsdl(ServiceId.parse("EE/BUSINESS/producer/getState"))
                        .allow(CONSUMER).soapResponse(FakeSoapResponse.body("<state>OK</state>")))
                .service(ServiceRegistration.wsdl(ServiceId.parse("EE/BUSINESS/producer/test")))
                .start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static Stream<Arguments> requests() {
        String xml = "text/xml; charset=UTF-8";
        return Stream.of(
                Arguments.of("no-header.query", xml, null, "client.missing_header"),
                Arguments.of("missing-body.query", xml, null, "client.missing_body"),
                Arguments.of("faulty-header.query", xml, null, "client.missing_header_field"),
                Arguments.of("faulty-header2.query", xml, null, "client.duplicate_header_field"),
                Arguments.of("malformed-body1.query", xml, null, "client.invalid_body"),
                Arguments.of("malformed-body2.query", xml, null, "client.invalid_body"),
                Arguments.of("inconsistent-headers.query", xml, null, "client.inconsistent_headers"),
                Arguments.of("wrong-protocolVersion.query", xml, null, "client.invalid_protocol_version"),
                Arguments.of("malformed-protocolVersion.query", xml, null, "client.invalid_protocol_version"),
                Arguments.of("missingobjecttype.query", xml, null, "client.invalid_xml"),
                Arguments.of("empty.query", xml, null, "client.invalid_soap"),
                Arguments.of("empty.query", SoapFixtures.MULTIPART, null, "client.missing_soap"),
                Arguments.of("attachm-error.query", SoapFixtures.MULTIPART, null, "client.invalid_content_type"),
                Arguments.of("attachm-faulty-soap.query", SoapFixtures.MULTIPART, null,
                        "client.missing_header_field"),
                Arguments.of("getstate.query", "blah", null, "client.invalid_content_type"),
                Arguments.of("getstate.query", "text/html; charset=UTF-8", null, "client.invalid_content_type"),
                Arguments.of("getstate.query", "application/soap+xml", null, "client.invalid_content_type"),
                Arguments.of("getstate.query", xml, "http://example.org/action", "client.invalid_soap_action"),
                Arguments.of("getstate.query", xml, "\"http://extra/quote\"\"", "client.invalid_soap_action"),
                Arguments.of("getstate.query", xml, "\"spaces \"", "client.invalid_soap_action"),
                Arguments.of("fault.query", xml, null, "client.code"),
                Arguments.of("missing-org.query", xml, null, "server.clientproxy.unknown_member"),
                Arguments.of("notAllowed.query", xml, null, "server.serverproxy.access_denied"));
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("requests")
    void answersEachInvalidRequestWithXRoadsFaultCode(String file, String contentType, String soapAction,
                                                      String expected) {
        fake.expectUnmatched();
        HttpResponse<byte[]> r = SoapFixtures.post(fake.url(), SoapFixtures.bytes(file), contentType, soapAction);

        assertFault(r, expected);
        assertThat(fake.recordings().last().errorCode()).contains(expected);
        assertThat(fake.recordings().last().unmatched()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> client.invalid_http_method")
    @MethodSource("methods")
    void answersOtherMethodsThanPostWithInvalidHttpMethod(String method) {
        fake.expectUnmatched();
        HttpResponse<byte[]> r = SoapFixtures.send(HttpRequest.newBuilder(URI.create(fake.url() + "/"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());

        SoapFault f = assertFault(r, "client.invalid_http_method");
        assertThat(f.faultString()).isEqualTo("Must use POST request method instead of " + method);
    }

    static Stream<String> methods() {
        return Stream.of("GET", "PUT", "DELETE");
    }

    static SoapFault assertFault(HttpResponse<byte[]> r, String code) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/xml; charset=UTF-8");
        SoapFault f = SoapFixtures.fault(r);
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.faultDetailUuid()).as("faultDetail is a UUID").isPresent();
        assertThat(f.faultActor()).contains("");
        return f;
    }
}
