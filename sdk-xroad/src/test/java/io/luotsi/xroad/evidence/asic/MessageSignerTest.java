package io.luotsi.xroad.evidence.asic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Who must have signed message.xml: X-Road's getSigner, for SOAP and the REST header part. */
class MessageSignerTest {

    private static MessageSigner.Signer of(String message) {
        return MessageSigner.of(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String codeOf(String message) {
        try {
            of(message).id();
        } catch (AsicVerificationException e) {
            return e.code();
        }
        return "OK";
    }

    @Test
    void aRestRequestIsSignedByItsPercentDecodedClient() {
        MessageSigner.Signer s = of("POST\r\n/r1/EE/GOV/70000001/reg/persons\r\nX-Road-Client:EE/COM/1234/my%20app\r\n");
        assertThat(s.id()).isEqualTo(new ClientId("EE", "COM", "1234", "my app"));
        assertThat(s.kind()).isEqualTo(MessageSigner.Kind.REST_REQUEST);
    }

    @Test
    void aRestResponseIsSignedByTheServicesProvider() {
        MessageSigner.Signer s = of("404\r\nNot Found\r\nx-road-id:1\r\nx-road-request-hash:abc\r\n"
                + "x-road-service:EE/GOV/70000001/reg/persons\r\n");
        assertThat(s.id()).isEqualTo(ClientId.subsystem("EE", "GOV", "70000001", "reg"));
        assertThat(s.kind()).isEqualTo(MessageSigner.Kind.REST_RESPONSE);
    }

    @Test
    void malformedRestMessagesHaveNoSigner() {
        assertThat(codeOf("FETCH\r\n/r1/EE/GOV/1/reg/x\r\nX-Road-Client:EE/COM/1\r\n")).isEqualTo("internal_error");
        assertThat(codeOf("GET\r\n/r2/EE/GOV/1/reg/x\r\nX-Road-Client:EE/COM/1\r\n")).isEqualTo("internal_error");
        assertThat(codeOf("GET\r\n/r1/EE/GOV/1/reg\r\nX-Road-Client:EE/COM/1\r\n")).isEqualTo("internal_error");
        assertThat(codeOf("GET\r\n/r1/EE/GOV/1/reg/x\r\nno colon\r\n")).isEqualTo("internal_error");
        assertThat(codeOf("GET\r\n/r1/EE/GOV/1/reg/x\r\nHost:example\r\n")).isEqualTo("internal_error");
        assertThat(codeOf("GET\r\n/r1/EE/GOV/1/reg/x\r\naccept:*/*\r\n")).isEqualTo("internal_error");
        assertThat(codeOf("200\r\nOK\r\nx-road-id:1\r\nx-road-service:EE/GOV/1/reg/x\r\n")).isEqualTo("internal_error");
        assertThat(codeOf("")).isEqualTo("internal_error");
    }

    @Test
    void soapThatTheParserRefusesLeavesNoSignerUntilOneIsNeeded() {
        String noProtocolVersion = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:x=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\">"
                + "<s:Header><x:client id:objectType=\"MEMBER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>COM</id:memberClass><id:memberCode>1</id:memberCode></x:client></s:Header>"
                + "<s:Body><a/></s:Body></s:Envelope>";
        MessageSigner.Signer s = of(noProtocolVersion);
        assertThat(s.signer()).isNull();
        assertThatThrownBy(s::id).isInstanceOf(AsicVerificationException.class)
                .hasMessageContaining("names no signer");
    }
}
