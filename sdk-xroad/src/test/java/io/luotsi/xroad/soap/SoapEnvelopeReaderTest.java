package io.luotsi.xroad.soap;

import static io.luotsi.xroad.soap.Fixtures.BODY;
import static io.luotsi.xroad.soap.Fixtures.CLIENT;
import static io.luotsi.xroad.soap.Fixtures.ID;
import static io.luotsi.xroad.soap.Fixtures.PV;
import static io.luotsi.xroad.soap.Fixtures.SERVICE;
import static io.luotsi.xroad.soap.Fixtures.TEXT_XML;
import static io.luotsi.xroad.soap.Fixtures.read;
import static io.luotsi.xroad.soap.Fixtures.request;
import static io.luotsi.xroad.soap.Fixtures.requestWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadProtocolException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

class SoapEnvelopeReaderTest {

    private static void rejects(ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(XRoadProtocolException.class)
                .satisfies(e -> assertThat(((XRoadProtocolException) e).code()).isEqualTo(code))
                .hasMessage(message);
    }

    private static void rejects(String xml, String code, String message) {
        rejects(() -> read(xml), code, message);
    }

    @Test
    void readsTheHeaderFieldsOfARequest() {
        SoapMessage m = Fixtures.message("simple-representedparty.query");
        SoapHeader h = m.header();
        assertThat(h.client()).isEqualTo(ClientId.parse("MEMBER:EE/BUSINESS/consumer"));
        assertThat(h.service()).isEqualTo(ServiceId.parse("SERVICE:EE/BUSINESS/producer/testQuery"));
        assertThat(h.id()).isEqualTo("1234567890");
        assertThat(h.userId()).contains("EE37702211234");
        assertThat(h.issue()).contains("issue-1");
        assertThat(h.protocolVersion()).isEqualTo("4.0");
        assertThat(h.representedParty()).contains(new RepresentedParty("COM", "MEMBER3"));
        assertThat(h.order()).containsExactly(SoapHeaderField.CLIENT, SoapHeaderField.SERVICE,
                SoapHeaderField.REPRESENTED_PARTY, SoapHeaderField.USER_ID, SoapHeaderField.ISSUE,
                SoapHeaderField.ID, SoapHeaderField.PROTOCOL_VERSION);
        assertThat(m.isRequest()).isTrue();
        assertThat(m.bodyElementName()).isEqualTo(new QName("http://cosumer.ee.xroad.net", "testQuery"));
    }

    @Test
    void readsTheExtensionHeaders() {
        SoapMessage m = (SoapMessage) read(requestWith(
                "<xroad:securityServer id:objectType=\"SERVER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                        + "<id:memberClass>GOV</id:memberClass><id:memberCode>M1</id:memberCode>"
                        + "<id:serverCode>ss1</id:serverCode></xroad:securityServer>\n"
                        + "<repr:representedParty xmlns:repr=\"http://x-road.eu/xsd/representation.xsd\">"
                        + "<repr:partyCode>P9</repr:partyCode></repr:representedParty>\n"
                        + "<tok:securityToken xmlns:tok=\"http://x-road.eu/xsd/security-token.xsd\" "
                        + "tokenType=\"urn:ietf:params:oauth:token-type:jwt\">eyJ.abc.def</tok:securityToken>\n"
                        + "<xroad:requestHash algorithmId=\"http://www.w3.org/2001/04/xmlenc#sha512\">aGFzaA=="
                        + "</xroad:requestHash>\n"));
        SoapHeader h = m.header();
        assertThat(h.securityServer()).contains(new SecurityServerId("EE", "GOV", "M1", "ss1"));
        assertThat(h.representedParty()).contains(new RepresentedParty(null, "P9"));
        assertThat(h.securityToken()).contains(SecurityToken.jwt("eyJ.abc.def"));
        assertThat(h.requestHash()).contains(new RequestHash("aGFzaA==", RequestHash.SHA512));
        assertThat(h.toString()).doesNotContain("eyJ").doesNotContain("EE37702211234");
    }

    @Test
    void rejectsDuplicateClientHeader() {
        rejects(() -> Fixtures.message("faulty-header2.query"), "duplicate_header_field",
                "SOAP header contains duplicate field '{http://x-road.eu/xsd/xroad.xsd}client'");
    }

    @Test
    void rejectsDuplicateIdentifierPartAndValueField() {
        rejects(requestWith("        <xroad:id>again</xroad:id>\n"), "duplicate_header_field",
                "SOAP header contains duplicate field '{http://x-road.eu/xsd/xroad.xsd}id'");
        rejects(request(CLIENT.replace("</xroad:client>", "<id:memberCode>x</id:memberCode></xroad:client>")
                + SERVICE + ID + PV, BODY), "duplicate_header_field",
                "SOAP header contains duplicate field '{http://x-road.eu/xsd/identifiers}memberCode'");
    }

    @Test
    void rejectsTheWrongObjectTypeForEachHeader() {
        rejects(request(CLIENT.replace("MEMBER", "SERVICE") + SERVICE + ID + PV, BODY), "invalid_xml",
                "Unexpected objectType: SERVICE");
        rejects(request(CLIENT + SERVICE.replace("\"SERVICE\"", "\"MEMBER\"") + ID + PV, BODY), "invalid_xml",
                "Unexpected objectType: MEMBER");
        rejects(requestWith("<xroad:securityServer id:objectType=\"SUBSYSTEM\"></xroad:securityServer>"),
                "invalid_xml", "Unexpected objectType: SUBSYSTEM");
        rejects(request(CLIENT.replace("MEMBER", "CENTRALSERVICE") + SERVICE + ID + PV, BODY), "invalid_xml",
                "Unknown objectType: CENTRALSERVICE");
    }

    @Test
    void rejectsAMissingOrUnqualifiedObjectType() {
        rejects(() -> Fixtures.message("missingobjecttype.query"), "invalid_xml", "Missing objectType attribute");
        rejects(request(CLIENT.replace("id:objectType", "objectType") + SERVICE + ID + PV, BODY), "invalid_xml",
                "Missing objectType attribute");
    }

    @Test
    void reportsMissingFieldsInXRoadsOrder() {
        rejects(request(SERVICE + ID + PV, BODY), "missing_header_field", "Required field 'client' is missing");
        rejects(request(CLIENT + SERVICE + PV, BODY), "missing_header_field", "Required field 'id' is missing");
        rejects(request(CLIENT + SERVICE + ID, BODY), "missing_header_field",
                "Required field 'protocolVersion' is missing");
        rejects(request(CLIENT + ID + PV, BODY), "missing_header_field", "Message header must contain service id");
        // only protocolVersion: it is checked first
        rejects(request(PV, BODY), "missing_header_field", "Required field 'client' is missing");
    }

    @Test
    void ignoresTheLegacyCentralServiceHeader() {
        rejects(request(CLIENT + "<xroad:centralService id:objectType=\"CENTRALSERVICE\"><id:xRoadInstance>EE"
                        + "</id:xRoadInstance><id:serviceCode>testQuery</id:serviceCode></xroad:centralService>\n"
                        + ID + PV, BODY),
                "missing_header_field", "Message header must contain service id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0", "4.1", "4.x", "4."})
    void acceptsProtocolVersionsStartingWith4Dot(String pv) {
        SoapMessage m = (SoapMessage) read(request(CLIENT + SERVICE + ID
                + "<xroad:protocolVersion>" + pv + "</xroad:protocolVersion>", BODY));
        assertThat(m.header().protocolVersion()).isEqualTo(pv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.5", "foo", "xxx", "", " 4.0", "40"})
    void rejectsOtherProtocolVersions(String pv) {
        rejects(request(CLIENT + SERVICE + ID + "<xroad:protocolVersion>" + pv + "</xroad:protocolVersion>", BODY),
                "invalid_protocol_version", "Invalid protocol version (supported: 4.x, provided: " + pv + ")");
    }

    @Test
    void acceptsABodyElementThatStartsWithTheServiceCode() {
        SoapMessage m = (SoapMessage) read(request(CLIENT + SERVICE + ID + PV,
                "<ns1:testQueryRequest xmlns:ns1=\"urn:x\"/>"));
        assertThat(m.isRequest()).isTrue();
        assertThat(m.bodyElementName().getLocalPart()).isEqualTo("testQueryRequest");
        rejects(request(CLIENT + SERVICE + ID + PV, "<ns1:testFoo xmlns:ns1=\"urn:x\"/>"), "inconsistent_headers",
                "Malformed SOAP message: service code does not match in header and body");
    }

    @Test
    void marksAWrapperEndingInResponseAsResponse() {
        assertThat(Fixtures.message("simple.answer").isResponse()).isTrue();
        assertThat(Fixtures.message("simple.query").isResponse()).isFalse();
    }

    @Test
    void flagsRpcEncodedEnvelopes() {
        String xml = requestWith("").replace("<SOAP-ENV:Envelope ",
                "<SOAP-ENV:Envelope SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\" ");
        assertThat(((SoapMessage) read(xml)).isRpc()).isTrue();
        assertThat(((SoapMessage) read(requestWith(""))).isRpc()).isFalse();
        assertThat(SoapCheck.verdict(xml.getBytes(StandardCharsets.UTF_8), TEXT_XML)).endsWith(" pv=4.0 rpc");
    }

    @Test
    void requiresExactlyOneBodyChild() {
        rejects(() -> Fixtures.message("malformed-body1.query"), "invalid_body",
                "Malformed SOAP message: body must have exactly one child element");
        rejects(() -> Fixtures.message("malformed-body2.query"), "invalid_body",
                "Malformed SOAP message: body must have exactly one child element");
        rejects(() -> Fixtures.message("missing-body.query"), "missing_body", "Malformed SOAP message: body missing");
        rejects(() -> Fixtures.message("no-header.query"), "missing_header", "Malformed SOAP message: header missing");
    }

    @Test
    void joinsAHeaderValueSplitOverManyCharacterEvents() {
        String longId = "x".repeat(70_000); // crosses the parser's 8 KiB buffer many times
        SoapMessage m = (SoapMessage) read(request(CLIENT + SERVICE
                + "<xroad:id>12<![CDATA[34]]>&amp;5&#54;<!-- c -->7" + longId + "</xroad:id>\n" + PV, BODY));
        assertThat(m.header().id()).isEqualTo("1234&567" + longId);
    }

    @Test
    void acceptsEmptyIdAndIssue() {
        SoapMessage m = (SoapMessage) read(request(CLIENT + SERVICE + "<xroad:id></xroad:id><xroad:issue/>" + PV,
                BODY));
        assertThat(m.header().id()).isEmpty();
        assertThat(m.header().issue()).contains("");
    }

    @Test
    void reportsBlankIdentifierPartsAsXRoadDoes() {
        rejects(request(CLIENT.replace("<id:memberCode>consumer</id:memberCode>", "<id:memberCode> </id:memberCode>")
                + SERVICE + ID + PV, BODY), "internal_error", "'memberCode' must not be blank");
        rejects(request(CLIENT.replace("<id:memberCode>consumer</id:memberCode>", "") + SERVICE + ID + PV, BODY),
                "internal_error", "'memberCode' must not be blank");
    }

    @Test
    void refusesAnythingButASoap11Envelope() {
        rejects("<a/>", "invalid_soap", "Malformed SOAP message: envelope missing");
        rejects(() -> SoapEnvelopeReader.create().read(Fixtures.bytes("getstate.query"), "application/soap+xml"),
                "invalid_content_type", "Invalid content type: application/soap+xml");
        rejects(() -> SoapEnvelopeReader.create().read(Fixtures.bytes("getstate.query"), "text/html"),
                "invalid_content_type", "Invalid content type: text/html");
    }

    @Test
    void refusesDoctypeWithXRoadsMessage() {
        rejects(requestWith("").replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE x>"), "invalid_soap",
                "org.xml.sax.SAXParseException; lineNumber: 2; columnNumber: 10; DOCTYPE is disallowed when the "
                        + "feature \"http://apache.org/xml/features/disallow-doctype-decl\" set to true.");
    }

    @Test
    void refusesExternalEntitiesAndEntityExpansion() {
        String ext = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + requestWith("<xroad:userId>&x;</xroad:userId>").substring(39);
        assertThatThrownBy(() -> read(ext)).isInstanceOf(XRoadProtocolException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("root:");
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;\">]>" + requestWith("<x>&c;</x>").substring(39);
        assertThatThrownBy(() -> read(lol)).isInstanceOf(XRoadProtocolException.class)
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> read(requestWith("<x>&undeclared;</x>"))).isInstanceOf(XRoadProtocolException.class)
                .hasMessageEndingWith("The entity \"undeclared\" was referenced, but not declared.");
    }

    @Test
    void enforcesTheDepthLimit() {
        String deep = "<a>".repeat(20) + "</a>".repeat(20);
        SoapEnvelopeReader reader = SoapEnvelopeReader.builder().maxDepth(20).build();
        byte[] ok = request(CLIENT + SERVICE + ID + PV, "<testQuery>" + "<a>".repeat(15) + "</a>".repeat(15)
                + "</testQuery>").getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(ok, TEXT_XML)).isInstanceOf(SoapMessage.class);
        byte[] tooDeep = request(CLIENT + SERVICE + ID + PV, "<testQuery>" + deep + "</testQuery>")
                .getBytes(StandardCharsets.UTF_8);
        rejects(() -> reader.read(tooDeep, TEXT_XML), "invalid_soap",
                "SOAP message nests elements deeper than the limit of 20");
    }

    @Test
    void enforcesTheSizeLimitOnStreamsAndArrays() {
        SoapEnvelopeReader reader = SoapEnvelopeReader.builder().maxBytes(500).build();
        byte[] big = Fixtures.bytes("getstate.query");
        rejects(() -> reader.read(new ByteArrayInputStream(big), TEXT_XML), "invalid_soap",
                "SOAP message exceeds the size limit of 500 bytes");
        rejects(() -> reader.read(big, TEXT_XML), "invalid_soap", "SOAP message exceeds the size limit of 500 bytes");
        SoapEnvelopeReader exact = SoapEnvelopeReader.builder().maxBytes(big.length).build();
        assertThat(exact.read(new ByteArrayInputStream(big), TEXT_XML).size()).isEqualTo(big.length);
    }

    @Test
    void resolvesPrefixesWhereverTheyAreDeclared() {
        SoapMessage m = Fixtures.message("getstate-defaultnamespace.query");
        assertThat(m.header().client()).isEqualTo(ClientId.parse("MEMBER:EE/BUSINESS/consumer"));
    }

    static java.util.stream.Stream<byte[]> malformed() {
        String env = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"";
        return java.util.stream.Stream.of(
                env + ">",
                env + "></SOAP-ENV:Body>",
                "   ",
                "x<a/>",
                env + "><p:x/></SOAP-ENV:Envelope>",
                env + " a='1' a='2'/>",
                env + "><x b=\"<\"/>",
                "<?xml version=\"1.0\"?>\n" + env + ">\n<SOAP-ENV:Body>\u0001</SOAP-ENV:Body></SOAP-ENV:Envelope>",
                requestWith("") + "<junk/>",
                requestWith("<x>&undeclared;</x>"),
                "<!DOCTYPE x>" + requestWith(""),
                "\n\n   <!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + requestWith("<a>&x;</a>")
                        .substring(39))
                .map(x -> x.getBytes(StandardCharsets.UTF_8));
    }

    /** Malformed XML gets the invalid_soap message X-Road's SAX parser (configured as X-Road configures it) gives. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("malformed")
    void describesMalformedXmlAsXRoadsSaxParserDoes(byte[] bytes) throws Exception {
        rejects(() -> SoapEnvelopeReader.create().read(bytes, TEXT_XML), "invalid_soap", saxError(bytes));
    }

    @Test
    void describesBytesThatAreNotUtf8AsXRoadsSaxParserDoes() throws Exception {
        for (String bad : new String[] {"\u00e4", "\u00e4A", "\u00ff", "\u00c3"}) {
            byte[] b = requestWith("<xroad:userId>EE" + bad + "</xroad:userId>").getBytes(StandardCharsets.ISO_8859_1);
            rejects(() -> SoapEnvelopeReader.create().read(b, TEXT_XML), "invalid_soap", saxError(b));
        }
    }

    /** What X-Road's SAX parser reports ({@code SAXParseException.toString()}). */
    private static String saxError(byte[] bytes) throws Exception {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://xml.org/sax/features/namespace-prefixes", true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        try {
            f.newSAXParser().parse(new ByteArrayInputStream(bytes), new DefaultHandler());
        } catch (SAXException e) {
            return e.toString();
        }
        throw new AssertionError("the SAX parser accepted the document");
    }

    @Test
    void keepsTheExactBytesOfEveryAcceptedFixture() {
        for (String name : new String[] {"getstate.query", "getstate.answer", "simple.query", "simple-comment.answer",
            "getstate-defaultnamespace.query", "response-with-requestId.answer", "requesthash.answer"}) {
            byte[] in = Fixtures.bytes(name);
            SoapEnvelope env = SoapEnvelopeReader.create().read(new ByteArrayInputStream(in), TEXT_XML);
            assertThat(env.bytes()).as(name).isEqualTo(in);
            assertThat(env.xml()).as(name).isEqualTo(new String(in, StandardCharsets.UTF_8));
            assertThat(env.requestHash()).isEqualTo(RequestHash.sha512(in));
        }
    }

    @Test
    void skipsAUtf8BomForParsingButKeepsItInTheBytes() {
        byte[] plain = Fixtures.bytes("getstate-subsystem.query");
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, bom, 3, plain.length);
        for (String ct : new String[] {"text/xml; charset=UTF-8", "text/xml", null}) {
            SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(bom, ct);
            assertThat(m.bytes()).isEqualTo(bom);
            assertThat(m.xml()).isEqualTo(new String(plain, StandardCharsets.UTF_8));
            assertThat(m.requestHash()).isEqualTo(RequestHash.sha512(bom)).isNotEqualTo(RequestHash.sha512(plain));
            assertThat(m.bodyBytes()).isEqualTo(slice(plain, "<xroad:getState>", "</xroad:getState>"));
        }
        // only for UTF-8: with another charset the BOM is content before the root element
        rejects(() -> SoapEnvelopeReader.create().read(bom, "text/xml; charset=ISO-8859-1"), "invalid_soap",
                "org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 1; Content is not allowed in prolog.");
    }

    @Test
    void readsIso88591WithoutReencoding() {
        String xml = requestWith("<xroad:issue>\u00e4\u00f6\u00fc</xroad:issue>\n")
                .replace("encoding=\"utf-8\"", "encoding=\"ISO-8859-1\"")
                .replace("<q>1</q>", "<q>\u00c5ngstr\u00f6m</q>");
        byte[] latin = xml.getBytes(StandardCharsets.ISO_8859_1);
        SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(latin, "text/xml;charset=ISO-8859-1");
        assertThat(m.header().issue()).contains("\u00e4\u00f6\u00fc");
        assertThat(m.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(m.bytes()).isEqualTo(latin);
        assertThat(m.bodyBytes()).isEqualTo(BODY.replace("<q>1</q>", "<q>\u00c5ngstr\u00f6m</q>")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(m.bodyXml()).contains("\u00c5ngstr\u00f6m");
    }

    @Test
    void readsUtf16ByteExact() {
        String xml = requestWith("").replace("encoding=\"utf-8\"", "encoding=\"UTF-16\"")
                .replace("<q>1</q>", "<q>\u20ac\ud83d\ude00</q>");
        byte[] b = xml.getBytes(StandardCharsets.UTF_16); // with a BOM
        SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(b, "text/xml; charset=UTF-16");
        assertThat(m.bytes()).isEqualTo(b);
        String body = BODY.replace("<q>1</q>", "<q>\u20ac\ud83d\ude00</q>");
        assertThat(m.bodyXml()).isEqualTo(body);
        assertThat(m.bodyBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void keepsCdataEntitiesCommentsAndDefaultNamespacesOfTheBody() {
        SoapMessage cdata = (SoapMessage) SoapEnvelopeReader.create().read(Fixtures.extra("cdata.answer"), TEXT_XML);
        assertThat(cdata.bodyXml()).isEqualTo("<xroad:getStateResponse>\n"
                + "            <response><![CDATA[<a><b><c>12345678</c></b></a>]]></response>\n"
                + "        </xroad:getStateResponse>");
        SoapMessage enc = (SoapMessage) SoapEnvelopeReader.create().read(Fixtures.extra("xmlencoded.answer"),
                TEXT_XML);
        assertThat(enc.bodyXml()).contains("<answer foo=\"&amp;\">&gt;foo&lt; &#38; bar</answer>");
        assertThat(enc.header().userId()).contains("<\"EE37702211234\" & 'xml encoded'>");
        String withComment = "<ns1:testQuery xmlns:ns1=\"urn:x\"><!-- keep <b> --><q>1</q></ns1:testQuery>";
        SoapMessage comment = (SoapMessage) read(request(CLIENT + SERVICE + ID + PV, "<!-- before -->"
                + withComment));
        assertThat(comment.bodyXml()).isEqualTo(withComment);
        assertThat(comment.bodyContentXml()).isEqualTo("\n        <!-- before -->" + withComment + "\n    ");
        assertThat(Fixtures.message("simple-comment.answer").header().id()).isEqualTo("1234567890");

        SoapMessage dflt = Fixtures.message("getstate-defaultnamespace.query");
        assertThat(dflt.bodyXml()).isEqualTo("<getState>a\u00e4\u00f5</getState>");
        assertThat(dflt.bodyElementName()).isEqualTo(new QName("http://x-road.eu/xsd/xroad.xsd", "getState"));
        assertThat(dflt.bodyNamespaces()).containsEntry("", "http://x-road.eu/xsd/xroad.xsd");
        assertThat(SoapHeaderElement.of(dflt.bodyStandaloneXml()).name()).isEqualTo(dflt.bodyElementName());
    }

    @Test
    void givesTheBodyAsExactBytesWithMultibyteCharacters() {
        byte[] in = Fixtures.bytes("getstate.query");
        SoapMessage m = Fixtures.message("getstate.query");
        assertThat(m.bodyBytes()).isEqualTo(slice(in, "<xroad:getState>", "</xroad:getState>"));
        assertThat(new String(m.bodyBytes(), StandardCharsets.UTF_8)).contains("\u00e4\u00f5");
    }

    @Test
    void givesABodyReaderWithTheEnvelopesNamespacesInScope() throws Exception {
        SoapMessage m = Fixtures.message("getstate.query");
        XMLStreamReader r = m.bodyReader();
        assertThat(r.getEventType()).isEqualTo(XMLStreamConstants.START_ELEMENT);
        assertThat(r.getName()).isEqualTo(new QName("http://x-road.eu/xsd/xroad.xsd", "getState"));
        assertThat(r.getNamespaceContext().getNamespaceURI("id")).isEqualTo("http://x-road.eu/xsd/identifiers");
        String text = m.readBody(reader -> {
            StringBuilder sb = new StringBuilder();
            int depth = 0;
            do {
                int e = reader.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (e == XMLStreamConstants.CHARACTERS) {
                    sb.append(reader.getText().trim());
                }
            } while (depth >= 0);
            return sb.toString();
        });
        assertThat(text).isEqualTo("a\u00e4\u00f5");
        assertThat(m.bodyNamespaces()).containsEntry("xroad", "http://x-road.eu/xsd/xroad.xsd");
        // the standalone form parses on its own and names the same element
        SoapHeaderElement alone = SoapHeaderElement.of(m.bodyStandaloneXml());
        assertThat(alone.name()).isEqualTo(m.bodyElementName());
    }

    @Test
    void keepsUnknownHeadersVerbatimInOrderWithTheirNamespaces() {
        SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(Fixtures.extra("cdata.answer"), TEXT_XML);
        assertThat(m.header().otherElements()).hasSize(1);
        SoapHeaderElement e = m.header().otherElements().get(0);
        assertThat(e.name()).isEqualTo(new QName("http://x-road.eu/xsd/xroad.xsd", "xml", "xroad"));
        assertThat(e.xml()).isEqualTo("<xroad:xml><![CDATA[<a><b><c>12345678</c></b></a>]]></xroad:xml>");
        assertThat(e.inheritedNamespaces()).containsEntry("xroad", "http://x-road.eu/xsd/xroad.xsd")
                .containsEntry("SOAP-ENV", "http://schemas.xmlsoap.org/soap/envelope/");
        assertThat(SoapHeaderElement.of(e.standaloneXml()).name()).isEqualTo(e.name());
        assertThat(m.header().order()).endsWith(SoapHeaderField.PROTOCOL_VERSION, SoapHeaderField.OTHER);

        SoapMessage two = (SoapMessage) read(request("<a:one xmlns:a=\"urn:a\" k=\"v\"><a:in>1</a:in></a:one>\n"
                + CLIENT + "<b:two xmlns:b=\"urn:b\"/>" + SERVICE + ID + PV
                + "<tok:securityToken xmlns:tok=\"http://x-road.eu/xsd/security-token.xsd\">t1</tok:securityToken>"
                + "<tok:securityToken xmlns:tok=\"http://x-road.eu/xsd/security-token.xsd\">t2</tok:securityToken>",
                BODY));
        assertThat(two.header().otherElements()).extracting(SoapHeaderElement::xml).containsExactly(
                "<a:one xmlns:a=\"urn:a\" k=\"v\"><a:in>1</a:in></a:one>", "<b:two xmlns:b=\"urn:b\"/>",
                "<tok:securityToken xmlns:tok=\"http://x-road.eu/xsd/security-token.xsd\">t2</tok:securityToken>");
        assertThat(two.header().securityToken()).contains(new SecurityToken("t1", null));
        assertThat(two.header().order()).containsExactly(SoapHeaderField.OTHER, SoapHeaderField.CLIENT,
                SoapHeaderField.OTHER, SoapHeaderField.SERVICE, SoapHeaderField.ID, SoapHeaderField.PROTOCOL_VERSION,
                SoapHeaderField.SECURITY_TOKEN, SoapHeaderField.OTHER);
    }

    @Test
    void findsXopIncludes() {
        byte[] mtom = Fixtures.bytes("attachm-mtom.query");
        String all = new String(mtom, StandardCharsets.UTF_8);
        int start = all.indexOf("<?xml");
        int end = all.indexOf("\n--jetty", start);
        SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(Arrays.copyOfRange(mtom, start, end),
                "application/xop+xml; charset=utf-8");
        assertThat(m.xopIncludes()).containsExactly("cid:42a7ee0a-20ee-426b-a135-094d72bc138f@example.org");
    }

    @Test
    void reusesItsParserSafelyAfterFailures() {
        SoapEnvelopeReader reader = SoapEnvelopeReader.builder().maxDepth(10).build();
        byte[] good = Fixtures.bytes("getstate.query");
        byte[][] bad = {Fixtures.bytes("faulty-header2.query"), "<a".getBytes(StandardCharsets.UTF_8),
            ("<!DOCTYPE a>" + requestWith("")).getBytes(StandardCharsets.UTF_8),
            request(CLIENT + SERVICE + ID + PV, "<testQuery>" + "<a>".repeat(12) + "</a>".repeat(12)
                    + "</testQuery>").getBytes(StandardCharsets.UTF_8)};
        for (int i = 0; i < 200; i++) {
            byte[] b = bad[i % bad.length];
            assertThatThrownBy(() -> reader.read(b, TEXT_XML)).isInstanceOf(XRoadProtocolException.class);
            SoapMessage m = (SoapMessage) reader.read(good, TEXT_XML);
            assertThat(m.header().id()).isEqualTo("411d6755661409fed365ad8135f8210be07613da");
        }
    }

    @Test
    void readsConcurrentlyFromManyThreads() throws Exception {
        SoapEnvelopeReader reader = SoapEnvelopeReader.create();
        String[] names = {"getstate.query", "simple.query", "simple-representedparty.query", "getstate.answer"};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String name = names[i % names.length];
                results.add(pool.submit(() -> SoapCheck.describe((SoapMessage) reader.read(Fixtures.bytes(name),
                        TEXT_XML))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(SoapCheck.describe(Fixtures.message(names[i % 4])));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] slice(byte[] in, String from, String to) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        int a = s.indexOf(from);
        int b = s.indexOf(to, a) + to.length();
        return Arrays.copyOfRange(in, a, b);
    }
}
