package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.luotsi.core.TransportException;
import io.luotsi.core.http.TlsConfig;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ErrorOrigin;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.rest.RestResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with client certificates, checked per client as X-Road's client proxy checks them. */
class HttpsTest {

    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId OPEN = ClientId.parse("DEV/COM/4321/OpenClient");
    static final ClientId NO_AUTH = ClientId.parse("DEV/COM/4321/NoAuthClient");
    static final ClientId OWN_CERT = ClientId.parse("DEV/COM/4321/OwnCertClient");
    static final ServiceId PETS = ServiceId.parse("DEV/COM/1234/TestService/pets");

    static FakeSecurityServer fake;
    static TestPki.Credential ownCertificate;

    @BeforeAll
    static void start() {
        TestPki pki = TestPki.generate();
        ownCertificate = pki.issueClientCredential("Own IS");
        fake = FakeSecurityServer.builder()
                .https(true)
                .pki(pki)
                .subsystem(CONSUMER, "Test client")
                .client(ClientRegistration.subsystem(OPEN, "4321", "Open").withConnectionType(ConnectionType.HTTP))
                .client(ClientRegistration.subsystem(NO_AUTH, "4321", "No auth")
                        .withConnectionType(ConnectionType.HTTPS_NO_AUTH))
                .client(ClientRegistration.subsystem(OWN_CERT, "4321", "Own certificate")
                        .withIsCertificates(List.of(ownCertificate.certificate())))
                .service(ServiceRegistration.rest(PETS).allow(CONSUMER).allow(OPEN).allow(NO_AUTH).allow(OWN_CERT)
                        .respond(FakeRestResponse.json("[]")))
                .start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @AfterEach
    void reset() {
        fake.reset();
    }

    @Test
    void urlIsHttpsAndTheClientCertificateIsAccepted() {
        try (XRoadClient client = fake.clientBuilder(CONSUMER).build()) {
            RestResponse<String> r = client.rest(PETS).get("/pets").execute(String.class);

            assertThat(fake.url().getScheme()).isEqualTo("https");
            assertThat(r.status()).isEqualTo(200);
            RecordedRequest request = fake.recordings().single().request();
            assertThat(request.secure()).isTrue();
            assertThat(request.clientCertificate()).hasValue(fake.pki().clientCredential().certificate());
        }
    }

    @Test
    void noClientCertificateIsSslAuthenticationFailed() {
        assertSslAuthenticationFailed(fake.pki().trustOnlyTlsConfig(),
                "Client (SUBSYSTEM:DEV/COM/4321/TestClient) specifies HTTPS but did not supply TLS certificate");
    }

    @Test
    void unknownClientCertificateFromTheSameCaIsSslAuthenticationFailed() {
        TlsConfig other = fake.pki().clientTlsConfig(fake.pki().issueClientCredential("Stranger"));

        assertSslAuthenticationFailed(other,
                "Client (SUBSYSTEM:DEV/COM/4321/TestClient) TLS certificate does not match any IS certificates");
    }

    @Test
    void certificateOfAnotherCaPassesTlsAndFailsTheClientCheck() {
        TestPki foreign = TestPki.generate();
        TlsConfig tls = TlsConfig.of(TestPki.keyManager(foreign.clientCredential()), fake.pki().trustManager());

        assertSslAuthenticationFailed(tls,
                "Client (SUBSYSTEM:DEV/COM/4321/TestClient) TLS certificate does not match any IS certificates");
    }

    @Test
    void plainHttpFromAnHttpsClientIsSslAuthenticationFailed() {
        try (XRoadClient client = XRoadClient.builder().securityServer(fake.httpUrl()).client(CONSUMER).build()) {
            Throwable thrown = catchThrowable(() -> client.rest(PETS).get("/pets").execute(String.class));

            assertThat(thrown).isInstanceOfSatisfying(XRoadException.class, e -> {
                assertThat(e.code()).isEqualTo("server.clientproxy.ssl_authentication_failed");
                assertThat(e.faultString()).hasValue("Client (SUBSYSTEM:DEV/COM/4321/TestClient) specifies HTTPS "
                        + "but did not supply TLS certificate");
            });
        }
        fake.expectUnmatched();
    }

    @Test
    void clientWithItsOwnIsCertificateIsAcceptedWithItAndRefusedWithTheDefault() {
        try (XRoadClient own = XRoadClient.builder().securityServer(fake.url()).client(OWN_CERT)
                .tls(fake.pki().clientTlsConfig(ownCertificate)).build();
             XRoadClient withDefault = fake.clientBuilder(OWN_CERT).build()) {

            assertThat(own.rest(PETS).get("/pets").execute(String.class).status()).isEqualTo(200);
            Throwable refused = catchThrowable(() -> withDefault.rest(PETS).get("/pets").execute(String.class));
            assertThat(refused).isInstanceOfSatisfying(XRoadException.class,
                    e -> assertThat(e.code()).isEqualTo("server.clientproxy.ssl_authentication_failed"));
        }
        fake.expectUnmatched();
    }

    @Test
    void httpConnectionTypeNeedsNoCertificateOverPlainHttp() {
        try (XRoadClient client = XRoadClient.builder().securityServer(fake.httpUrl()).client(OPEN).build()) {
            assertThat(client.rest(PETS).get("/pets").execute(String.class).status()).isEqualTo(200);
        }
    }

    @Test
    void httpsNoAuthNeedsTlsButNoCertificate() {
        try (XRoadClient plain = XRoadClient.builder().securityServer(fake.httpUrl()).client(NO_AUTH).build();
             XRoadClient tls = XRoadClient.builder().securityServer(fake.url()).client(NO_AUTH)
                     .tls(fake.pki().trustOnlyTlsConfig()).build()) {

            Throwable refused = catchThrowable(() -> plain.rest(PETS).get("/pets").execute(String.class));
            assertThat(refused).isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.faultString())
                    .hasValue("Client (SUBSYSTEM:DEV/COM/4321/NoAuthClient) specifies HTTPS NO AUTH but client made "
                            + "plaintext connection"));
            assertThat(tls.rest(PETS).get("/pets").execute(String.class).status()).isEqualTo(200);
        }
        fake.expectUnmatched();
    }

    @Test
    void serverCertificateIsCheckedAgainstTheTrustedCa() {
        TlsConfig trustsAnotherCa = TestPki.generate().clientTlsConfig();
        try (XRoadClient client = XRoadClient.builder().securityServer(fake.url()).client(CONSUMER)
                .tls(trustsAnotherCa).build()) {

            Throwable thrown = catchThrowable(() -> client.rest(PETS).get("/pets").execute(String.class));

            assertThat(thrown).isInstanceOf(TransportException.class);
            assertThat(fake.recordings().isEmpty()).isTrue();
        }
    }

    @Test
    void clientMaterialIsWrittenInTheTlsDirLayoutAndWorks(@TempDir Path dir) throws Exception {
        fake.writeClientTlsMaterial(dir);

        List<X509Certificate> chain = certificates(dir.resolve("cert.pem"));
        assertThat(chain).containsExactly(fake.pki().clientCredential().certificate(), fake.pki().caCertificate());
        assertThat(certificates(dir.resolve("ca.pem"))).containsExactly(fake.pki().caCertificate());
        String keyPem = Files.readString(dir.resolve("key.pem"), StandardCharsets.US_ASCII);
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""))));
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(new byte[] {1, 2, 3});
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(chain.get(0));
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(sign.sign())).as("key.pem belongs to the leaf of cert.pem").isTrue();
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("key.pem")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }

        TlsConfig fromFiles = TlsConfig.of(TestPki.keyManager(new TestPki.Credential(key, chain)),
                fake.pki().trustManager());
        try (XRoadClient client = XRoadClient.builder().securityServer(fake.url()).client(CONSUMER).tls(fromFiles)
                .build()) {
            assertThat(client.rest(PETS).get("/pets").execute(String.class).status()).isEqualTo(200);
        }
    }

    @Test
    void builderWritesTheClientMaterialOnStart(@TempDir Path dir) {
        Path tls = dir.resolve("tls");
        try (FakeSecurityServer other = FakeSecurityServer.builder().https(true).writeClientTlsMaterialTo(tls)
                .start()) {
            assertThat(tls.resolve("cert.pem")).exists();
            assertThat(tls.resolve("key.pem")).exists();
            assertThat(tls.resolve("ca.pem")).exists();
            assertThat(other.httpsPort()).isPositive();
        }
    }

    private static void assertSslAuthenticationFailed(TlsConfig tls, String message) {
        try (XRoadClient client = XRoadClient.builder().securityServer(fake.url()).client(CONSUMER).tls(tls)
                .build()) {
            Throwable thrown = catchThrowable(() -> client.rest(PETS).get("/pets").execute(String.class));

            assertThat(thrown).isInstanceOfSatisfying(XRoadException.class, e -> {
                assertThat(e.code()).isEqualTo("server.clientproxy.ssl_authentication_failed");
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.origin()).isEqualTo(ErrorOrigin.CONSUMER_SECURITY_SERVER);
                assertThat(e.retryable()).isFalse();
                assertThat(e.faultString()).hasValue(message);
            });
            RecordedExchange call = fake.recordings().single();
            assertThat(call.unmatched()).isTrue();
            assertThat(call.providerRequest()).isEmpty();
        }
        fake.expectUnmatched();
    }

    private static List<X509Certificate> certificates(Path pem) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }
}
