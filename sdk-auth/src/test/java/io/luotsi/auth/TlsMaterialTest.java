package io.luotsi.auth;

import static io.luotsi.auth.Secrets.assertNotDisclosed;
import static io.luotsi.auth.Secrets.base64Of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.TestPki.Issued;
import io.luotsi.auth.TestPki.KeyType;
import io.luotsi.core.ConfigurationException;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.OkHttpTransport;
import io.luotsi.core.http.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class TlsMaterialTest {

    private static final String P12_PASSWORD = "p12-Secret-4711";

    private static Issued serverCa;
    private static Issued clientCa;
    private static Issued server;
    private static Issued rsaClient;
    private static Issued ecClient;

    @TempDir
    Path dir;

    private final MockWebServer securityServer = new MockWebServer();

    @BeforeAll
    static void issue() {
        serverCa = TestPki.ca("Test Security Server CA");
        clientCa = TestPki.ca("Test Information System CA");
        server = TestPki.server(serverCa, "localhost", "127.0.0.1");
        rsaClient = TestPki.client(clientCa, "information-system-rsa", KeyType.RSA);
        ecClient = TestPki.client(clientCa, "information-system-ec", KeyType.EC);
    }

    @AfterEach
    void stop() {
        securityServer.close();
    }

    private Issued client(KeyType type) {
        return type == KeyType.RSA ? rsaClient : ecClient;
    }

    /** Writes the directory layout the CLI reads and the test kit writes. */
    private Path pemDirectory(Issued client) throws IOException {
        TestPki.writeCertificates(dir.resolve("ca.pem"), serverCa.certificate());
        TestPki.writeCertificates(dir.resolve("cert.pem"), client.chainArray());
        TestPki.writePkcs8(dir.resolve("key.pem"), client.privateKey());
        return dir;
    }

    private Path pkcs12Directory(Issued client) throws IOException {
        TestPki.writeCertificates(dir.resolve("ca.pem"), serverCa.certificate());
        TestPki.writePkcs12(dir.resolve("client.p12"), P12_PASSWORD.toCharArray(), client);
        Files.writeString(dir.resolve("client.p12.password"), P12_PASSWORD + "\n");
        return dir;
    }

    /** Starts the stand-in Security Server over TLS; it trusts the client CA. */
    private HttpRequest startSecurityServer(Issued identity, boolean requireClientCertificate) throws IOException {
        securityServer.useHttps(TestPki.serverSocketFactory(identity, clientCa.certificate()));
        if (requireClientCertificate) {
            securityServer.requireClientAuth();
        }
        securityServer.enqueue(new MockResponse.Builder().code(200).body("hello").build());
        securityServer.start();
        return HttpRequest.builder().uri("https://localhost:" + securityServer.getPort() + "/r1/FI/GOV/1/svc").build();
    }

    private static String call(TlsConfig tls, HttpRequest request) throws IOException {
        try (OkHttpTransport transport = OkHttpTransport.builder().tls(tls).build();
             HttpResponse response = transport.execute(request)) {
            return response.status() + " " + response.body().string(100);
        }
    }

    private String presentedClientSubject() throws InterruptedException {
        RecordedRequest recorded = securityServer.takeRequest();
        return ((X509Certificate) recorded.getHandshake().peerCertificates().get(0)).getSubjectX500Principal()
                .getName();
    }

    @Nested
    class MutualTls {

        @ParameterizedTest
        @EnumSource(KeyType.class)
        void aPemDirectoryCompletesAHandshakeWithAServerThatRequiresAClientCertificate(KeyType type)
                throws Exception {
            TlsMaterial material = TlsMaterial.fromDirectory(pemDirectory(client(type)));
            HttpRequest request = startSecurityServer(server, true);

            assertThat(call(material.toTlsConfig(), request)).isEqualTo("200 hello");

            assertThat(presentedClientSubject()).isEqualTo(client(type).certificate().getSubjectX500Principal()
                    .getName());
            assertThat(material.keyMaterial()).hasValueSatisfying(k ->
                    assertThat(k.certificate()).isEqualTo(client(type).certificate()));
        }

        @Test
        void theKeyAndTrustManagersWorkThroughTlsConfigOf() throws Exception {
            TlsMaterial material = TlsMaterial.fromDirectory(pemDirectory(ecClient));
            HttpRequest request = startSecurityServer(server, true);

            TlsConfig tls = TlsConfig.of(material.keyManager().orElseThrow(), material.trustManager());

            assertThat(call(tls, request)).isEqualTo("200 hello");
            assertThat(material.keyManager().orElseThrow().getCertificateChain("client"))
                    .containsExactly(ecClient.chainArray());
        }

        @Test
        void aPkcs12DirectoryCompletesTheHandshakeToo() throws Exception {
            TlsMaterial material = TlsMaterial.fromDirectory(pkcs12Directory(rsaClient));
            HttpRequest request = startSecurityServer(server, true);

            assertThat(call(material.toTlsConfig(), request)).isEqualTo("200 hello");
            assertThat(presentedClientSubject()).isEqualTo("CN=information-system-rsa");
        }

        @Test
        void materialBuiltInCodeWorksLikeADirectory() throws Exception {
            TlsMaterial material = TlsMaterial.builder()
                    .keyMaterial(KeyMaterial.of(rsaClient.privateKey(), CertificateChain.of(rsaClient.chainArray())))
                    .trustAnchors(TrustAnchors.of(serverCa.certificate()))
                    .build();
            HttpRequest request = startSecurityServer(server, true);

            assertThat(call(material.toTlsConfig(), request)).isEqualTo("200 hello");
        }
    }

    @Nested
    class ServerAuthenticationOnly {

        @Test
        void withoutCertAndKeyTheDirectoryAuthenticatesTheServerOnly() throws Exception {
            TestPki.writeCertificates(dir.resolve("ca.pem"), serverCa.certificate());

            TlsMaterial material = TlsMaterial.fromDirectory(dir);

            assertThat(material.keyMaterial()).isEmpty();
            assertThat(material.keyManager()).isEmpty();
            assertThat(material.toString()).contains("server authentication only");
            HttpRequest request = startSecurityServer(server, false);
            assertThat(call(material.toTlsConfig(), request)).isEqualTo("200 hello");
        }

        @Test
        void aServerThatRequiresAClientCertificateRefusesIt() throws Exception {
            TestPki.writeCertificates(dir.resolve("ca.pem"), serverCa.certificate());
            TlsMaterial material = TlsMaterial.fromDirectory(dir);
            HttpRequest request = startSecurityServer(server, true);

            assertThatThrownBy(() -> call(material.toTlsConfig(), request)).isInstanceOf(IOException.class);
            assertThat(securityServer.getRequestCount()).isZero();
        }

        @Test
        void aServerTheTrustAnchorsDoNotCoverIsRefused() throws Exception {
            TlsMaterial material = TlsMaterial.fromDirectory(pemDirectory(ecClient));
            Issued impostor = TestPki.server(TestPki.ca("Impostor CA"), "localhost", "127.0.0.1");
            HttpRequest request = startSecurityServer(impostor, false);

            assertThatThrownBy(() -> call(material.toTlsConfig(), request))
                    .isInstanceOf(OkHttpTransport.NothingSentException.class)
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(securityServer.getRequestCount()).isZero();
        }
    }

    @Nested
    class Pinning {

        @Test
        void aServerWhoseKeyIsPinnedIsAccepted() throws Exception {
            TlsMaterial material = TlsMaterial.builder().trustAnchors(TrustAnchors.of(serverCa.certificate()))
                    .pins(CertificatePins.ofPublicKeys(server.certificate())).build();
            HttpRequest request = startSecurityServer(server, false);

            assertThat(call(material.toTlsConfig(), request)).isEqualTo("200 hello");
        }

        @Test
        void aServerWhoseCertificateIsPinnedIsAccepted() throws Exception {
            TlsMaterial material = TlsMaterial.builder().trustAnchors(TrustAnchors.of(serverCa.certificate()))
                    .pins(CertificatePins.parse(CertificatePins.certificatePin(server.certificate()))).build();
            HttpRequest request = startSecurityServer(server, false);

            assertThat(call(material.toTlsConfig(), request)).isEqualTo("200 hello");
        }

        @Test
        void aTrustedServerWithAnotherKeyIsRefused() throws Exception {
            // Same CA, same host name, trusted by the anchors: only the pin tells it apart.
            Issued sibling = TestPki.server(serverCa, "localhost", "127.0.0.1");
            TlsMaterial material = TlsMaterial.builder().trustAnchors(TrustAnchors.of(serverCa.certificate()))
                    .pins(CertificatePins.ofPublicKeys(server.certificate())).build();
            HttpRequest request = startSecurityServer(sibling, false);

            Throwable e = catchThrowableOfType(IOException.class, () -> call(material.toTlsConfig(), request));

            assertThat(e).isInstanceOf(OkHttpTransport.NothingSentException.class)
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(e.getCause()).hasStackTraceContaining("matches none of the 1 pinned keys or certificates")
                    .hasStackTraceContaining(CertificatePins.publicKeyPin(sibling.certificate()));
            assertThat(securityServer.getRequestCount()).isZero();
        }

        @Test
        void aPinNeverMakesAnUntrustedServerTrusted() throws Exception {
            Issued impostor = TestPki.server(TestPki.ca("Impostor CA"), "localhost", "127.0.0.1");
            TlsMaterial material = TlsMaterial.builder().trustAnchors(TrustAnchors.of(serverCa.certificate()))
                    .pins(CertificatePins.ofPublicKeys(impostor.certificate())).build();
            HttpRequest request = startSecurityServer(impostor, false);

            assertThatThrownBy(() -> call(material.toTlsConfig(), request))
                    .isInstanceOf(OkHttpTransport.NothingSentException.class)
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(securityServer.getRequestCount()).isZero();
        }

        @Test
        void pinsApplyToAnyTlsConfigAndKeepItsKeyManagerAndProtocols() throws Exception {
            TlsMaterial material = TlsMaterial.fromDirectory(pemDirectory(ecClient));
            TlsConfig tls12 = material.toTlsConfig().withProtocols(java.util.List.of("TLSv1.2"));

            TlsConfig pinned = CertificatePins.ofPublicKeys(server.certificate()).applyTo(tls12);

            assertThat(pinned.protocols()).containsExactly("TLSv1.2");
            assertThat(pinned.keyManager()).containsSame(tls12.keyManager().orElseThrow());
            HttpRequest request = startSecurityServer(server, true);
            assertThat(call(pinned, request)).isEqualTo("200 hello");
            assertThat(presentedClientSubject()).isEqualTo("CN=information-system-ec");
        }
    }

    @Nested
    class DirectoryErrors {

        @Test
        void aMissingTrustFileIsNamed() throws IOException {
            TestPki.writeCertificates(dir.resolve("cert.pem"), ecClient.chainArray());
            TestPki.writePkcs8(dir.resolve("key.pem"), ecClient.privateKey());

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(dir.resolve("ca.pem") + ": file not found")
                    .hasMessageContaining("trusted for the Security Server");
        }

        @Test
        void aPathThatIsNotADirectoryIsNamed() throws IOException {
            Path file = Files.writeString(dir.resolve("tls"), "not a directory");

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(file)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(file + ": not a directory").hasMessageContaining("ca.pem");
            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir.resolve("missing")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("not a directory");
        }

        @Test
        void aCertificateWithoutItsKeyOrAKeyWithoutItsCertificateIsNamed() throws IOException {
            TestPki.writeCertificates(dir.resolve("ca.pem"), serverCa.certificate());
            TestPki.writeCertificates(dir.resolve("cert.pem"), ecClient.chainArray());

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(dir.resolve("key.pem") + ": file not found");

            Files.delete(dir.resolve("cert.pem"));
            TestPki.writePkcs8(dir.resolve("key.pem"), ecClient.privateKey());
            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(dir.resolve("cert.pem") + ": file not found");
        }

        @Test
        void pemAndPkcs12TogetherAreAmbiguous() throws IOException {
            pkcs12Directory(rsaClient);
            TestPki.writeCertificates(dir.resolve("cert.pem"), ecClient.chainArray());
            TestPki.writePkcs8(dir.resolve("key.pem"), ecClient.privateKey());

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("both").hasMessageContaining("client.p12");
        }

        @Test
        void aPkcs12FileNeedsItsPasswordFile() throws IOException {
            pkcs12Directory(rsaClient);
            Files.delete(dir.resolve("client.p12.password"));

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(dir.resolve("client.p12.password") + ": file not found");
        }

        @Test
        void aWrongPkcs12PasswordNamesTheFileButNotThePassword() throws IOException {
            pkcs12Directory(rsaClient);
            Files.writeString(dir.resolve("client.p12.password"), "Not-The-Password-99\r\n");

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> TlsMaterial.fromDirectory(dir));

            assertThat(e.getMessage()).isEqualTo(dir.resolve("client.p12") + ": wrong password for the PKCS#12 file");
            assertNotDisclosed(e, "Not-The-Password-99", P12_PASSWORD);
        }

        @Test
        void filesThatAreNotPemAreNamed() throws IOException {
            pemDirectory(ecClient);
            Files.write(dir.resolve("ca.pem"), serverCa.certificate().getPublicKey().getEncoded());

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(dir.resolve("ca.pem") + ": contains no PEM data");
        }

        @Test
        void aKeyThatDoesNotMatchItsCertificateIsNamed() throws IOException {
            pemDirectory(ecClient);
            TestPki.writePkcs8(dir.resolve("key.pem"), rsaClient.privateKey());

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> TlsMaterial.fromDirectory(dir));

            assertThat(e.getMessage()).contains(dir.resolve("key.pem").toString())
                    .contains(dir.resolve("cert.pem").toString()).contains("does not belong");
            assertNotDisclosed(e, base64Of(rsaClient.privateKey()));
        }

        @Test
        void anEncryptedKeyInTheDirectoryIsExplained() throws IOException {
            pemDirectory(ecClient);
            TestPki.writeEncryptedPkcs8(dir.resolve("key.pem"), ecClient.privateKey(), "pw".toCharArray());

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(dir.resolve("key.pem").toString()).hasMessageContaining("encrypted");
        }
    }

    @Nested
    class Validity {

        @Test
        void aClientCertificateExpiredAtTheClocksTimeIsRefused() throws IOException {
            pemDirectory(ecClient);
            Instant notAfter = ecClient.certificate().getNotAfter().toInstant();
            Clock later = Clock.fixed(notAfter.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> TlsMaterial.fromDirectory(dir, later));

            assertThat(e.getMessage()).startsWith(dir.resolve("cert.pem") + ": certificate #1")
                    .contains("expired at " + notAfter).contains("it is now " + later.instant());
        }

        @Test
        void aClientCertificateNotYetValidAtTheClocksTimeIsRefused() throws IOException {
            pemDirectory(ecClient);
            Instant notBefore = ecClient.certificate().getNotBefore().toInstant();
            Clock earlier = Clock.fixed(notBefore.minus(Duration.ofMinutes(1)), ZoneOffset.UTC);

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir, earlier))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("certificate #1").hasMessageContaining("not valid before " + notBefore);
        }

        @Test
        void everyCertificateOfTheChainIsChecked() throws IOException {
            Instant now = Instant.now();
            Issued shortLivedCa = TestPki.ca("Short-lived CA");
            Issued client = TestPki.client(shortLivedCa, "long-lived-client", KeyType.EC,
                    new Instant[] {now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(400))});
            Instant caExpiry = shortLivedCa.certificate().getNotAfter().toInstant();
            TestPki.writeCertificates(dir.resolve("ca.pem"), serverCa.certificate());
            TestPki.writeCertificates(dir.resolve("cert.pem"), client.chainArray());
            TestPki.writePkcs8(dir.resolve("key.pem"), client.privateKey());
            Clock afterCaExpiry = Clock.fixed(caExpiry.plus(Duration.ofDays(1)), ZoneOffset.UTC);

            assertThatThrownBy(() -> TlsMaterial.fromDirectory(dir, afterCaExpiry))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("certificate #2").hasMessageContaining("expired at " + caExpiry);
            assertThat(TlsMaterial.fromDirectory(dir, Clock.fixed(now, ZoneOffset.UTC)).keyMaterial()).isPresent();
        }

        @Test
        void trustAnchorsAreTakenAsTheyAre() throws IOException {
            Instant now = Instant.now();
            Issued longLived = TestPki.client(clientCa, "long-lived-client", KeyType.EC,
                    new Instant[] {now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(400))});
            TestPki.writeCertificates(dir.resolve("ca.pem"), serverCa.certificate());
            TestPki.writeCertificates(dir.resolve("cert.pem"), longLived.certificate());
            TestPki.writePkcs8(dir.resolve("key.pem"), longLived.privateKey());
            Clock afterAnchorExpiry = Clock.fixed(serverCa.certificate().getNotAfter().toInstant()
                    .plus(Duration.ofDays(30)), ZoneOffset.UTC);

            TlsMaterial material = TlsMaterial.fromDirectory(dir, afterAnchorExpiry);

            assertThat(material.trustAnchors().certificates()).containsExactly(serverCa.certificate());
        }
    }

    @Test
    void theBuilderNeedsTrustAnchorsAndRefusesNulls() {
        assertThatThrownBy(() -> TlsMaterial.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trustAnchors");
        assertThatThrownBy(() -> TlsMaterial.builder().keyMaterial(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("keyMaterial");
        assertThatThrownBy(() -> TlsMaterial.builder().clock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TlsMaterial.fromDirectory(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theBuilderChecksValidityAtItsClock() {
        Clock farFuture = Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC);

        assertThatThrownBy(() -> TlsMaterial.builder()
                .keyMaterial(KeyMaterial.of(ecClient.privateKey(), CertificateChain.of(ecClient.chainArray())))
                .trustAnchors(TrustAnchors.of(serverCa.certificate())).clock(farFuture).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("expired");
    }

    @Test
    void toStringShowsNoKeyMaterial() throws IOException {
        TlsMaterial material = TlsMaterial.fromDirectory(pemDirectory(rsaClient));

        assertThat(material.toString()).contains("RSA key").contains("CN=Test Security Server CA")
                .doesNotContain(base64Of(rsaClient.privateKey()))
                .doesNotContain(((java.security.interfaces.RSAPrivateCrtKey) rsaClient.privateKey())
                        .getPrivateExponent().toString());
    }

    @Test
    void theDirectoryFileNamesAreTheDocumentedOnes() {
        assertThat(TlsMaterial.TRUSTED_CERTIFICATES_FILE).isEqualTo("ca.pem");
        assertThat(TlsMaterial.CERTIFICATE_FILE).isEqualTo("cert.pem");
        assertThat(TlsMaterial.KEY_FILE).isEqualTo("key.pem");
        assertThat(TlsMaterial.PKCS12_FILE).isEqualTo("client.p12");
        assertThat(TlsMaterial.PKCS12_PASSWORD_FILE).isEqualTo("client.p12.password");
    }
}
