package io.luotsi.xroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identifier conformance against X-Road's own fixtures ({@code src/common/common-domain/src/test/resources/identifiers},
 * MIT, copied with LICENSE-X-Road.txt) and the verdicts of X-Road's {@code IdentifierTypeConverterTest}, plus the
 * fixtures X-Road's test builds inline.
 */
class IdentifierConformanceTest {

    private static final String HEAD = "<?xml version=\"1.0\" ?>\n";
    private static final String NS = "xmlns:xroad=\"http://x-road.eu/xsd/xroad.xsd\" "
            + "xmlns:id=\"http://x-road.eu/xsd/identifiers\"";

    static String fixture(String name) throws IOException {
        try (InputStream in = IdentifierConformanceTest.class.getResourceAsStream("/xroad/identifiers/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "clientid.xml,           MEMBER:EE/COMPANY/FOOBAR",
            "clientid-subsystem.xml, SUBSYSTEM:EE/COMPANY/FOOBAR/SUBSYSTEM",
            "serviceid.xml,          SERVICE:EE/BUSINESS/JODA/getState",
            "securityserverid.xml,   SERVER:EE/BUSINESS/123456789/bambi",
            "globalgroupid.xml,      GLOBALGROUP:EE/perearstid",
            "localgroupid.xml,       LOCALGROUP:lokaalgrupp",
    })
    void fixtureParsesToXRoadsVerdict(String file, String expected) throws IOException {
        XRoadId id = IdentifierXml.parse(fixture(file));
        assertThat(id.toString()).isEqualTo(expected);
        assertThat(id.objectType().name()).isEqualTo(expected.substring(0, expected.indexOf(':')));
    }

    @Test
    void fixturesParseToTheExpectedFieldValues() throws IOException {
        assertThat(IdentifierXml.parse(fixture("clientid.xml")))
                .isEqualTo(new ClientId("EE", "COMPANY", "FOOBAR", null));
        assertThat(IdentifierXml.parse(fixture("clientid-subsystem.xml")))
                .isEqualTo(new ClientId("EE", "COMPANY", "FOOBAR", "SUBSYSTEM"));
        ServiceId service = (ServiceId) IdentifierXml.parse(fixture("serviceid.xml"));
        assertThat(service.provider()).isEqualTo(new ClientId("EE", "BUSINESS", "JODA", null));
        assertThat(service.serviceCode()).isEqualTo("getState");
        assertThat(service.serviceVersion()).isNull();
        assertThat(service.version()).isEmpty();
        assertThat(IdentifierXml.parse(fixture("securityserverid.xml")))
                .isEqualTo(new SecurityServerId("EE", "BUSINESS", "123456789", "bambi"));
        assertThat(IdentifierXml.parse(fixture("globalgroupid.xml"))).isEqualTo(new GlobalGroupId("EE", "perearstid"));
        XRoadId local = IdentifierXml.parse(fixture("localgroupid.xml"));
        assertThat(local).isEqualTo(new LocalGroupId("lokaalgrupp"));
        assertThat(local.parts()).containsExactly("lokaalgrupp"); // no instance
    }

    @Test
    void memberWithSubsystemCodeIsAnInvalidClientIdentifier() throws IOException {
        String xml = fixture("invalid-clientid-member.xml");
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_client_identifier"));
    }

    @Test
    void subsystemWithoutSubsystemCodeIsAnInvalidClientIdentifier() {
        // X-Road's invalid-clientid-subsystem.xml, which the corpus lacks.
        String xml = HEAD + "<xroad:client id:objectType=\"SUBSYSTEM\" " + NS + ">"
                + "<id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>COMPANY</id:memberClass>"
                + "<id:memberCode>FOOBAR</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_client_identifier"));
    }

    @Test
    void serviceWithVersionParses() {
        // X-Road's serviceid-version.xml, which the corpus lacks.
        String xml = HEAD + "<xroad:service id:objectType=\"SERVICE\" " + NS + ">"
                + "<id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>BUSINESS</id:memberClass>"
                + "<id:memberCode>JODA</id:memberCode><id:serviceCode>getState</id:serviceCode>"
                + "<id:serviceVersion>v1</id:serviceVersion></xroad:service>";
        ServiceId id = (ServiceId) IdentifierXml.parse(xml);
        assertThat(id.toString()).isEqualTo("SERVICE:EE/BUSINESS/JODA/getState/v1");
        assertThat(id.provider().isSubsystem()).isFalse();
        assertThat(id.version()).contains("v1");
    }

    @Test
    void missingObjectTypeIsInvalidXml() {
        String xml = "<xroad:client " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>M</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_xml");
                    assertThat(e.getMessage()).isEqualTo("Missing objectType attribute");
                });
    }

    @Test
    void objectTypeWithoutTheIdentifiersNamespaceCountsAsMissing() {
        String xml = "<xroad:client objectType=\"MEMBER\" " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>M</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Missing objectType attribute"));
    }

    @Test
    void objectTypeIsCaseSensitive() {
        String xml = "<xroad:client id:objectType=\"member\" " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>M</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_xml");
                    assertThat(e.getMessage()).contains("Unexpected objectType");
                });
    }

    @Test
    void refusesDoctype() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"EVIL\">]>"
                + "<xroad:client id:objectType=\"MEMBER\" " + NS + "><id:xRoadInstance>&e;</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>M</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_xml");
                    assertThat(e.getMessage()).contains("DOCTYPE");
                });
    }

    @Test
    void refusesExternalEntities() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + "<xroad:client id:objectType=\"MEMBER\" " + NS + "><id:xRoadInstance>&e;</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>M</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml)).isInstanceOf(XRoadProtocolException.class);
    }

    @Test
    void duplicatePartIsDuplicateHeaderField() {
        String xml = "<xroad:client id:objectType=\"MEMBER\" " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>M</id:memberCode>"
                + "<id:memberCode>M2</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("duplicate_header_field"));
    }

    @Test
    void unknownChildrenAndForeignNamespacesAreIgnored() {
        String xml = "<xroad:client id:objectType=\"MEMBER\" " + NS + " xmlns:o=\"urn:other\">"
                + "<id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>C</id:memberClass>"
                + "<o:memberCode>IGNORED</o:memberCode><id:futurePart>x</id:futurePart>"
                + "<id:memberCode>M</id:memberCode></xroad:client>";
        assertThat(IdentifierXml.parse(xml)).isEqualTo(new ClientId("EE", "C", "M", null));
    }

    @Test
    void missingRequiredPartIsRejected() {
        String xml = "<xroad:client id:objectType=\"MEMBER\" " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberCode>M</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_client_identifier"));
        String service = "<xroad:service id:objectType=\"SERVICE\" " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>M</id:memberCode></xroad:service>";
        assertThatThrownBy(() -> IdentifierXml.parse(service))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.getMessage()).contains("serviceCode"));
    }

    @Test
    void blankPartIsRejected() {
        String xml = "<xroad:client id:objectType=\"MEMBER\" " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>  </id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_client_identifier"));
    }

    @Test
    void refusesDocumentsOverTheSizeLimit() {
        String xml = "<xroad:client id:objectType=\"MEMBER\" " + NS + "><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>C</id:memberClass><id:memberCode>" + "M".repeat(70_000)
                + "</id:memberCode></xroad:client>";
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_xml"));
    }

    @Test
    void valuesKeepWhitespaceCaseAndEntities() {
        String xml = "<xroad:client id:objectType=\"SUBSYSTEM\" " + NS + "><id:xRoadInstance>ee</id:xRoadInstance>"
                + "<id:memberClass>C&amp;D</id:memberClass><id:memberCode><![CDATA[M<1>]]></id:memberCode>"
                + "<id:subsystemCode>mgmt service provider</id:subsystemCode></xroad:client>";
        assertThat(IdentifierXml.parse(xml)).isEqualTo(new ClientId("ee", "C&D", "M<1>", "mgmt service provider"));
        assertThat(new ClientId("ee", "C", "M", null)).isNotEqualTo(new ClientId("EE", "C", "M", null));
    }

    @Test
    void wireReadingTakesTheClientTypeFromTheSubsystemCode() throws Exception {
        // X-Road's SAX path does not check MEMBER/SUBSYSTEM against subsystemCode; the JAXB path does.
        javax.xml.stream.XMLStreamReader r = io.luotsi.xroad.internal.SafeXml.reader(
                new java.io.ByteArrayInputStream(fixture("invalid-clientid-member.xml").getBytes(StandardCharsets.UTF_8)),
                64 * 1024);
        r.nextTag();
        assertThat(IdentifierXml.read(r, false)).isEqualTo(new ClientId("EE", "COMPANY", "FOOBAR", "SUBSYSTEM"));
        assertThat(r.getEventType()).isEqualTo(javax.xml.stream.XMLStreamConstants.END_ELEMENT);
        assertThat(r.getLocalName()).isEqualTo("client");
    }

    @Test
    void writesIntoADocumentThatAlreadyBindsTheIdentifiersPrefix() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        javax.xml.stream.XMLStreamWriter w = io.luotsi.xroad.internal.SafeXml.outputFactory()
                .createXMLStreamWriter(out);
        w.writeStartElement("h", "header", IdentifierXml.XROAD_NS);
        w.writeNamespace("h", IdentifierXml.XROAD_NS);
        w.writeNamespace("iden", IdentifierXml.IDENTIFIERS_NS);
        w.setPrefix("iden", IdentifierXml.IDENTIFIERS_NS);
        ServiceId service = new ServiceId(new ClientId("EE", "BUSINESS", "JODA", null), "getState", "v1");
        IdentifierXml.write(w, "h", "service", IdentifierXml.XROAD_NS, "iden", service);
        w.writeEndElement();
        w.close();
        String xml = out.toString();
        assertThat(xml).contains("<h:service iden:objectType=\"SERVICE\">")
                .contains("<iden:serviceVersion>v1</iden:serviceVersion>");
        javax.xml.stream.XMLStreamReader r = io.luotsi.xroad.internal.SafeXml.reader(
                new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 64 * 1024);
        r.nextTag();
        r.nextTag();
        assertThat(IdentifierXml.read(r)).isEqualTo(service);
    }

    // ---- round trips ----

    /** Every kind of identifier, including values only the lenient (canonical) constructors accept. */
    static Stream<XRoadId> allIds() throws IOException {
        return Stream.concat(fixtureIds().stream(), Stream.of(
                new ClientId("EE", "BUSINESS", "consumer", "sub/system"),
                new ClientId("FI", "GOV", "0245437-2", "mgmt service provider"),
                new ClientId("EE", "GOV", "a%b", "x:y;z\\w"),
                new ServiceId(new ClientId("EE", "BUSINESS", "producer", "s/ub"), "öäå", null),
                new ServiceId(new ClientId("EE", "BUSINESS", "producer", "sub"), "列車", "v/1"),
                new ServiceId(new ClientId("EE", "BUSINESS", "JODA", null), "getState", null),
                new SecurityServerId("EE", "BUSINESS", "123", "ss 1/a"),
                new GlobalGroupId("EE", "group/with slash"),
                new LocalGroupId("lokaal grupp/ä")));
    }

    static List<XRoadId> fixtureIds() throws IOException {
        return List.of(IdentifierXml.parse(fixture("clientid.xml")),
                IdentifierXml.parse(fixture("clientid-subsystem.xml")),
                IdentifierXml.parse(fixture("serviceid.xml")),
                IdentifierXml.parse(fixture("securityserverid.xml")),
                IdentifierXml.parse(fixture("globalgroupid.xml")),
                IdentifierXml.parse(fixture("localgroupid.xml")));
    }

    /** Identifiers whose text form is unambiguous: no {@code /} in a value, no member service with a version. */
    static Stream<XRoadId> textRoundTrippableIds() throws IOException {
        return Stream.concat(fixtureIds().stream(), Stream.of(
                ClientId.subsystem("FI", "GOV", "0245437-2", "ServiceNow"),
                new ClientId("FI", "GOV", "0245437-2", "mgmt service provider"),
                new ServiceId(new ClientId("EE", "BUSINESS", "producer", "sub"), "öäå", null),
                new ServiceId(new ClientId("EE", "BUSINESS", "producer", "sub"), "getState", "v1"),
                ServiceId.of("EE", "GOV", "1234", "sub", "getX"),
                SecurityServerId.of("EE", "BUSINESS", "123", "ss1"),
                new GlobalGroupId("EE", "perearstid"),
                new LocalGroupId("lokaal grupp")));
    }

    @ParameterizedTest
    @MethodSource("allIds")
    void roundTripsThroughXml(XRoadId id) {
        String xml = IdentifierXml.toXml("id", id);
        assertThat(xml).contains("id:objectType=\"" + id.objectType().name() + "\"");
        assertThat(IdentifierXml.parse(xml)).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource("allIds")
    void roundTripsThroughEncodedForm(XRoadId id) {
        String encoded = id.toEncodedString();
        assertThat(encoded).doesNotContain(" ").matches("\\p{ASCII}*");
        assertThat(encoded.split("/", -1)).hasSize(id.parts().size());
        assertThat(parseEncoded(id.objectType(), encoded)).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource("textRoundTrippableIds")
    void roundTripsThroughToStringAndParse(XRoadId id) {
        assertThat(parse(id.objectType(), id.toString())).isEqualTo(id);
        assertThat(parse(id.objectType(), id.toShortString())).isEqualTo(id);
    }

    @Test
    void memberServiceWithVersionHasNoUnambiguousTextForm() {
        // I/C/M/code/version and I/C/M/subsystem/code look the same; parse reads 5 parts as the REST form.
        ServiceId memberService = new ServiceId(new ClientId("EE", "BUSINESS", "JODA", null), "getState", "v1");
        ServiceId parsed = ServiceId.parse(memberService.toString());
        assertThat(parsed).isEqualTo(new ServiceId(new ClientId("EE", "BUSINESS", "JODA", "getState"), "v1", null));
        assertThat(IdentifierXml.parse(IdentifierXml.toXml("service", memberService))).isEqualTo(memberService);
    }

    @Test
    void parseRejectsTheStringFormOfAnotherType() {
        assertThatThrownBy(() -> ClientId.parse("SERVER:EE/BUSINESS/123/bambi"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityServerId.parse("SUBSYSTEM:EE/BUSINESS/123/sub"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceId.parse("SUBSYSTEM:EE/BUSINESS/123/sub/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GlobalGroupId.parse("LOCALGROUP:EE/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalGroupId.parse("GLOBALGROUP:EE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientId.parse("MEMBER:EE/C/M/S")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientId.parse("SUBSYSTEM:EE/C/M")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRejectsWrongPartCountsAndBlankParts() {
        assertThatThrownBy(() -> ClientId.parse("EE/C")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientId.parse("EE/C/M/S/X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientId.parse("EE//M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientId.parseEncoded("EE/C/M/%20")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceId.parse("EE/C/M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceId.parse("EE/C/M/S/code/v/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityServerId.parseEncoded("EE/C/M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityServerId.parseEncoded("EE/C/M/S/X"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GlobalGroupId.parse("EE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalGroupId.parse("LOCALGROUP:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void representedPartyHasOneOrTwoEncodedParts() {
        assertThat(RepresentedParty.parseEncoded("Member")).isEqualTo(new RepresentedParty(null, "Member"));
        assertThat(RepresentedParty.parseEncoded("Class/Member")).isEqualTo(new RepresentedParty("Class", "Member"));
        assertThat(RepresentedParty.parseEncoded("C%2FD/M%C3%A4")).isEqualTo(new RepresentedParty("C/D", "Mä"));
        assertThatThrownBy(() -> RepresentedParty.parseEncoded("Instance/Class/Member"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RepresentedParty.parseEncoded("")).isInstanceOf(IllegalArgumentException.class);
        RepresentedParty p = new RepresentedParty("C/D", "M ä");
        assertThat(p.toEncodedString()).isEqualTo("C%2FD/M%20%C3%A4");
        assertThat(RepresentedParty.parseEncoded(p.toEncodedString())).isEqualTo(p);
        assertThat(RepresentedParty.of("COM", "MEMBER3").toString()).isEqualTo("COM/MEMBER3");
        assertThat(RepresentedParty.parse("MEMBER3").partyClassOptional()).isEmpty();
    }

    static XRoadId parse(XRoadObjectType type, String text) {
        switch (type) {
            case MEMBER:
            case SUBSYSTEM:
                return ClientId.parse(text);
            case SERVICE:
                return ServiceId.parse(text);
            case SERVER:
                return SecurityServerId.parse(text);
            case GLOBALGROUP:
                return GlobalGroupId.parse(text);
            case LOCALGROUP:
                return LocalGroupId.parse(text);
            default:
                throw new AssertionError(type);
        }
    }

    static XRoadId parseEncoded(XRoadObjectType type, String text) {
        switch (type) {
            case MEMBER:
            case SUBSYSTEM:
                return ClientId.parseEncoded(text);
            case SERVICE:
                return ServiceId.parseEncoded(text);
            case SERVER:
                return SecurityServerId.parseEncoded(text);
            case GLOBALGROUP:
                return GlobalGroupId.parseEncoded(text);
            case LOCALGROUP:
                return LocalGroupId.parseEncoded(text);
            default:
                throw new AssertionError(type);
        }
    }
}
