package io.luotsi.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodiesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "application/json                    | application/json",
        "*/*                                 | application/json",
        "text/html, TEXT/XML;q=0.1           | text/xml",
        "text/*;q=0.5, application/json      | text/xml",
        "application/xml;charset=utf-8       | application/xml",
        "application/xhtml+xml               | application/json"})
    void mediaTypeIsTheFirstXmlRangeAcceptedIgnoringParameters(String accept, String expected) {
        assertThat(ErrorBodies.errorMediaType(List.of(accept))).isEqualTo(expected);
    }

    @Test
    void laterAcceptHeadersCountToo() {
        assertThat(ErrorBodies.errorMediaType(List.of("application/json", "application/xml")))
                .isEqualTo("application/xml");
        assertThat(ErrorBodies.errorMediaType(List.of())).isEqualTo("application/json");
    }

    @Test
    void jsonBodyEscapesTheMessage() {
        XRoadFault fault = XRoadFault.unroutable("server.x", "say \"hi\"\\\n");

        ErrorBodies.Body body = ErrorBodies.rest(fault, List.of());

        assertThat(body.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"server.x\",\"message\":"
                + "\"say \\\"hi\\\"\\\\\\n\",\"detail\":\"" + fault.detail() + "\"}");
    }

    @Test
    void xmlBodyEscapesTheMessage() {
        XRoadFault fault = XRoadFault.unroutable("server.x", "<a> & b");

        ErrorBodies.Body body = ErrorBodies.rest(fault, List.of("application/xml"));

        assertThat(new String(body.bytes(), StandardCharsets.UTF_8))
                .contains("<message>&lt;a&gt; &amp; b</message>");
    }

    @Test
    void soapFaultHasTheUnqualifiedCodeAndADetailUuid() {
        XRoadFault fault = XRoadFault.unroutable("client.invalid_http_method", "Must use POST");

        String xml = new String(ErrorBodies.soapFault(fault), StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope")
                .contains("<faultcode>client.invalid_http_method</faultcode><faultstring>Must use POST</faultstring>"
                        + "<faultactor></faultactor><detail><faultDetail xmlns=\"\">" + fault.detail()
                        + "</faultDetail></detail>");
    }

    @Test
    void statusIs500ForServerCodesAnd400Otherwise() {
        assertThat(XRoadFault.unroutable("server.serverproxy.access_denied", "").restStatus()).isEqualTo(500);
        assertThat(XRoadFault.unroutable("client.bad_request", "").restStatus()).isEqualTo(400);
    }
}
