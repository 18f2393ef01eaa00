package io.luotsi.xroad.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.HttpTransport;
import io.luotsi.core.http.OkHttpTransport;
import io.luotsi.core.http.Timeouts;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.testing.FakeConfServer;
import io.luotsi.xroad.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalConfDownloaderTest {

    static final Clock BEFORE_FIXTURE_EXPIRY = Clock.fixed(Instant.parse("2026-05-19T00:00:00Z"), ZoneOffset.UTC);
    static final Clock AFTER_FIXTURE_EXPIRY = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String MULTIPART = "multipart/related; charset=UTF-8; boundary=envelopeboundary";

    final FakeConfServer cs = new FakeConfServer();
    final RecordingTransport transport = new RecordingTransport();
    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        cs.close();
        transport.close();
    }

    ConfigurationAnchor anchor(String path, java.security.cert.X509Certificate... certs) {
        return new ConfigurationAnchor(null, "EE",
                List.of(new ConfigurationAnchor.Source(URI.create(cs.url(path)), List.of(certs))));
    }

    GlobalConfDownloader.Builder downloader(ConfigurationAnchor anchor, Clock clock) {
        return GlobalConfDownloader.builder().anchor(anchor).transport(transport).clock(clock).preferHttps(false)
                .shuffleSources(false);
    }

    void serveFixture(String name) {
        cs.serve("/internalconf?version=5", 200, MULTIPART, Fixtures.bytes("globalconf-signed/" + name + ".txt"));
        String dir = java.nio.file.Files.isDirectory(Fixtures.path("globalconf-signed").resolve(name)) ? name
                : "test-conf-simple";
        for (String f : List.of("private-params.xml", "shared-params.xml", "foo.xml")) {
            if (java.nio.file.Files.exists(Fixtures.path("globalconf-signed").resolve(dir + "/EE/" + f))) {
                cs.serve("/" + f, Fixtures.bytes("globalconf-signed/" + dir + "/EE/" + f));
            }
        }
    }

    @Test
    void downloadsTheSimpleConfWithItsThreeParts() {
        serveFixture("test-conf-simple");
        GlobalConfDownloader.Download d = downloader(anchor("/internalconf", Fixtures.cert("consumer.pem")),
                BEFORE_FIXTURE_EXPIRY).build().download();

        assertThat(d.files().keySet()).extracting(SignedDirectory.Part::contentIdentifier)
                .containsExactly("PRIVATE-PARAMETERS", "SHARED-PARAMETERS", "FOO");
        assertThat(new String(d.files().get(d.directory().part("FOO", "EE").orElseThrow()), StandardCharsets.UTF_8))
                .isEqualTo("foo content");
        assertThat(d.downloadUrl()).hasToString(cs.url("/internalconf?version=5"));
        GlobalConfiguration conf = d.configuration();
        assertThat(conf.instanceIdentifier()).isEqualTo("EE");
        assertThat(conf.instances()).containsExactly("EE");
        assertThat(conf.managementServiceAddress()).contains("http://mgmt.com:1234");
        assertThat(conf.expiresAt()).contains(Instant.parse("2026-05-20T17:42:55Z"));
        // Version probing: 6 answered 404, 5 was used; then each part from its content location.
        assertThat(cs.targets()).containsExactly("/internalconf?version=6", "/internalconf?version=5",
                "/private-params.xml", "/shared-params.xml", "/foo.xml");
    }

    @Test
    void detachedConfHasPrivateParametersOnlyAndDoesNotFollowTheFederatedAnchorByDefault() {
        serveFixture("test-conf-detached");
        GlobalConfDownloader.Download d = downloader(anchor("/internalconf", Fixtures.cert("consumer.pem")),
                BEFORE_FIXTURE_EXPIRY).build().download();
        assertThat(d.files().keySet()).extracting(SignedDirectory.Part::contentIdentifier)
                .containsExactly("PRIVATE-PARAMETERS");
        assertThat(d.configuration().instances()).isEmpty();
        assertThat(d.configuration().privateParameters().orElseThrow().configurationAnchors()).hasSize(1);
    }

    @Test
    void failsWithTheVerifiersCodeWhenTheOnlySourceFails() {
        serveFixture("test-conf-missing-date");
        assertThatThrownBy(() -> downloader(anchor("/internalconf", Fixtures.cert("consumer.pem")),
                BEFORE_FIXTURE_EXPIRY).build().download())
                .isInstanceOfSatisfying(GlobalConfException.class, e -> {
                    assertThat(e.code()).isEqualTo("global_conf_header_field_missing");
                    assertThat(e.getSuppressed()).hasSize(1);
                });
    }

    @Test
    void anExpiredDirectoryIsOutdated() {
        serveFixture("test-conf-simple");
        assertThatThrownBy(() -> downloader(anchor("/internalconf", Fixtures.cert("consumer.pem")),
                AFTER_FIXTURE_EXPIRY).build().download())
                .isInstanceOfSatisfying(GlobalConfException.class, e -> {
                    assertThat(e.code()).isEqualTo("global_conf_outdated");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aPartWithAnotherHashFailsTheDownload() {
        serveFixture("test-conf-simple");
        cs.serve("/foo.xml", "tampered".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> downloader(anchor("/internalconf", Fixtures.cert("consumer.pem")),
                BEFORE_FIXTURE_EXPIRY).build().download())
                .hasMessageStartingWith("global_conf_part_downloaded_file_integrity_failure");
    }

    @Test
    void aMissingPartFailsTheDownload() {
        serveFixture("test-conf-simple");
        cs.remove("/foo.xml");
        assertThatThrownBy(() -> downloader(anchor("/internalconf", Fixtures.cert("consumer.pem")),
                BEFORE_FIXTURE_EXPIRY).build().download())
                .hasMessageStartingWith("global_conf_part_download_failure");
    }

    @Test
    void probesVersionsDownToTwoAndUsesTwoUnprobed() {
        cs.serve("/internalconf?version=2", 200, MULTIPART, Fixtures.bytes("globalconf-signed/test-conf-detached.txt"));
        cs.serve("/private-params.xml", Fixtures.bytes("globalconf-signed/test-conf-detached/EE/private-params.xml"));
        downloader(anchor("/internalconf", Fixtures.cert("consumer.pem")), BEFORE_FIXTURE_EXPIRY).build().download();
        assertThat(cs.targets()).containsExactly("/internalconf?version=6", "/internalconf?version=5",
                "/internalconf?version=4", "/internalconf?version=3", "/internalconf?version=2",
                "/private-params.xml");
    }

    @Test
    void aUrlWithAVersionIsUsedAsItIs() {
        cs.serve("/internalconf?version=3", 200, MULTIPART, Fixtures.bytes("globalconf-signed/test-conf-detached.txt"));
        cs.serve("/private-params.xml", Fixtures.bytes("globalconf-signed/test-conf-detached/EE/private-params.xml"));
        downloader(anchor("/internalconf?version=3", Fixtures.cert("consumer.pem")), BEFORE_FIXTURE_EXPIRY).build()
                .download();
        assertThat(cs.targets()).containsExactly("/internalconf?version=3", "/private-params.xml");
    }

    @Test
    void triesHttpsBeforeHttp() {
        serveFixture("test-conf-simple");
        GlobalConfDownloader d = GlobalConfDownloader.builder()
                .anchor(anchor("/internalconf", Fixtures.cert("consumer.pem"))).transport(transport)
                .clock(BEFORE_FIXTURE_EXPIRY).build();
        d.download();
        String https = cs.url("/internalconf?version=6").replace("http://", "https://");
        assertThat(transport.uris()).first().isEqualTo(https);
        assertThat(transport.uris()).contains(cs.url("/internalconf?version=5"));
    }

    @Test
    void triesTheSourcesInTurnAndRemembersTheLastGoodOne() {
        serveFixture("test-conf-simple");
        try (FakeConfServer broken = new FakeConfServer()) {
            broken.serve("/internalconf?version=6", 500, "text/plain", "down".getBytes(StandardCharsets.UTF_8));
            ConfigurationAnchor twoSources = new ConfigurationAnchor(null, "EE", List.of(
                    new ConfigurationAnchor.Source(URI.create(broken.url("/internalconf")),
                            List.of(Fixtures.cert("consumer.pem"))),
                    new ConfigurationAnchor.Source(URI.create(cs.url("/internalconf")),
                            List.of(Fixtures.cert("consumer.pem")))));
            GlobalConfDownloader d = downloader(twoSources, BEFORE_FIXTURE_EXPIRY).build();
            d.download();
            assertThat(broken.targets()).containsExactly("/internalconf?version=6");
            broken.clearTargets();
            transport.clear();
            d.download();
            assertThat(broken.targets()).isEmpty();
            assertThat(transport.uris()).first().isEqualTo(cs.url("/internalconf?version=6"));
        }
    }

    @Test
    void everySourceFailingDifferentlyIsADownloadFailureWithEachCause() {
        serveFixture("test-conf-simple");
        try (FakeConfServer other = new FakeConfServer()) {
            ConfigurationAnchor twoSources = new ConfigurationAnchor(null, "EE", List.of(
                    new ConfigurationAnchor.Source(URI.create(other.url("/internalconf")),
                            List.of(Fixtures.cert("consumer.pem"))),
                    new ConfigurationAnchor.Source(URI.create(cs.url("/internalconf")),
                            List.of(Fixtures.cert("producer.pem")))));
            assertThatThrownBy(() -> downloader(twoSources, BEFORE_FIXTURE_EXPIRY).build().download())
                    .isInstanceOfSatisfying(GlobalConfException.class, e -> {
                        assertThat(e.code()).isEqualTo("conf_download_failed");
                        assertThat(e.getSuppressed()).extracting(t -> ((GlobalConfException) t).code())
                                .containsExactly("global_conf_download_url_connection_failure",
                                        "global_conf_missing_verification_cert");
                    });
        }
    }

    // ------------------------------------------------------------ generated directories (SignedDirectoryWriter)

    static final Fixtures.Signer SIGNER = Fixtures.signer("rsa-signer");
    static final Fixtures.Signer NEXT_SIGNER = Fixtures.signer("rsa-signer2");

    SharedParameters shared(String instance, java.security.cert.X509Certificate internalCert) {
        ClientId member = ClientId.parse(instance + "/GOV/1234");
        return new SharedParameters(instance, 6,
                List.of(new SharedParameters.Source(cs.hostAndPort(), List.of(internalCert), List.of(internalCert))),
                List.of(), List.of(),
                List.of(new SharedParameters.Member(member, "Government", "Agency",
                        List.of(new SharedParameters.Subsystem(member.withSubsystem("registry"), "Registry")))),
                List.of(new SharedParameters.SecurityServer(new SecurityServerId(instance, "GOV", "1234", "ss1"),
                        "ss1.example", List.of(), List.of(member.withSubsystem("registry")), false, null)),
                List.of(), new SharedParameters.GlobalSettings(List.of(), 60));
    }

    static String privateParams(String instance, String federatedInstance, String federatedUrl,
                                java.security.cert.X509Certificate cert) {
        String anchor = federatedInstance == null ? "" : """
                <configurationAnchor><instanceIdentifier>%s</instanceIdentifier>
                  <source><downloadURL>%s</downloadURL><verificationCert>%s</verificationCert></source>
                </configurationAnchor>""".formatted(federatedInstance, federatedUrl,
                io.luotsi.xroad.globalconf.internal.Certificates.base64(cert));
        return """
                <tns:conf xmlns:tns="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers">
                  <instanceIdentifier>%s</instanceIdentifier>%s
                  <managementService><authCertRegServiceAddress>https://cs:4002</authCertRegServiceAddress>
                  </managementService>
                  <timeStampingIntervalSeconds>60</timeStampingIntervalSeconds>
                </tns:conf>""".formatted(instance, anchor);
    }

    void publish(String dirPath, String locationPrefix, Fixtures.Signer signer, SharedParameters sp,
                 String privateXml) {
        List<SignedDirectoryWriter.Content> contents = new ArrayList<>();
        if (privateXml != null) {
            contents.add(new SignedDirectoryWriter.Content("PRIVATE-PARAMETERS", sp.instanceIdentifier(),
                    locationPrefix + "private-params.xml", privateXml.getBytes(StandardCharsets.UTF_8)));
        }
        contents.add(new SignedDirectoryWriter.Content("SHARED-PARAMETERS", sp.instanceIdentifier(),
                locationPrefix + "shared-params.xml", sp.toXml(6)));
        SignedDirectoryWriter.Output out = SignedDirectoryWriter.builder().signingKey(signer.key(),
                signer.certificate()).expiresAt(NOW.plus(Duration.ofMinutes(10))).build().write(contents);
        cs.serve(dirPath + "?version=6", 200, out.contentType(), out.body());
        String base = dirPath.substring(0, dirPath.lastIndexOf('/') + 1);
        out.files().forEach((location, bytes) -> cs.serve(location.startsWith("/") ? location : base + location,
                bytes));
    }

    @Test
    void resolvesContentLocationsRelativeToTheDownloadUrl() {
        publish("/conf/internalconf", "parts/", SIGNER, shared("EE", SIGNER.certificate()), privateParams("EE", null,
                null, null));
        GlobalConfDownloader.Download d = downloader(anchor("/conf/internalconf", SIGNER.certificate()), CLOCK)
                .build().download();
        assertThat(cs.targets()).contains("/conf/parts/private-params.xml", "/conf/parts/shared-params.xml");
        assertThat(d.configuration().sharedParameters("EE").orElseThrow().version()).isEqualTo(6);
        assertThat(d.configuration().subsystem(ClientId.parse("EE/GOV/1234/registry")).orElseThrow().name())
                .isEqualTo("Registry");
    }

    @Test
    void aContentLocationOnAnotherOriginIsRefused() {
        List<SignedDirectoryWriter.Content> contents = List.of(new SignedDirectoryWriter.Content("SHARED-PARAMETERS",
                "EE", "http://evil.example/shared-params.xml", shared("EE", SIGNER.certificate()).toXml(6)));
        SignedDirectoryWriter.Output out = SignedDirectoryWriter.builder().signingKey(SIGNER.key(),
                SIGNER.certificate()).expiresAt(NOW.plusSeconds(600)).build().write(contents);
        cs.serve("/internalconf?version=6", 200, out.contentType(), out.body());
        assertThatThrownBy(() -> downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK).build().download())
                .hasMessageStartingWith("global_conf_part_invalid_content_location");
        assertThat(cs.targets()).containsExactly("/internalconf?version=6");
    }

    @Test
    void doesNotDownloadUnchangedPartsAgain() {
        publish("/internalconf", "/V6/1/", SIGNER, shared("EE", SIGNER.certificate()), privateParams("EE", null, null,
                null));
        GlobalConfDownloader d = downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK).build();
        d.download();
        cs.clearTargets();
        d.download();
        assertThat(cs.targets()).containsExactly("/internalconf?version=6");
    }

    @Test
    void followsAConfigurationKeyRotationAnnouncedInTheSharedParameters() {
        // First download: signed with the anchor's key; the shared parameters announce the next key for this source.
        publish("/internalconf", "/V6/1/", SIGNER, shared("EE", NEXT_SIGNER.certificate()),
                privateParams("EE", null, null, null));
        GlobalConfDownloader d = downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK).build();
        d.download();
        // The Central Server switches keys; the anchor still names only the old certificate.
        publish("/internalconf", "/V6/2/", NEXT_SIGNER, shared("EE", NEXT_SIGNER.certificate()),
                privateParams("EE", null, null, null));
        GlobalConfDownloader.Download second = d.download();
        assertThat(second.directory().verificationCertificate()).isEqualTo(NEXT_SIGNER.certificate());
        // A downloader that never saw the announcement cannot verify it.
        assertThatThrownBy(() -> downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK).build().download())
                .hasMessageStartingWith("global_conf_missing_verification_cert");
    }

    @Test
    void downloadsAllowedFederatedInstancesOnly() {
        String fedUrl = cs.url("/external/externalconf");
        publish("/internalconf", "/V6/1/", SIGNER, shared("EE", SIGNER.certificate()),
                privateParams("EE", "FED", fedUrl, NEXT_SIGNER.certificate()));
        publish("/external/externalconf", "/V6/fed/", NEXT_SIGNER, shared("FED", NEXT_SIGNER.certificate()), null);

        GlobalConfiguration none = downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK).build().download()
                .configuration();
        assertThat(none.instances()).containsExactly("EE");

        GlobalConfiguration fed = downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK)
                .allowedFederations(Set.of("FED")).build().download().configuration();
        assertThat(fed.instances()).containsExactly("EE", "FED");
        assertThat(fed.isRegistered(ClientId.parse("FED/GOV/1234/registry"))).isTrue();
    }

    @Test
    void persistsTheLayoutASecurityServerWrites() {
        publish("/internalconf", "/V6/1/", SIGNER, shared("EE", SIGNER.certificate()), privateParams("EE", null, null,
                null));
        GlobalConfiguration downloaded = downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK)
                .persistTo(tmp).build().download().configuration();
        GlobalConfiguration read = GlobalConfiguration.readDirectory(tmp);
        assertThat(read.instanceIdentifier()).isEqualTo("EE");
        assertThat(read.sharedParameters("EE")).isEqualTo(downloaded.sharedParameters("EE"));
        assertThat(read.sharedParameters("EE").orElseThrow().version()).isEqualTo(6);
        assertThat(read.expiresAt()).contains(NOW.plus(Duration.ofMinutes(10)));
        assertThat(read.managementServiceAddress()).contains("https://cs:4002");

        // A new downloader finds the unchanged files on disk and does not download them again.
        cs.clearTargets();
        downloader(anchor("/internalconf", SIGNER.certificate()), CLOCK).persistTo(tmp).build().download();
        assertThat(cs.targets()).containsExactly("/internalconf?version=6");
    }

    /** Forwards to an OkHttp transport and records every URI asked for, including those that fail. */
    static final class RecordingTransport implements HttpTransport {
        private final OkHttpTransport delegate = OkHttpTransport.builder()
                .timeouts(Timeouts.DEFAULT.withConnect(Duration.ofSeconds(2))).build();
        private final List<String> uris = new CopyOnWriteArrayList<>();

        @Override
        public HttpResponse execute(HttpRequest request) throws IOException {
            uris.add(request.uri().toString());
            return delegate.execute(request);
        }

        @Override
        public Executor asyncExecutor() {
            return delegate.asyncExecutor();
        }

        List<String> uris() {
            return List.copyOf(uris);
        }

        void clear() {
            uris.clear();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
