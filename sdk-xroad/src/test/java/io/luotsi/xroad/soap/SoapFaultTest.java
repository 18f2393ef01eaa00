package io.luotsi.xroad.soap;

import static io.luotsi.xroad.soap.Fixtures.TEXT_XML;
import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ErrorOrigin;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.XRoadProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoapFaultTest {

    private static final String UUID_TEXT = "f31e7451-f0ac-48f6-9f05-1f0459e48eea";

    private static SoapFault read(String xml) {
        return (SoapFault) SoapEnvelopeReader.create().read(xml.getBytes(StandardCharsets.UTF_8), TEXT_XML);
    }

    @Test
    void writesFaultsInXRoadsFormat() {
        SoapFault f = SoapFault.of("server.clientproxy.service_failed.missing_body",
                "Malformed SOAP message: body missing", "", UUID_TEXT);
        assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
                        + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><SOAP-ENV:Fault>"
                        + "<faultcode>server.clientproxy.service_failed.missing_body</faultcode>"
                        + "<faultstring>Malformed SOAP message: body missing</faultstring><faultactor></faultactor>"
                        + "<detail><faultDetail xmlns=\"\">" + UUID_TEXT + "</faultDetail></detail>"
                        + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        assertThat(f.contentType()).isEqualTo("text/xml; charset=UTF-8");
        assertThat(f.faultDetailUuid()).contains(UUID.fromString(UUID_TEXT));
    }

    @Test
    void escapesTextAndLeavesOutAbsentParts() {
        SoapFault f = SoapFault.of("CODE", "a < b & \"c\"", null, null);
        assertThat(f.xml()).contains("<faultstring>a &lt; b &amp; &quot;c&quot;</faultstring></SOAP-ENV:Fault>")
                .doesNotContain("faultactor").doesNotContain("detail");
        SoapFault back = (SoapFault) SoapEnvelopeReader.create().read(f.bytes(), TEXT_XML);
        assertThat(back.faultString()).isEqualTo("a < b & \"c\"");
        assertThat(back.faultDetail()).isEmpty();
    }

    @Test
    void writesARandomUuidAndReadsItBack() {
        SoapFault f = SoapFault.of("client.invalid_soap", "boom");
        SoapFault back = (SoapFault) SoapEnvelopeReader.create().read(f.bytes(), TEXT_XML);
        assertThat(back.code()).isEqualTo("client.invalid_soap");
        assertThat(back.faultDetailUuid()).isPresent().isEqualTo(f.faultDetailUuid());
        assertThat(SoapFault.of("client.invalid_soap", "boom").faultDetail()).isNotEqualTo(f.faultDetail());
        SoapFault fromRejection = SoapFault.of(new XRoadProtocolException("missing_body", "body missing"), "client");
        assertThat(fromRejection.code()).isEqualTo("client.missing_body");
        assertThat(fromRejection.faultString()).isEqualTo("body missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Server.ClientProxy.ServiceFailed.MissingBody",
        "server.clientproxy.service_failed.missing_body"})
    void readsXRoadFaultsInBothCasings(String code) {
        SoapFault f = read(SoapFault.of(code, "Malformed SOAP message: body missing", "", UUID_TEXT).xml());
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.isXRoadFault()).isTrue();
        assertThat(f.errorCode().code()).isEqualTo("server.clientproxy.service_failed.missing_body");
        XRoadException e = f.toException();
        assertThat(e.code()).isEqualTo("server.clientproxy.service_failed.missing_body");
        assertThat(e.origin()).isEqualTo(ErrorOrigin.PROVIDER_SECURITY_SERVER);
        assertThat(e.retryable()).isFalse();
        assertThat(e.statusCode()).isEqualTo(200);
        assertThat(e.detail()).contains(UUID_TEXT);
        assertThat(e.faultString()).contains("Malformed SOAP message: body missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Server.ClientProxy.NetworkError", "server.clientproxy.network_error"})
    void marksTransitFaultsRetryable(String code) {
        XRoadException e = read(SoapFault.of(code, "connection refused").xml()).toException();
        assertThat(e.code()).isEqualTo("server.clientproxy.network_error");
        assertThat(e.retryable()).isTrue();
        assertThat(e.origin()).isEqualTo(ErrorOrigin.CONSUMER_SECURITY_SERVER);
    }

    @Test
    void keepsServiceFaultCodesAsTheyAre() {
        SoapFault custom = (SoapFault) SoapEnvelopeReader.create().read(Fixtures.bytes("customsoapenv.answer"),
                TEXT_XML);
        assertThat(custom.code()).isEqualTo("soapenv:Server.CODE");
        assertThat(custom.faultActor()).contains("ACTOR");
        assertThat(custom.detailXml()).contains("<foo:detail>DETAIL</foo:detail>");
        assertThat(custom.toException().code()).isEqualTo("soapenv:Server.CODE");
        assertThat(custom.toException().origin()).isEqualTo(ErrorOrigin.PROVIDER_SERVICE);
        assertThat(custom.isXRoadFault()).isFalse();

        SoapFault plain = (SoapFault) SoapEnvelopeReader.create().read(Fixtures.bytes("fault.query"), TEXT_XML);
        assertThat(plain.code()).isEqualTo("CODE");
        assertThat(plain.faultDetail()).contains("DETAIL");
        assertThat(plain.toException().code()).isEqualTo("CODE");

        SoapFault foo = read("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:foo=\"urn:foo\">"
                + "<s:Body><s:Fault><faultcode>foo:FOOCODE</faultcode><faultstring>x</faultstring></s:Fault>"
                + "</s:Body></s:Envelope>");
        assertThat(foo.toException().code()).isEqualTo("foo:FOOCODE");
        assertThat(foo.detailXml()).isEmpty();
    }

    @Test
    void readsTheDetailAsXRoadDoes() {
        SoapFault f = (SoapFault) SoapEnvelopeReader.create().read(Fixtures.bytes("soapfaulterror.query"), TEXT_XML);
        assertThat(f.code()).isEqualTo("SOAP-ENV:Clientrwerete");
        assertThat(f.faultString()).isEqualTo("Message does not have necessary info");
        assertThat(f.faultActor()).contains("http://gizmos.com/order");
        // no faultDetail element: X-Road takes the text directly inside detail (only whitespace here)
        assertThat(f.faultDetail()).hasValueSatisfying(d -> assertThat(d).isBlank());
        assertThat(f.detailXml()).hasValueSatisfying(d -> assertThat(d)
                .contains("<PO:order xmlns:PO=\"http://gizmos.com/orders/\">")
                .contains("Incomplete address: no zip code</PO:confirmation>"));
        assertThat(f.bytes()).isEqualTo(Fixtures.bytes("soapfaulterror.query"));

        SoapFault both = read("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
                + "<faultcode>c</faultcode><detail>before<faultDetail/>after</detail></s:Fault></s:Body>"
                + "</s:Envelope>");
        assertThat(both.faultDetail()).contains("beforeafter");
    }

    @Test
    void needsNoHeaderForAFault() {
        SoapEnvelope e = Fixtures.read("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>Client.InvalidSoap</faultcode></SOAP-ENV:Fault>"
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope>");
        assertThat(e).isInstanceOfSatisfying(SoapFault.class,
                f -> assertThat(f.toException().code()).isEqualTo("client.invalid_soap"));
    }
}
