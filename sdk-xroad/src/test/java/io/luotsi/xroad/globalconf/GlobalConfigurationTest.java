package io.luotsi.xroad.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The on-disk configuration directories of X-Road's globalconf tests (corpus guide §5.2), with the answers X-Road's
 * {@code GlobalConfTest}, {@code GlobalConfVer3Test}, {@code GlobalConfVer4Test}, the V5 tests and
 * {@code FSGlobalConfValidatorTest} assert.
 */
class GlobalConfigurationTest {

    static GlobalConfiguration read(String dir) {
        return GlobalConfiguration.readDirectory(Fixtures.path("globalconf/" + dir));
    }

    static ClientId ee(String member) {
        return ClientId.parse("EE/BUSINESS/" + member);
    }

    @Nested
    class GoodV2 {
        final GlobalConfiguration conf = read("globalconf_good_v2");

        @Test
        void readsEveryInstancePresent() {
            assertThat(conf.instanceIdentifier()).isEqualTo("EE");
            assertThat(conf.instances()).containsExactlyInAnyOrder("EE", "bar", "foo");
            assertThat(conf.instances()).first().isEqualTo("EE");
            assertThat(conf.sharedParameters("EE").orElseThrow().version()).isEqualTo(2);
        }

        @Test
        void listsTheMembersAndSubsystemsInDocumentOrder() {
            assertThat(conf.clients("EE")).containsExactly(ee("producer"), ee("consumer"), ee("foo"),
                    ee("foo/foosubsystem"));
            assertThat(conf.member(ee("consumer")).orElseThrow().name()).isEqualTo("Experimental consumer");
            assertThat(conf.isRegistered(ee("foo/foosubsystem"))).isTrue();
            assertThat(conf.isRegistered(ee("foo/other"))).isFalse();
            assertThat(conf.isRegistered(ee("nobody"))).isFalse();
        }

        @Test
        void providerAddressesAreThoseOfTheServersAClientIsServedBy() {
            assertThat(conf.providerAddresses(ee("consumer")))
                    .containsExactlyInAnyOrder("https://www.foo.com/bar", "127.0.0.1");
            assertThat(conf.providerAddresses(ee("producer"))).containsExactly("127.0.0.1");
            assertThat(conf.providerAddresses(ee("nobody"))).isEmpty();
        }

        @Test
        void knowsEveryPublishedAddress() {
            assertThat(conf.knownAddresses())
                    .containsExactlyInAnyOrder("127.0.0.1", "https://www.foo.com/bar", "https://foo.bar.baz");
        }

        @Test
        void readsTheTrustMaterial() {
            assertThat(conf.tspCertificates()).hasSize(3);
            assertThat(conf.approvedCas("EE")).hasSize(5);
            assertThat(conf.ocspResponderCertificates()).hasSize(12);
            assertThat(conf.approvedCas("EE").get(4).intermediateCas()).hasSize(3);
            assertThat(conf.approvedCas("EE").get(1).authenticationOnly()).isTrue();
            assertThat(conf.approvedCas("EE").get(0).authenticationOnly()).isFalse();
        }

        @Test
        void readsTheSettingsAndTheManagementService() {
            assertThat(conf.ocspFreshnessSeconds()).contains(42);
            assertThat(conf.managementServiceAddress()).contains("http://mgmt.com:1234");
            assertThat(conf.privateParameters().orElseThrow().managementService().managementRequestServiceProviderId())
                    .isEqualTo(ee("servicemember2"));
            assertThat(conf.privateParameters().orElseThrow().timeStampingIntervalSeconds()).isEqualTo(123);
        }

        @Test
        void answersGlobalGroupMembership() {
            GlobalGroupId group = GlobalGroupId.parse("EE/Test group");
            assertThat(conf.isInGlobalGroup(ClientId.parse("EE/BUSINESS/member1/subsys"), group)).isTrue();
            assertThat(conf.isInGlobalGroup(ClientId.parse("EE/BUSINESS/member2"), group)).isTrue();
            assertThat(conf.isInGlobalGroup(ClientId.parse("EE/BUSINESS/member2/subsys"), group)).isFalse();
            assertThat(conf.isInGlobalGroup(ClientId.parse("EE/BUSINESS/member2"),
                    GlobalGroupId.parse("non-existent-instance/non-existent-group"))).isFalse();
            assertThat(conf.globalGroup(group).orElseThrow().description()).isEqualTo("Description");
            assertThat(conf.globalGroup(GlobalGroupId.parse("EE/foo"))).isEmpty();
        }

        @Test
        void theOwnerOfAServerIsItsClient() {
            SecurityServerId producerServer = SecurityServerId.parse("EE/BUSINESS/producer/producerServerCode");
            SecurityServerId unknown = SecurityServerId.parse("EE/BUSINESS/producer/foo");
            SecurityServerId fooBar = SecurityServerId.parse("EE/BUSINESS/foo/FooBarServerCode");
            assertThat(conf.isSecurityServerClient(ee("consumer"), producerServer)).isTrue();
            assertThat(conf.isSecurityServerClient(ee("producer"), producerServer)).isTrue();
            assertThat(conf.isSecurityServerClient(ee("foo/foosubsystem"), producerServer)).isTrue();
            assertThat(conf.isSecurityServerClient(ClientId.parse("EE/xx/foo/foosubsystem"), producerServer))
                    .isFalse();
            assertThat(conf.isSecurityServerClient(ee("consumer"), unknown)).isFalse();
            assertThat(conf.isSecurityServerClient(ee("foo/foosubsystem"), fooBar)).isFalse();
        }

        @Test
        void listsTheServersOfAnInstanceAndOfAClient() {
            assertThat(conf.securityServers("EE")).extracting(SharedParameters.SecurityServer::id).containsExactly(
                    SecurityServerId.parse("EE/BUSINESS/producer/producerServerCode"),
                    SecurityServerId.parse("EE/BUSINESS/consumer/consumerServerCode"),
                    SecurityServerId.parse("EE/BUSINESS/foo/fooServerCode"),
                    SecurityServerId.parse("EE/BUSINESS/foo/FooBarServerCode"));
            assertThat(conf.securityServersOf(ee("foo"))).extracting(s -> s.id().serverCode())
                    .containsExactlyInAnyOrder("producerServerCode", "fooServerCode", "FooBarServerCode");
            assertThat(conf.securityServer(SecurityServerId.parse("EE/BUSINESS/producer/producerServerCode"))
                    .orElseThrow().owner()).isEqualTo(ee("producer"));
            assertThat(conf.securityServer(SecurityServerId.parse("EE/BUSINESS/producer/unknown"))).isEmpty();
            assertThat(conf.securityServer(SecurityServerId.parse("EE/BUSINESS/foo/fooServerCode")).orElseThrow()
                    .address()).isNull();
        }

        @Test
        void findsTheServerOfAnAuthenticationCertificateBySha1() {
            assertThat(conf.securityServerByAuthCertificate(Fixtures.cert("producer.pem")).orElseThrow().id())
                    .isEqualTo(SecurityServerId.parse("EE/BUSINESS/foo/fooServerCode"));
            assertThat(conf.securityServerByAuthCertificate(Fixtures.cert("consumer.pem")).orElseThrow().id())
                    .isEqualTo(SecurityServerId.parse("EE/BUSINESS/consumer/consumerServerCode"));
            assertThat(conf.securityServerByAuthCertificate(Fixtures.cert("root-ca.pem"))).isEmpty();
        }

        @Test
        void isValidUntilTheMetadataExpiry() {
            assertThat(conf.expiresAt()).contains(Instant.parse("2124-05-20T17:42:55Z"));
            assertThat(conf.isExpired(Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC))).isFalse();
            Clock later = Clock.fixed(Instant.parse("2124-05-21T00:00:00Z"), ZoneOffset.UTC);
            assertThat(conf.isExpired(later)).isTrue();
            assertThatThrownBy(() -> conf.requireNotExpired(later)).hasMessageStartingWith("global_conf_outdated");
        }
    }

    @Test
    void goodV3MixesVersionsAndCarriesSources() {
        GlobalConfiguration conf = read("globalconf_good_v3");
        assertThat(conf.instances()).containsExactlyInAnyOrder("EE", "bar", "foo_v2");
        SharedParameters ee = conf.sharedParameters("EE").orElseThrow();
        assertThat(ee.version()).isEqualTo(3);
        assertThat(conf.sharedParameters("foo_v2").orElseThrow().version()).isEqualTo(2);
        assertThat(ee.sources()).singleElement().satisfies(s -> {
            assertThat(s.address()).isEqualTo("cs0");
            assertThat(s.internalVerificationCertificates()).hasSize(1);
            assertThat(s.externalVerificationCertificates()).hasSize(1);
        });
        GlobalGroupId group = GlobalGroupId.parse("EE/Test group");
        assertThat(conf.isInGlobalGroup(ClientId.parse("EE/BUSINESS/member1/subsys"), group)).isTrue();
        assertThat(conf.isInGlobalGroup(ClientId.parse("EE/BUSINESS/member2"), group)).isTrue();
        assertThat(conf.isInGlobalGroup(ClientId.parse("EE/BUSINESS/member2/subsys"), group)).isFalse();
        assertThat(conf.knownAddresses()).doesNotContain("cs0");
    }

    @Test
    void goodV4ReadsTheAcmeSettingsOfEachVersion() {
        GlobalConfiguration conf = read("globalconf_good_v4");
        assertThat(conf.instances()).containsExactlyInAnyOrder("EE", "bar", "baz_v3", "foo_v2");
        SharedParameters.AcmeServer ee = acme(conf, "EE");
        assertThat(ee.directoryUrl()).isEqualTo("http://ca:8887/acme/directory");
        assertThat(ee.authenticationCertificateProfileId()).isEqualTo("5");
        assertThat(ee.signingCertificateProfileId()).isEqualTo("6");
        SharedParameters.AcmeServer v3 = acme(conf, "baz_v3");
        assertThat(v3.directoryUrl()).isEqualTo("http://ca:8887/acme/directory");
        assertThat(v3.authenticationCertificateProfileId()).isNull();
        assertThat(v3.signingCertificateProfileId()).isNull();
    }

    private static SharedParameters.AcmeServer acme(GlobalConfiguration conf, String instance) {
        return conf.approvedCas(instance).stream().filter(ca -> ca.name().equals("pki1")).findFirst().orElseThrow()
                .acmeServer();
    }

    @Test
    void goodV5HasSubsystemNamesAndMaintenanceMode() {
        GlobalConfiguration conf = read("globalconf_good_v5");
        assertThat(conf.instances()).containsExactlyInAnyOrder("EE", "bar", "baz_v3", "foo_v2", "qux_v4");
        assertThat(conf.sharedParameters("EE").orElseThrow().version()).isEqualTo(5);
        assertThat(conf.subsystem(ee("foo/foosubsystem")).orElseThrow().name()).isEqualTo("FOO Subsystem");
        SharedParameters.SecurityServer fooBar = conf
                .securityServer(SecurityServerId.parse("EE/BUSINESS/foo/FooBarServerCode")).orElseThrow();
        assertThat(fooBar.inMaintenanceMode()).isTrue();
        assertThat(fooBar.maintenanceMessage()).isEqualTo("Test maintenance mode");
        assertThat(conf.securityServers("EE")).filteredOn(SharedParameters.SecurityServer::inMaintenanceMode)
                .hasSize(1);
    }

    @Test
    void good2V3IsTheRealisticDevInstance() {
        GlobalConfiguration conf = read("globalconf_good2_v3");
        assertThat(conf.instanceIdentifier()).isEqualTo("DEV");
        assertThat(conf.instances()).containsExactly("DEV");
        assertThat(conf.privateParameters()).isEmpty();
        assertThat(conf.approvedCas("DEV")).singleElement().satisfies(ca -> {
            assertThat(ca.name()).isEqualTo("Test CA");
            assertThat(ca.certificateProfileInfo())
                    .isEqualTo("ee.ria.xroad.common.certificateprofile.impl.FiVRKCertificateProfileInfoProvider");
            assertThat(ca.topCa().ocspResponders()).singleElement().satisfies(o -> {
                assertThat(o.url()).isEqualTo("http://testca:8888");
                assertThat(o.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Test OCSP,O=Test");
            });
        });
        assertThat(conf.approvedTsas("DEV")).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Test TSA");
            assertThat(t.url()).isEqualTo("http://testca:8899");
            assertThat(t.certificate()).isNotNull();
        });
        assertThat(conf.clients("DEV")).containsExactly(ClientId.parse("DEV/COM/1234"),
                ClientId.parse("DEV/COM/1234/MANAGEMENT"), ClientId.parse("DEV/COM/1234/TestService"),
                ClientId.parse("DEV/COM/4321"), ClientId.parse("DEV/COM/4321/TestClient"));
        assertThat(conf.securityServers("DEV")).extracting(s -> s.id().toShortString())
                .containsExactly("DEV/COM/1234/SS0", "DEV/COM/4321/SS1");
        assertThat(conf.providerAddresses(ClientId.parse("DEV/COM/1234/TestService"))).containsExactly("ss0");
        assertThat(conf.providerAddresses(ClientId.parse("DEV/COM/4321/TestClient"))).containsExactly("ss1");
        assertThat(conf.ocspFreshnessSeconds()).contains(3600);
    }

    static Stream<Arguments> brokenDirectories() {
        return Stream.of(
                Arguments.of("globalconf_malformed", GlobalConfException.MALFORMED),
                Arguments.of("globalconf_missing_identifier", GlobalConfException.MISSING_INSTANCE_IDENTIFIER),
                Arguments.of("globalconf_empty", GlobalConfException.MALFORMED),
                Arguments.of("globalconf_good_v4/instance-identifier", GlobalConfException.CONFIGURATION_ERROR));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("brokenDirectories")
    void brokenDirectoriesFailWithATypedError(String dir, String code) {
        assertThatThrownBy(() -> read(dir)).isInstanceOfSatisfying(GlobalConfException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void aMissingPathIsAConfigurationError() {
        assertThatThrownBy(() -> GlobalConfiguration.readDirectory(Path.of("/nonexistent/random_path")))
                .hasMessageStartingWith("global_conf_configuration_error");
    }

    @Test
    void malformedXmlIsMalformedGlobalConf() {
        assertThatThrownBy(() -> SharedParameters.parse(Fixtures.bytes("globalconf/globalconf_malformed/foo/"
                + "shared-params.xml"))).hasMessageStartingWith("malformed_global_conf");
        assertThatThrownBy(() -> PrivateParameters.parse(Fixtures.bytes("globalconf/globalconf_malformed/foo/"
                + "private-params.xml"))).hasMessageStartingWith("malformed_global_conf");
    }
}
