package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.directory.ClientQuery;
import io.luotsi.xroad.directory.Directory;
import io.luotsi.xroad.directory.GlobalConfSource;
import io.luotsi.xroad.globalconf.ConfigurationAnchor;
import io.luotsi.xroad.globalconf.GlobalConfDownloader;
import io.luotsi.xroad.globalconf.GlobalConfException;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.globalconf.SignedDirectory;
import io.luotsi.xroad.globalconf.SignedDirectoryVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake as a Central Server: a signed global configuration generated from the registry, downloaded and verified
 * by the SDK's own {@link GlobalConfDownloader} with the fake's anchor.
 */
class GlobalConfTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId PROVIDER = ClientId.parse("DEV/COM/1234/TestService");
    static final GlobalGroupId GROUP = GlobalGroupId.of("DEV", "security-server-owners");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private FakeSecurityServer fake;

    @AfterEach
    void close() {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeSecurityServer.Builder builder() {
        return FakeSecurityServer.builder()
                .clock(clock)
                .member(CONSUMER.member(), "Test Company")
                .subsystem(CONSUMER, "Test client")
                .member(PROVIDER.member(), "Pet Shop Ltd")
                .subsystem(PROVIDER, "Pet service")
                .globalGroup(GlobalGroupRegistration.of(GROUP, "Security server owners", ClientId.parse("DEV/GOV/FAKE")));
    }

    private GlobalConfDownloader.Builder downloader(ConfigurationAnchor anchor) {
        return GlobalConfDownloader.builder().anchor(anchor).clock(clock).shuffleSources(false);
    }

    @Test
    void downloaderVerifiesTheConfigurationWithTheFakesAnchor() {
        fake = builder().start();

        try (GlobalConfDownloader downloader = downloader(fake.anchor()).build()) {
            GlobalConfDownloader.Download download = downloader.download();

            assertThat(download.downloadUrl()).isEqualTo(URI.create(fake.httpUrl() + "/internalconf?version=6"));
            assertThat(download.directory().version()).hasValue(6);
            assertThat(download.directory().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
            assertThat(download.directory().verificationCertificate())
                    .isEqualTo(fake.pki().configurationSigningCredential().certificate());
            assertThat(download.directory().signatureAlgorithmId())
                    .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");
            assertThat(download.directory().parts()).extracting(SignedDirectory.Part::contentIdentifier)
                    .containsExactly("PRIVATE-PARAMETERS", "SHARED-PARAMETERS");
            assertThat(download.directory().parts()).allSatisfy(p ->
                    assertThat(p.contentLocation()).matches("/V6/\\d{23}/(shared|private)-params\\.xml"));

            GlobalConfiguration conf = download.configuration();
            assertThat(conf.instanceIdentifier()).isEqualTo("DEV");
            assertThat(conf.clients("DEV")).containsExactly(CONSUMER.member(), CONSUMER, PROVIDER.member(), PROVIDER,
                    ClientId.parse("DEV/GOV/FAKE"));
            assertThat(conf.member(CONSUMER).orElseThrow().name()).isEqualTo("Test Company");
            assertThat(conf.subsystem(PROVIDER).orElseThrow().name()).isEqualTo("Pet service");
            SharedParameters.SecurityServer server = conf.securityServer(fake.serverId()).orElseThrow();
            assertThat(server.address()).isEqualTo("127.0.0.1");
            assertThat(server.clients()).containsExactly(CONSUMER.member(), CONSUMER, PROVIDER.member(), PROVIDER);
            assertThat(server.hasAuthCertificate(fake.pki().serverCredential().certificate())).isTrue();
            assertThat(conf.providerAddresses(PROVIDER)).containsExactly("127.0.0.1");
            assertThat(conf.isInGlobalGroup(ClientId.parse("DEV/GOV/FAKE"), GROUP)).isTrue();
            assertThat(conf.globalGroup(GROUP).orElseThrow().description()).isEqualTo("Security server owners");

            SharedParameters.ApprovedCa ca = conf.approvedCas("DEV").get(0);
            assertThat(ca.topCa().certificate()).isEqualTo(fake.pki().caCertificate());
            assertThat(ca.topCa().ocspResponders().get(0).url()).isEqualTo(fake.httpUrl() + "/ocsp");
            assertThat(conf.ocspResponderCertificates())
                    .containsExactly(fake.pki().ocspResponderCredential().certificate());
            assertThat(conf.tspCertificates()).containsExactly(fake.pki().timeStampingCredential().certificate());
            SharedParameters sp = conf.sharedParameters().orElseThrow();
            assertThat(sp.sources()).singleElement().satisfies(s -> {
                assertThat(s.address()).isEqualTo("127.0.0.1:" + fake.port());
                assertThat(s.internalVerificationCertificates())
                        .containsExactly(fake.pki().configurationSigningCredential().certificate());
            });
            assertThat(sp.globalSettings().memberClasses()).extracting(SharedParameters.MemberClass::code)
                    .containsExactly("COM", "GOV");
            assertThat(conf.privateParameters().orElseThrow().managementService().managementRequestServiceProviderId())
                    .isEqualTo(ClientId.parse("DEV/GOV/FAKE/MANAGEMENT"));
            assertThat(conf.expiresAt()).hasValue(NOW.plus(Duration.ofMinutes(10)));
        }
    }

    @Test
    void directoryOverTheDownloadFindsMembersSubsystemsAndTheServerAddress() {
        fake = builder().start();

        try (GlobalConfDownloader downloader = downloader(fake.anchor()).build();
             Directory directory = Directory.builder().globalConf(GlobalConfSource.download(downloader))
                     .clock(clock).refreshInterval(Duration.ZERO).build()) {

            assertThat(directory.findMembers(ClientQuery.all().text("pet shop")))
                    .extracting(SharedParameters.Member::id).containsExactly(PROVIDER.member());
            assertThat(directory.findSubsystems(ClientQuery.all().text("test client")))
                    .extracting(SharedParameters.Subsystem::id).containsExactly(CONSUMER);
            assertThat(directory.addressesOf(PROVIDER)).containsExactly("127.0.0.1");
            assertThat(directory.securityServersOf(CONSUMER)).extracting(SharedParameters.SecurityServer::id)
                    .containsExactly(fake.serverId());
            assertThat(directory.isOutdated()).isFalse();
        }
    }

    @Test
    void versionsTwoToSixAreServedAndOthersAreNotFound() throws Exception {
        fake = builder().start();

        for (int v = 2; v <= 6; v++) {
            RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/internalconf?version=" + v);
            assertThat(r.status()).isEqualTo(200);
            SignedDirectory d = verifier().verify(r.body(), r.header("Content-Type").orElse(null));
            String prefix = "/V" + v + "/";
            assertThat(d.version()).hasValue(v);
            assertThat(d.parts()).allSatisfy(p -> assertThat(p.contentLocation()).startsWith(prefix));
        }
        assertThat(RawHttp.get(fake.httpUrl(), "/internalconf?version=1").status()).isEqualTo(404);
        assertThat(RawHttp.get(fake.httpUrl(), "/internalconf?version=7").status()).isEqualTo(404);
        assertThat(RawHttp.get(fake.httpUrl(), "/externalconf?version=x").status()).isEqualTo(404);
        RawHttp.Response unversioned = RawHttp.get(fake.httpUrl(), "/internalconf");
        assertThat(verifier().verify(unversioned.body()).version()).hasValue(2);
        assertThat(fake.recordings().unmatched()).isEmpty();
    }

    @Test
    void contentPartsAreServedAtTheirLocationsWithTheSignedHashes() throws Exception {
        fake = builder().start();
        SignedDirectory d = verifier().verify(RawHttp.get(fake.httpUrl(), "/internalconf?version=5").body());

        for (SignedDirectory.Part part : d.parts()) {
            RawHttp.Response file = RawHttp.get(fake.httpUrl(), part.contentLocation());
            assertThat(file.status()).isEqualTo(200);
            assertThat(part.matches(file.body())).isTrue();
        }
        String shared = new String(RawHttp.get(fake.httpUrl(), d.part("SHARED-PARAMETERS", "DEV").orElseThrow()
                .contentLocation()).body(), StandardCharsets.UTF_8);
        assertThat(shared).contains("<subsystemName>Pet service</subsystemName>");
        assertThat(RawHttp.get(fake.httpUrl(), "/V5/00000000000000000000000/shared-params.xml").status())
                .isEqualTo(404);
    }

    @Test
    void partsOfThePreviousGenerationStayAvailableAfterAChange() throws Exception {
        fake = builder().start();
        SignedDirectory before = verifier().verify(RawHttp.get(fake.httpUrl(), "/internalconf?version=6").body());
        fake.registry().member(ClientId.parse("DEV/COM/5555"), "Newcomer");
        SignedDirectory after = verifier().verify(RawHttp.get(fake.httpUrl(), "/internalconf?version=6").body());
        SignedDirectory.Part old = before.part("SHARED-PARAMETERS", "DEV").orElseThrow();
        SignedDirectory.Part current = after.part("SHARED-PARAMETERS", "DEV").orElseThrow();

        byte[] oldFile = RawHttp.get(fake.httpUrl(), old.contentLocation()).body();
        byte[] currentFile = RawHttp.get(fake.httpUrl(), current.contentLocation()).body();

        assertThat(current.contentLocation()).isNotEqualTo(old.contentLocation());
        assertThat(old.matches(oldFile)).isTrue();
        assertThat(current.matches(currentFile)).isTrue();
        assertThat(new String(currentFile, StandardCharsets.UTF_8)).contains("<name>Newcomer</name>");
        assertThat(new String(oldFile, StandardCharsets.UTF_8)).doesNotContain("Newcomer");
    }

    @Test
    void versionTwoHasSha1AuthenticationHashesAndNoSource() throws Exception {
        fake = builder().start();
        SignedDirectory d = verifier().verify(RawHttp.get(fake.httpUrl(), "/externalconf?version=2").body());
        byte[] xml = RawHttp.get(fake.httpUrl(), d.parts().get(0).contentLocation()).body();
        SharedParameters sp = SharedParameters.parse(new java.io.ByteArrayInputStream(xml), 2);

        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(fake.pki().serverCredential().certificate()
                .getEncoded());
        assertThat(sp.securityServers().get(0).authCertHashes())
                .containsExactly(Base64.getEncoder().encodeToString(sha1));
        assertThat(sp.sources()).isEmpty();
        assertThat(sp.members().get(1).subsystems().get(0).name()).isNull();
    }

    @Test
    void externalConfigurationHasNoPrivateParameters() {
        fake = builder().start();
        ConfigurationAnchor internal = fake.anchor();
        ConfigurationAnchor external = new ConfigurationAnchor(null, "DEV", List.of(new ConfigurationAnchor.Source(
                URI.create(fake.httpUrl() + "/externalconf"), internal.verificationCertificates())));

        try (GlobalConfDownloader downloader = downloader(external).build()) {
            GlobalConfiguration conf = downloader.download().configuration();

            assertThat(conf.privateParameters()).isEmpty();
            assertThat(conf.isRegistered(CONSUMER)).isTrue();
        }
    }

    @Test
    void probingFallsBackToTheNewestVersionServed() {
        fake = builder().globalConf(GlobalConfOptions.defaults().withMaxVersion(4)).start();

        try (GlobalConfDownloader downloader = downloader(fake.anchor()).build()) {
            GlobalConfDownloader.Download download = downloader.download();

            assertThat(download.downloadUrl().getQuery()).isEqualTo("version=4");
            assertThat(download.directory().version()).hasValue(4);
            assertThat(download.configuration().subsystem(CONSUMER).orElseThrow().name()).isNull();
        }
    }

    @Test
    void registryChangesAreInTheNextDownload() {
        fake = builder().start();

        try (GlobalConfDownloader downloader = downloader(fake.anchor()).build()) {
            GlobalConfDownloader.Download first = downloader.download();
            ClientId added = ClientId.parse("DEV/COM/5555/NewSystem");
            fake.registry().subsystem(added, "New system");
            GlobalConfDownloader.Download second = downloader.download();

            assertThat(first.configuration().isRegistered(added)).isFalse();
            assertThat(second.configuration().isRegistered(added)).isTrue();
            assertThat(second.configuration().securityServer(fake.serverId()).orElseThrow().serves(added)).isTrue();
            assertThat(second.directory().parts().get(1).contentLocation())
                    .isNotEqualTo(first.directory().parts().get(1).contentLocation());
        }
    }

    @Test
    void expiryFollowsTheClockAndAnExpiredCopyIsRefused() {
        fake = builder().globalConf(GlobalConfOptions.defaults().withValidity(Duration.ofMinutes(2))).start();
        try (GlobalConfDownloader downloader = downloader(fake.anchor()).build()) {
            assertThat(downloader.download().directory().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        }
        assertThat(fake.globalConfiguration().expiresAt()).hasValue(NOW.plus(Duration.ofMinutes(2)));

        // A client whose clock is past the expiry refuses the directory the fake generated at NOW.
        Clock later = Clock.fixed(NOW.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
        try (GlobalConfDownloader downloader = GlobalConfDownloader.builder().anchor(fake.anchor()).clock(later)
                .shuffleSources(false).preferHttps(false).build()) {
            assertThatThrownBy(downloader::download).isInstanceOfSatisfying(GlobalConfException.class,
                    e -> assertThat(e.code()).isEqualTo(GlobalConfException.OUTDATED));
        }

        // Once half the validity has passed on the fake's clock, it signs a fresh one.
        clock.set(NOW.plus(Duration.ofMinutes(1)));
        try (GlobalConfDownloader downloader = downloader(fake.anchor()).build()) {
            assertThat(downloader.download().directory().expiresAt())
                    .isEqualTo(NOW.plus(Duration.ofMinutes(3)));
        }
    }

    @Test
    void rsaConfigurationSigningKeySignsRsaSha512() {
        fake = builder().globalConf(GlobalConfOptions.defaults().withKeyType(TestPki.KeyType.RSA)).start();

        try (GlobalConfDownloader downloader = downloader(fake.anchor()).build()) {
            SignedDirectory d = downloader.download().directory();

            assertThat(d.signatureAlgorithmId()).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
            assertThat(d.verificationCertificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        }
    }

    @Test
    void anAnchorWithAnotherCertificateDoesNotVerify() {
        fake = builder().start();
        ConfigurationAnchor wrong = new ConfigurationAnchor(null, "DEV", List.of(new ConfigurationAnchor.Source(
                fake.globalConfigurationUrl(), List.of(TestPki.generate(clock).configurationSigningCredential()
                .certificate()))));

        try (GlobalConfDownloader downloader = downloader(wrong).preferHttps(false).build()) {
            assertThatThrownBy(downloader::download).isInstanceOfSatisfying(GlobalConfException.class,
                    e -> assertThat(e.code()).isEqualTo(GlobalConfException.MISSING_VERIFICATION_CERT));
        }
    }

    @Test
    void anchorIsServedWrittenAndPointsAtTheFake() throws Exception {
        fake = builder().instance("DEV").start();
        Path file = dir.resolve("conf/configuration-anchor.xml");
        fake.writeAnchor(file);

        ConfigurationAnchor written = ConfigurationAnchor.read(file);
        ConfigurationAnchor served = ConfigurationAnchor.parse(RawHttp.get(fake.httpUrl(),
                "/configuration-anchor.xml").body());

        assertThat(written.instanceIdentifier()).isEqualTo("DEV");
        assertThat(written.generatedAt()).isEqualTo(NOW);
        assertThat(written.sources()).singleElement().satisfies(s -> {
            assertThat(s.downloadUrl()).isEqualTo(fake.globalConfigurationUrl());
            assertThat(s.downloadUrl().toString()).isEqualTo("http://127.0.0.1:" + fake.port() + "/internalconf");
            assertThat(s.verificationCertificates())
                    .containsExactly(fake.pki().configurationSigningCredential().certificate());
        });
        assertThat(served).isEqualTo(written);
    }

    @Test
    void onDiskLayoutReadsBackWithReadDirectory() {
        fake = builder().start();
        Path confDir = dir.resolve("globalconf");
        fake.writeGlobalConfigurationDirectory(confDir);

        GlobalConfiguration conf = GlobalConfiguration.readDirectory(confDir);

        assertThat(confDir.resolve("instance-identifier")).hasContent("DEV");
        assertThat(confDir.resolve("DEV/shared-params.xml.metadata")).content()
                .contains("\"contentIdentifier\":\"SHARED-PARAMETERS\"", "\"configurationVersion\":\"6\"",
                        "\"expirationDate\":\"" + NOW.plus(Duration.ofMinutes(10)) + "\"");
        assertThat(conf.instanceIdentifier()).isEqualTo("DEV");
        assertThat(conf.clients("DEV")).contains(CONSUMER, PROVIDER);
        assertThat(conf.subsystem(CONSUMER).orElseThrow().name()).isEqualTo("Test client");
        assertThat(conf.securityServer(fake.serverId()).orElseThrow().address()).isEqualTo("127.0.0.1");
        assertThat(conf.privateParameters()).isPresent();
        assertThat(conf.expiresAt()).hasValue(NOW.plus(Duration.ofMinutes(10)));
        assertThat(conf.clients("DEV")).isEqualTo(fake.globalConfiguration().clients("DEV"));
    }

    @Test
    void downloadedAndPersistedLayoutsAgree() {
        fake = builder().start();
        Path persisted = dir.resolve("persisted");
        try (GlobalConfDownloader downloader = downloader(fake.anchor()).persistTo(persisted).build()) {
            downloader.download();
        }

        GlobalConfiguration conf = GlobalConfiguration.readDirectory(persisted);

        assertThat(conf.clients("DEV")).isEqualTo(fake.globalConfiguration().clients("DEV"));
        assertThat(conf.securityServers("DEV")).extracting(SharedParameters.SecurityServer::id)
                .containsExactly(SecurityServerId.parse("DEV/GOV/FAKE/fake-ss"));
    }

    @Test
    void disabledGlobalConfigurationIsNotServed() throws Exception {
        fake = builder().globalConf(GlobalConfOptions.disabled()).start();
        fake.expectUnmatched();

        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/internalconf?version=6");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).contains("client.invalid_http_method");
        assertThatThrownBy(fake::anchor).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("serves no global configuration");
    }

    @Test
    void anchorNeedsARunningServer() {
        fake = builder().build();

        assertThatThrownBy(fake::anchor).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
    }

    /** Verifies with the fake's configuration signing certificate. */
    private SignedDirectoryVerifier verifier() {
        return SignedDirectoryVerifier.builder().trust(fake.anchor().verificationCertificates())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /** A clock a test moves. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant now) {
            this.now = new AtomicReference<>(now);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
