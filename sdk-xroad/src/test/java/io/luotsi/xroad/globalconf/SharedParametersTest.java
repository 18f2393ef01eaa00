package io.luotsi.xroad.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SharedParametersTest {

    static final String CERT = Base64.getEncoder().encodeToString(
            io.luotsi.xroad.globalconf.internal.Certificates.der(Fixtures.cert("root-ca.pem")));
    static final String OCSP_CERT = Base64.getEncoder().encodeToString(
            io.luotsi.xroad.globalconf.internal.Certificates.der(Fixtures.cert("producer.pem")));

    /**
     * A V6 document written from the V6 schema (the corpus has no globalconf_good_v6): costType on OCSP responders
     * and TSAs, defaultCsrFormat, a server in maintenance mode (FooBarServerCode, "Test maintenance mode"), a server
     * without an address, and an address that is a URL. Also an unknown element and a legacy centralService.
     */
    static final String V6 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tns:conf xmlns:id="http://x-road.eu/xsd/identifiers" xmlns:tns="http://x-road.eu/xsd/xroad.xsd">
                <instanceIdentifier>EE</instanceIdentifier>
                <source>
                    <address>cs0</address>
                    <internalVerificationCert>%1$s</internalVerificationCert>
                </source>
                <approvedCA>
                    <name>pki1</name>
                    <topCA>
                        <cert>%1$s</cert>
                        <ocsp><url>http://127.0.0.1:8082/ocsp</url><cert>%2$s</cert><costType>FREE</costType></ocsp>
                        <ocsp><url>http://www.example.net/ocsp</url><costType>PAID</costType></ocsp>
                        <ocsp><url>http://www.example.net/ocsp3</url></ocsp>
                    </topCA>
                    <certificateProfileInfo>ee.ria.xroad.common.certificateprofile.impl.TestCertificateProfileInfoProvider</certificateProfileInfo>
                    <defaultCsrFormat>DER</defaultCsrFormat>
                    <acmeServer>
                        <directoryURL>http://ca:8887/acme/directory</directoryURL>
                        <ipAddress>127.0.0.1</ipAddress>
                        <authenticationCertificateProfileId>5</authenticationCertificateProfileId>
                        <signingCertificateProfileId>6</signingCertificateProfileId>
                    </acmeServer>
                </approvedCA>
                <approvedTSA>
                    <name>Test TSP</name>
                    <url>http://www.foo.bar</url>
                    <cert>%2$s</cert>
                    <costType>PAID</costType>
                </approvedTSA>
                <member id="producerId">
                    <memberClass><code>BUSINESS</code><description>Business</description></memberClass>
                    <memberCode>producer</memberCode>
                    <name>Experimental producer</name>
                    <subsystem id="producerSubId"><subsystemCode>sub</subsystemCode><subsystemName>Producer sub</subsystemName></subsystem>
                </member>
                <member id="fooId">
                    <memberClass><code>BUSINESS</code><description>Business</description></memberClass>
                    <memberCode>foo</memberCode>
                    <name>Org with no address</name>
                </member>
                <securityServer>
                    <owner>producerId</owner>
                    <serverCode>producerServerCode</serverCode>
                    <address>127.0.0.1</address>
                    <authCertHash>xcuWTrx4uFeP5mNBXIhYITy+gUM72CJfL63MsWXffXM=</authCertHash>
                    <client>producerSubId</client>
                </securityServer>
                <securityServer>
                    <owner>fooId</owner>
                    <serverCode>fooServerCode</serverCode>
                    <client>producerId</client>
                </securityServer>
                <securityServer>
                    <owner>fooId</owner>
                    <serverCode>FooBarServerCode</serverCode>
                    <address>https://foo.bar.baz</address>
                    <client>fooId</client>
                    <inMaintenanceMode><message>Test maintenance mode</message></inMaintenanceMode>
                </securityServer>
                <globalGroup>
                    <groupCode>Test group</groupCode>
                    <description>Description</description>
                    <groupMember id:objectType="SUBSYSTEM"><id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>BUSINESS</id:memberClass><id:memberCode>producer</id:memberCode><id:subsystemCode>sub</id:subsystemCode></groupMember>
                </globalGroup>
                <centralService><serviceCode>central1</serviceCode></centralService>
                <globalSettings>
                    <memberClass><code>BUSINESS</code><description>Business clients</description></memberClass>
                    <ocspFreshnessSeconds>600</ocspFreshnessSeconds>
                </globalSettings>
                <futureExtension><anything>goes</anything></futureExtension>
            </tns:conf>
            """.formatted(CERT, OCSP_CERT);

    static SharedParameters v6() {
        return SharedParameters.parse(new ByteArrayInputStream(V6.getBytes(StandardCharsets.UTF_8)), 6);
    }

    @Test
    void readsVersion6() {
        SharedParameters sp = v6();
        assertThat(sp.version()).isEqualTo(6);
        SharedParameters.ApprovedCa ca = sp.approvedCas().get(0);
        assertThat(ca.topCa().ocspResponders()).extracting(SharedParameters.Ocsp::costType)
                .containsExactly(CostType.FREE, CostType.PAID, CostType.UNDEFINED);
        assertThat(ca.defaultCsrFormat()).isEqualTo("DER");
        assertThat(ca.acmeServer().ipAddress()).isEqualTo("127.0.0.1");
        assertThat(sp.approvedTsas().get(0).costType()).isEqualTo(CostType.PAID);
        assertThat(sp.securityServers()).extracting(SharedParameters.SecurityServer::address)
                .containsExactly("127.0.0.1", null, "https://foo.bar.baz");
        SharedParameters.SecurityServer fooBar = sp.securityServers().get(2);
        assertThat(fooBar.id()).isEqualTo(SecurityServerId.parse("EE/BUSINESS/foo/FooBarServerCode"));
        assertThat(fooBar.inMaintenanceMode()).isTrue();
        assertThat(fooBar.maintenanceMessage()).isEqualTo("Test maintenance mode");
        assertThat(sp.securityServers().get(0).inMaintenanceMode()).isFalse();
        assertThat(sp.members().get(0).subsystems().get(0).name()).isEqualTo("Producer sub");
        assertThat(sp.globalSettings().ocspFreshnessSeconds()).isEqualTo(600);
        assertThat(sp.globalSettings().memberClasses()).containsExactly(
                new SharedParameters.MemberClass("BUSINESS", "Business clients"));
        assertThat(sp.globalGroups().get(0).contains(ClientId.parse("EE/BUSINESS/producer/sub"))).isTrue();
    }

    @Test
    void theOwnerIsImplicitlyAClientOfItsServer() {
        GlobalConfiguration conf = GlobalConfiguration.builder("EE").add(v6()).build();
        assertThat(conf.securityServersOf(ClientId.parse("EE/BUSINESS/foo"))).extracting(s -> s.id().serverCode())
                .containsExactly("fooServerCode", "FooBarServerCode");
        assertThat(conf.providerAddresses(ClientId.parse("EE/BUSINESS/foo"))).containsExactly("https://foo.bar.baz");
        assertThat(conf.providerAddresses(ClientId.parse("EE/BUSINESS/producer")))
                .containsExactly("127.0.0.1");
        assertThat(conf.providerAddresses(ClientId.parse("EE/BUSINESS/producer/sub"))).containsExactly("127.0.0.1");
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("globalconf_good_v2/EE", 2), Arguments.of("globalconf_good_v2/foo", 2),
                Arguments.of("globalconf_good_v2/bar", 2), Arguments.of("globalconf_good_v3/EE", 3),
                Arguments.of("globalconf_good_v4/EE", 4), Arguments.of("globalconf_good_v4/baz_v3", 3),
                Arguments.of("globalconf_good_v5/EE", 5), Arguments.of("globalconf_good_v5/qux_v4", 4),
                Arguments.of("globalconf_good2_v3/DEV", 3));
    }

    @ParameterizedTest(name = "{0} (V{1})")
    @MethodSource("fixtures")
    void writesWhatItReadsInTheSameVersion(String dir, int version) {
        SharedParameters read = SharedParameters.parse(
                new ByteArrayInputStream(Fixtures.bytes("globalconf/" + dir + "/shared-params.xml")), version);
        byte[] written = read.toXml();
        SharedParameters again = SharedParameters.parse(new ByteArrayInputStream(written), version);
        assertThat(again).isEqualTo(read);
    }

    @Test
    void writesVersion6RoundTrip() {
        SharedParameters sp = v6();
        assertThat(SharedParameters.parse(new ByteArrayInputStream(sp.toXml(6)), 6)).isEqualTo(sp);
    }

    @Test
    void olderVersionsLeaveOutWhatTheyDoNotDefine() {
        SharedParameters sp = v6();
        String v2 = new String(sp.toXml(2), StandardCharsets.UTF_8);
        assertThat(v2).doesNotContain("<source>", "costType", "inMaintenanceMode", "subsystemName", "acmeServer",
                "defaultCsrFormat");
        String v4 = new String(sp.toXml(4), StandardCharsets.UTF_8);
        assertThat(v4).contains("<source>", "<acmeServer>", "<authenticationCertificateProfileId>")
                .doesNotContain("costType", "inMaintenanceMode", "subsystemName");
        String v5 = new String(sp.toXml(5), StandardCharsets.UTF_8);
        assertThat(v5).contains("<inMaintenanceMode><message>Test maintenance mode</message></inMaintenanceMode>",
                "<subsystemName>Producer sub</subsystemName>").doesNotContain("costType", "defaultCsrFormat");
        SharedParameters back = SharedParameters.parse(new ByteArrayInputStream(sp.toXml(2)), 2);
        assertThat(back.securityServers().get(2).inMaintenanceMode()).isFalse();
        assertThat(back.members()).isEqualTo(sp.members().stream()
                .map(m -> new SharedParameters.Member(m.id(), m.memberClassDescription(), m.name(),
                        m.subsystems().stream().map(s -> new SharedParameters.Subsystem(s.id(), null)).toList()))
                .toList());
        assertThatThrownBy(() -> sp.toXml(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnresolvableIdrefIsMalformed() {
        String bad = V6.replace("<client>producerSubId</client>", "<client>nobodyId</client>");
        assertThatThrownBy(() -> SharedParameters.parse(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GlobalConfException.class, e -> {
                    assertThat(e.code()).isEqualTo("malformed_global_conf");
                    assertThat(e).hasMessageContaining("nobodyId");
                });
        String subsystemOwner = V6.replace("<owner>producerId</owner>", "<owner>producerSubId</owner>");
        assertThatThrownBy(() -> SharedParameters.parse(subsystemOwner.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed_global_conf");
    }

    @Test
    void refusesOtherDocuments() {
        assertThatThrownBy(() -> SharedParameters.parse("<conf/>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed_global_conf");
        String noInstance = V6.replace("<instanceIdentifier>EE</instanceIdentifier>", "");
        assertThatThrownBy(() -> SharedParameters.parse(noInstance.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed_global_conf");
        String badCert = V6.replace("<cert>" + OCSP_CERT + "</cert>\n        <costType>PAID",
                "<cert>bm90IGEgY2VydA==</cert>\n        <costType>PAID");
        assertThatThrownBy(() -> SharedParameters.parse(badCert.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("approvedTSA/cert");
    }

    @Test
    void refusesDoctypeAndEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE conf [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<tns:conf xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\"><instanceIdentifier>&x;</instanceIdentifier>"
                + "</tns:conf>";
        assertThatThrownBy(() -> SharedParameters.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed_global_conf");
    }

    @Test
    void refusesADocumentOverTheSizeLimit() {
        assertThatThrownBy(() -> SharedParameters.parse(new ByteArrayInputStream(V6.getBytes(StandardCharsets.UTF_8)),
                6, 1000)).hasMessageStartingWith("malformed_global_conf").hasMessageContaining("limit");
    }

    @Test
    void privateParametersCarryFederatedAnchorsEvenWithUnparseableCertificates() {
        PrivateParameters pp = PrivateParameters.parse(
                Fixtures.bytes("globalconf-signed/test-conf-detached/EE/private-params.xml"));
        assertThat(pp.instanceIdentifier()).isEqualTo("EE");
        assertThat(pp.configurationAnchors()).singleElement().satisfies(a -> {
            assertThat(a.instanceIdentifier()).isEqualTo("EE");
            assertThat(a.sources()).singleElement().satisfies(s -> {
                assertThat(s.downloadUrl()).hasToString("src/test/resources/test-conf-simple.txt");
                assertThat(s.verificationCertificates()).isEmpty(); // "YmFyCg==" is not a certificate
            });
        });
        assertThat(pp.managementService().authCertRegServiceAddress()).isEqualTo("http://mgmt.com:1234");
        assertThat(pp.managementService().authCertRegServiceCertificate()).isNull();
    }
}
