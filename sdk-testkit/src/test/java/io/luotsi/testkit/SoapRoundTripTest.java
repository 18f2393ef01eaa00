package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.soap.SecurityToken;
import io.luotsi.xroad.soap.SoapBody;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapEnvelopeWriter;
import io.luotsi.xroad.soap.SoapHeader;
import io.luotsi.xroad.soap.SoapHeaderElement;
import io.luotsi.xroad.soap.SoapMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every envelope the writer produces, over a matrix of headers, is accepted by the reader (same header back) and by
 * the fake Security Server, which answers with the headers echoed and the request hash.
 */
class SoapRoundTripTest {

    static final ClientId CONSUMER = ClientId.parse("SUBSYSTEM:EE/GOV/1234/app");
    static final ServiceId SERVICE = ServiceId.parse("SERVICE:EE/GOV/5678/registry/getState/v1");
    static FakeSecurityServer fake;

    @BeforeAll
    static void start() {
        fake = FakeSecurityServer.builder().instance("EE").subsystem(CONSUMER, "App")
                .service(ServiceRegistration.wsdl(SERVICE).allow(CONSUMER)
                        .soapResponse(FakeSoapResponse.body("<ok/>")))
                .start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static Stream<SoapHeader> headers() {
        List<SoapHeader> all = new ArrayList<>();
        for (int mask = 0; mask < 64; mask++) {
            SoapHeader.Builder b = SoapHeader.builder().client(CONSUMER).service(SERVICE).id("id-" + mask);
            if ((mask & 1) != 0) {
                b.userId("EE37702211234");
            }
            if ((mask & 2) != 0) {
                b.issue((mask & 4) != 0 ? "" : "case <1> & more");
            }
            b.protocolVersion("4.0");
            if ((mask & 8) != 0) {
                b.securityServer(fake.serverId());
            }
            if ((mask & 16) != 0) {
                b.representedParty((mask & 4) != 0 ? RepresentedParty.of("MEMBER3")
                        : RepresentedParty.of("COM", "MEMBER3"));
            }
            if ((mask & 32) != 0) {
                b.securityToken((mask & 1) != 0 ? SecurityToken.jwt("eyJ.a.b") : new SecurityToken("opaque", null));
                b.addElement(SoapHeaderElement.of("<x:trace xmlns:x=\"urn:trace\" n=\"" + mask + "\">t</x:trace>"));
            }
            all.add(b.build());
        }
        return all.stream();
    }

    static SoapHeader withoutOthers(SoapHeader h) {
        return h.toBuilder().remove(io.luotsi.xroad.soap.SoapHeaderField.OTHER).build();
    }

    @ParameterizedTest
    @MethodSource("headers")
    void theReaderAndTheFakeAcceptEveryEnvelopeTheWriterWrites(SoapHeader header) {
        byte[] envelope = SoapEnvelopeWriter.create().toBytes(header,
                SoapBody.xml("<s:getState xmlns:s=\"urn:s\">1</s:getState>"));

        SoapMessage read = (SoapMessage) SoapEnvelopeReader.create().read(envelope, "text/xml; charset=UTF-8");
        // equal but for the namespaces other elements inherit from the envelope, which only the reader knows
        assertThat(withoutOthers(read.header())).isEqualTo(withoutOthers(header));
        assertThat(read.header().order()).isEqualTo(header.order());
        assertThat(read.header().otherElements().stream().map(SoapHeaderElement::xml).toList())
                .isEqualTo(header.otherElements().stream().map(SoapHeaderElement::xml).toList());

        HttpResponse<byte[]> r = SoapFixtures.post(fake.url(), envelope, "text/xml; charset=UTF-8", "\"\"");
        SoapMessage response = (SoapMessage) SoapEnvelopeReader.create().read(r.body(),
                r.headers().firstValue("Content-Type").orElseThrow());
        assertThat(response.isResponse()).isTrue();
        assertThat(response.header().inconsistentFields(header)).isEmpty();
        assertThat(response.header().order()).isEqualTo(header.withRequestHash(read.requestHash()).order());
        assertThat(response.header().requestHash()).contains(read.requestHash());
        assertThat(response.header().otherElements().stream().map(SoapHeaderElement::xml).toList())
                .isEqualTo(header.otherElements().stream().map(SoapHeaderElement::xml).toList());
        assertThat(response.header().securityToken()).isEqualTo(header.securityToken());
    }
}
