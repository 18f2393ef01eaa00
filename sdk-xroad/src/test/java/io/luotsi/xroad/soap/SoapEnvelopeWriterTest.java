package io.luotsi.xroad.soap;

import static io.luotsi.xroad.soap.Fixtures.TEXT_XML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SoapEnvelopeWriterTest {

    private static final ClientId CLIENT = ClientId.parse("SUBSYSTEM:FI/GOV/0245437-2/ServiceNow");
    private static final ServiceId SERVICE = ServiceId.parse("SERVICE:FI/COM/1234567-8/registry/getPerson/v1");
    private static final String BODY = "<p:getPerson xmlns:p=\"urn:p\"><p:ssn>010101-123N</p:ssn></p:getPerson>";

    private static SoapMessage roundTrip(SoapHeader header, SoapBody body) {
        byte[] bytes = SoapEnvelopeWriter.create().toBytes(header, body);
        return (SoapMessage) SoapEnvelopeReader.create().read(bytes, SoapEnvelopeWriter.TEXT_XML_UTF8);
    }

    /** Every combination of the optional fields (128), each in a shuffled order. */
    static Stream<Integer> combinations() {
        return IntStream.range(0, 128).boxed();
    }

    @ParameterizedTest(name = "optional fields {0}")
    @MethodSource("combinations")
    void roundTripsEveryHeaderCombinationInItsOrder(int mask) {
        List<Runnable> steps = new ArrayList<>();
        SoapHeader.Builder b = SoapHeader.builder();
        steps.add(() -> b.client(CLIENT));
        steps.add(() -> b.service(SERVICE));
        steps.add(() -> b.id("4894e35d-bf0f-44a6-867a-8e51f1daa7e0"));
        steps.add(() -> b.protocolVersion("4.0"));
        if ((mask & 1) != 0) {
            steps.add(() -> b.userId("EE12345678901"));
        }
        if ((mask & 2) != 0) {
            steps.add(() -> b.issue("case <7> & \"more\""));
        }
        if ((mask & 4) != 0) {
            steps.add(() -> b.securityServer(SecurityServerId.parse("SERVER:FI/COM/1234567-8/ss1.example.org")));
        }
        if ((mask & 8) != 0) {
            steps.add(() -> b.representedParty((mask & 64) != 0 ? RepresentedParty.of("COM", "MEMBER3")
                    : RepresentedParty.of("MEMBER3")));
        }
        if ((mask & 16) != 0) {
            steps.add(() -> b.securityToken((mask & 64) != 0 ? SecurityToken.jwt("eyJhbGciOiJIUzI1NiJ9.e30.sig")
                    : new SecurityToken("opaque-token", null)));
        }
        if ((mask & 32) != 0) {
            steps.add(() -> b.addElement(SoapHeaderElement.of("<a:audit xmlns:a=\"urn:audit\" level=\"2\">"
                    + "<a:by>me</a:by><![CDATA[<raw>]]></a:audit>")));
            steps.add(() -> b.addElement(SoapHeaderElement.of("<plain>text &amp; more</plain>")));
        }
        if ((mask & 64) != 0) {
            steps.add(() -> b.requestHash(RequestHash.sha512("request".getBytes(StandardCharsets.UTF_8))));
        }
        Collections.shuffle(steps, new Random(mask));
        steps.forEach(Runnable::run);
        SoapHeader header = b.build();

        SoapMessage m = roundTrip(header, SoapBody.xml(BODY));

        // other elements come back with the envelope's bindings as inherited namespaces: compare them by name and text
        assertThat(m.header()).usingRecursiveComparison().ignoringFields("otherElements").isEqualTo(header);
        assertThat(m.header().otherElements()).extracting(SoapHeaderElement::name)
                .isEqualTo(header.otherElements().stream().map(SoapHeaderElement::name).toList());
        assertThat(m.header().otherElements()).extracting(SoapHeaderElement::xml)
                .isEqualTo(header.otherElements().stream().map(SoapHeaderElement::xml).toList());
        assertThat(m.header().order()).isEqualTo(header.order());
        assertThat(m.bodyXml()).isEqualTo(BODY);
    }

    @Test
    void writesXRoadsConventionalPrefixes() {
        SoapHeader h = SoapHeader.builder().client(CLIENT).service(SERVICE).id("1")
                .representedParty(RepresentedParty.of("COM", "M3")).build();
        String xml = new String(SoapEnvelopeWriter.create().toBytes(h, SoapBody.empty()), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\">"
                + "<SOAP-ENV:Header>"
                + "<xrd:client id:objectType=\"SUBSYSTEM\"><id:xRoadInstance>FI</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>0245437-2</id:memberCode>"
                + "<id:subsystemCode>ServiceNow</id:subsystemCode></xrd:client>"
                + "<xrd:service id:objectType=\"SERVICE\"><id:xRoadInstance>FI</id:xRoadInstance>"
                + "<id:memberClass>COM</id:memberClass><id:memberCode>1234567-8</id:memberCode>"
                + "<id:subsystemCode>registry</id:subsystemCode><id:serviceCode>getPerson</id:serviceCode>"
                + "<id:serviceVersion>v1</id:serviceVersion></xrd:service>"
                + "<xrd:id>1</xrd:id>"
                + "<repr:representedParty xmlns:repr=\"http://x-road.eu/xsd/representation.xsd\">"
                + "<repr:partyClass>COM</repr:partyClass><repr:partyCode>M3</repr:partyCode></repr:representedParty>"
                + "<xrd:protocolVersion>4.0</xrd:protocolVersion>"
                + "</SOAP-ENV:Header><SOAP-ENV:Body></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        String xroad = new String(SoapEnvelopeWriter.builder().xroadPrefix("xroad").xmlDeclaration(false).build()
                .toBytes(h, SoapBody.empty()), StandardCharsets.UTF_8);
        assertThat(xroad).startsWith("<SOAP-ENV:Envelope").contains("<xroad:id>1</xroad:id>");
    }

    @Test
    void writesTheBodyFromStaxRawTextOrBytes() {
        SoapHeader h = SoapHeader.builder().client(CLIENT).service(SERVICE).id("1").build();
        SoapMessage stax = roundTrip(h, SoapBody.of(w -> {
            w.writeStartElement("p", "getPerson", "urn:p");
            w.writeNamespace("p", "urn:p");
            w.writeStartElement("p", "ssn", "urn:p");
            w.writeCharacters("a<b & \u00e4\ud83d\ude00");
            w.writeEndElement();
            w.writeEndElement();
        }));
        assertThat(stax.bodyXml()).isEqualTo(
                "<p:getPerson xmlns:p=\"urn:p\"><p:ssn>a&lt;b &amp; \u00e4\ud83d\ude00</p:ssn></p:getPerson>");
        String raw = "<p:getPerson xmlns:p=\"urn:p\"><!-- c --><![CDATA[x]]>&#228;</p:getPerson>";
        assertThat(roundTrip(h, SoapBody.xml(raw)).bodyXml()).isEqualTo(raw);
        assertThat(roundTrip(h, SoapBody.utf8(raw.getBytes(StandardCharsets.UTF_8))).bodyBytes())
                .isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reportsAFailingBodyWriterAsInvalidBody() {
        SoapHeader h = SoapHeader.builder().client(CLIENT).service(SERVICE).id("1").build();
        assertThatThrownBy(() -> SoapEnvelopeWriter.create().toBytes(h, SoapBody.of(w -> {
            throw new javax.xml.stream.XMLStreamException("boom");
        }))).isInstanceOf(XRoadProtocolException.class).hasMessageContaining("boom");
    }

    @Test
    void echoesTheRequestsHeadersAndWrapsTheBodyInServiceCodeResponse() {
        byte[] req = Fixtures.requestWith("        <a:trace xmlns:a=\"urn:trace\">t-1</a:trace>\n"
                        + "        <xroad:issue>i-9</xroad:issue>\n        <xroad:custom>c</xroad:custom>\n")
                .replace("<ns1:testQuery ", "<ns1:testQueryRequest ").replace("</ns1:testQuery>",
                        "</ns1:testQueryRequest>")
                .getBytes(StandardCharsets.UTF_8);
        SoapMessage request = Fixtures.message(req);

        byte[] resp = SoapEnvelopeWriter.create().toResponseBytes(request, SoapBody.xml("<answer>42</answer>"));
        SoapMessage response = (SoapMessage) SoapEnvelopeReader.create().read(resp, TEXT_XML);

        assertThat(response.isResponse()).isTrue();
        assertThat(response.bodyElementName()).isEqualTo(new QName("http://consumer.x-road.eu", "testQueryResponse"));
        assertThat(response.bodyXml()).isEqualTo(
                "<ns1:testQueryResponse xmlns:ns1=\"http://consumer.x-road.eu\"><answer>42</answer>"
                        + "</ns1:testQueryResponse>");
        assertThat(response.header().order()).isEqualTo(request.header().order());
        assertThat(request.header().inconsistentFields(response.header())).isEmpty();
        request.header().requireConsistent(response.header());
        // the request's xroad:custom used prefix "xroad" from the Envelope: the echo declares it
        assertThat(response.header().otherElements()).extracting(SoapHeaderElement::xml).containsExactly(
                "<a:trace xmlns:a=\"urn:trace\">t-1</a:trace>",
                "<xroad:custom xmlns:xroad=\"http://x-road.eu/xsd/xroad.xsd\">c</xroad:custom>");
        assertThat(SoapCheck.verdict(resp, TEXT_XML)).startsWith("OK response client=MEMBER:EE/BUSINESS/consumer");
    }

    @Test
    void echoesIntoTheRequestsDefaultNamespace() {
        SoapMessage request = Fixtures.message("getstate-defaultnamespace.query");
        byte[] resp = SoapEnvelopeWriter.create().toResponseBytes(request, SoapBody.xml("<state>1</state>"));
        SoapMessage response = (SoapMessage) SoapEnvelopeReader.create().read(resp, TEXT_XML);
        assertThat(response.bodyElementName()).isEqualTo(new QName("http://x-road.eu/xsd/xroad.xsd",
                "getStateResponse"));
        assertThat(response.bodyXml()).startsWith("<getStateResponse xmlns=\"http://x-road.eu/xsd/xroad.xsd\">");
    }

    @Test
    void detectsAnInconsistentResponse() {
        SoapHeader req = Fixtures.message("simple.query").header();
        SoapHeader other = req.toBuilder().issue("changed").build();
        assertThat(req.inconsistentFields(other)).containsExactly("issue");
        assertThatThrownBy(() -> req.requireConsistent(other)).isInstanceOf(XRoadProtocolException.class)
                .hasMessage("Field 'issue' does not match in request and response");
        assertThat(req.inconsistentFields(Fixtures.message("getstate.answer").header()))
                .contains("service", "id");
    }

    @Test
    void insertsRequestHashAfterIdWithItsPrefixAndIndentation() {
        byte[] answer = Fixtures.bytes("getstate.answer");
        RequestHash hash = RequestHash.sha512(Fixtures.bytes("getstate.query"));
        byte[] out = SoapEnvelopeWriter.insertRequestHash(answer, TEXT_XML, hash);

        String in = new String(answer, StandardCharsets.UTF_8);
        int idEnd = in.indexOf("</xroad:id>") + "</xroad:id>".length();
        String expected = in.substring(0, idEnd) + "\n        <xroad:requestHash algorithmId=\""
                + RequestHash.SHA512 + "\">" + hash.value() + "</xroad:requestHash>" + in.substring(idEnd);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected);
        SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(out, TEXT_XML);
        assertThat(m.header().requestHash()).contains(hash);
        assertThat(m.header().requestHash().orElseThrow().matches(Fixtures.bytes("getstate.query"))).isTrue();
        assertThat(m.header().order().indexOf(SoapHeaderField.REQUEST_HASH))
                .isEqualTo(m.header().order().indexOf(SoapHeaderField.ID) + 1);
    }

    @Test
    void replacesAnExistingRequestHash() {
        byte[] answer = Fixtures.bytes("requesthash.answer");
        RequestHash hash = RequestHash.sha512(new byte[] {1, 2, 3});
        byte[] out = SoapEnvelopeWriter.insertRequestHash(answer, TEXT_XML, hash);
        String in = new String(answer, StandardCharsets.UTF_8);
        String s = new String(out, StandardCharsets.UTF_8);
        assertThat(s).doesNotContain(">foo<").contains(hash.value());
        assertThat(in.replaceAll("\\s*<xroad:requestHash[^>]*>foo</xroad:requestHash>", "")
                .replace("</xroad:id>", "</xroad:id>\n        <xroad:requestHash algorithmId=\"" + RequestHash.SHA512
                        + "\">" + hash.value() + "</xroad:requestHash>")).isEqualTo(s);
        assertThat(((SoapMessage) SoapEnvelopeReader.create().read(out, TEXT_XML)).header().requestHash())
                .contains(hash);
    }

    @Test
    void insertsRequestHashWithoutIndentationAndStreamsTheRest() {
        SoapHeader h = SoapHeader.builder().client(CLIENT).service(SERVICE).id("abc").build();
        String big = "<p:getPersonResponse xmlns:p=\"urn:p\">" + "<r>\u00e4\u20ac</r>".repeat(50_000)
                + "</p:getPersonResponse>";
        byte[] in = SoapEnvelopeWriter.create().toBytes(h, SoapBody.xml(big));
        RequestHash hash = RequestHash.sha512(new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SoapEnvelopeWriter.insertRequestHash(new ByteArrayInputStream(in), null, hash, out);
        String s = out.toString(StandardCharsets.UTF_8);
        String original = new String(in, StandardCharsets.UTF_8);
        assertThat(s).isEqualTo(original.replace("<xrd:id>abc</xrd:id>", "<xrd:id>abc</xrd:id><xrd:requestHash "
                + "algorithmId=\"" + RequestHash.SHA512 + "\">" + hash.value() + "</xrd:requestHash>"));
    }

    @Test
    void insertsRequestHashIntoUtf16Messages() {
        String xml = new String(Fixtures.bytes("getstate.answer"), StandardCharsets.UTF_8)
                .replace("encoding=\"utf-8\"", "encoding=\"UTF-16\"");
        RequestHash hash = RequestHash.sha512(new byte[] {7});
        for (String cs : new String[] {"UTF-16", "UTF-16LE"}) {
            java.nio.charset.Charset charset = java.nio.charset.Charset.forName(cs);
            byte[] out = SoapEnvelopeWriter.insertRequestHash(xml.getBytes(charset), "text/xml; charset=" + cs, hash);
            String expected = xml.replace("</xroad:id>", "</xroad:id>\n        <xroad:requestHash algorithmId=\""
                    + RequestHash.SHA512 + "\">" + hash.value() + "</xroad:requestHash>");
            assertThat(new String(out, charset)).isEqualTo(expected);
            assertThat(out).isEqualTo(expected.getBytes(charset));
        }
    }

    @Test
    void refusesToInsertARequestHashWithoutId() {
        assertThatThrownBy(() -> SoapEnvelopeWriter.insertRequestHash(Fixtures.bytes("faulty-header.query"),
                TEXT_XML, RequestHash.sha512(new byte[0]))).isInstanceOf(XRoadProtocolException.class)
                .hasMessage("Required field 'id' is missing");
        assertThatThrownBy(() -> SoapEnvelopeWriter.insertRequestHash(Fixtures.bytes("no-header.query"),
                TEXT_XML, RequestHash.sha512(new byte[0]))).isInstanceOf(XRoadProtocolException.class)
                .hasMessage("Malformed SOAP message: header missing");
    }

    @Test
    void buildsStrictly() {
        assertThatThrownBy(() -> SoapHeader.builder().client(CLIENT).id("1").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SoapHeader.builder().protocolVersion("3.5"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoapHeader.builder().userId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("userId");
        SoapHeader h = SoapHeader.builder().client(CLIENT).service(SERVICE).id("1").userId("EE1").build();
        assertThat(h.toBuilder().remove(SoapHeaderField.USER_ID).build().userId()).isEmpty();
        assertThat(h.toString()).doesNotContain("EE1");
    }
}
