package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.testkit.internal.HeaderField;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cases of X-Road's {@code RestRequestTest}, and the header rules of {@code RestRequest}. */
class RestRequestDecoderTest {

    private static RestRequestDecoder.Decoded decode(String method, String path, HeaderField... headers) {
        RestRequestDecoder.Decoded d = new RestRequestDecoder.Decoded();
        RestRequestDecoder.decode(method, path, List.of(headers), "req-1", d);
        return d;
    }

    @Test
    void decodesServiceAndServicePath() {
        RestRequestDecoder.Decoded d = decode("GET", "/r1/Instance/Class/Member/SubSystem/ServiceCode");

        assertThat(d.service).isEqualTo(ServiceId.parse("Instance/Class/Member/SubSystem/ServiceCode"));
        assertThat(d.servicePath).isEmpty();
        assertThat(decode("GET", "/r1/I/C/M/S/code/").servicePath).isEqualTo("/");
        assertThat(decode("GET", "/r1/I/C/M/S/code/a/b%2Fc").servicePath).isEqualTo("/a/b%2Fc");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/r1/invalid              | Invalid request URI",
        "/r1/I/C/M/S              | Invalid request URI",
        "/r2/I/C/M/S/code         | Unsupported protocol version 2",
        "/rx/I/C/M/S/code         | Invalid protocol version rx",
        "/r10/I/C/M/S/code        | Invalid protocol version r10",
        "/r1/I//M/S/code          | memberClass is blank"})
    void rejectsMalformedPaths(String path, String message) {
        assertThatThrownBy(() -> decode("GET", path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsUnknownVerbsAsRestRequestVerbValueOf() {
        assertThatThrownBy(() -> decode("INVALID", "/r1/I/C/M/S/code"))
                .hasMessage("No enum constant ee.ria.xroad.common.message.RestRequest.Verb.INVALID");
        assertThatThrownBy(() -> decode("get", "/r1/I/C/M/S/code")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void representedPartyHasOneOrTwoParts() {
        decode("GET", "/r1/I/C/M/S/code", new HeaderField("X-Road-Represented-Party", "Member"));
        decode("GET", "/r1/I/C/M/S/code", new HeaderField("X-Road-Represented-Party", "Class/Member"));

        assertThatThrownBy(() -> decode("GET", "/r1/I/C/M/S/code",
                new HeaderField("X-Road-Represented-Party", "Instance/Class/Member")))
                .hasMessage("Invalid RepresentedParty Id");
    }

    @Test
    void securityServerHasFourParts() {
        RestRequestDecoder.Decoded d = decode("GET", "/r1/I/C/M/S/code",
                new HeaderField("x-road-security-server", "I/C/M/ss%2F1"));

        assertThat(d.targetServer).isEqualTo(new SecurityServerId("I", "C", "M", "ss/1"));
        assertThatThrownBy(() -> decode("GET", "/r1/I/C/M/S/code", new HeaderField("X-Road-Security-Server", "I/C/M")))
                .hasMessage("Invalid SecurityServer Id");
    }

    @Test
    void lastClientHeaderWinsAndXRoadIdIsRead() {
        RestRequestDecoder.Decoded d = decode("GET", "/r1/I/C/M/S/code",
                new HeaderField("X-Road-Client", "I/C/first"),
                new HeaderField("x-road-id", "q-1"),
                new HeaderField("x-ROAD-client", "I/C/M2/sub%2Fsystem"));

        assertThat(d.client).isEqualTo(new ClientId("I", "C", "M2", "sub/system"));
        assertThat(d.queryId).isEqualTo("q-1");
    }

    @Test
    void dropsHopByHopAndClientSuppliedRequestIdAndHashThenAddsTheRequestId() {
        RestRequestDecoder.Decoded d = decode("POST", "/r1/I/C/M/S/code",
                new HeaderField("Host", "ss"),
                new HeaderField("Content-Type", "application/json"),
                new HeaderField("Content-Length", "2"),
                new HeaderField("User-Agent", "curl"),
                new HeaderField("X-Road-Request-Id", "forged"),
                new HeaderField("X-Road-Request-Hash", "forged"),
                new HeaderField("Connection", "keep-alive"),
                new HeaderField("Expect", "100-continue"),
                new HeaderField("X-Road-Client", "I/C/M"));

        assertThat(d.headers).containsExactly(new HeaderField("Content-Type", "application/json"),
                new HeaderField("X-Road-Client", "I/C/M"), new HeaderField("x-road-request-id", "req-1"));
    }

    @Test
    void headerPartIsSerializedAsRestRequestToByteArray() {
        byte[] h = RestProxyEngine.serialize("GET", "/r1/I/C/M/S/code/p", "a=b",
                List.of(new HeaderField("X-Road-Client", "I/C/M"), new HeaderField("x-road-request-id", "r")));

        assertThat(new String(h, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("GET\r\n/r1/I/C/M/S/code/p?a=b\r\nX-Road-Client:I/C/M\r\nx-road-request-id:r\r\n");
    }

    @Test
    void identifiersAreEncodedPartByPartForResponseHeaders() {
        assertThat(RestRequestDecoder.encode(new ClientId("EE", "BUSINESS", "consumer", "sub/system").parts()))
                .isEqualTo("EE/BUSINESS/consumer/sub%2Fsystem");
    }
}
