package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.pki.OcspResponse;
import io.luotsi.xroad.ClientId;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPkiTest {

    static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    static final TestPki PKI = TestPki.generate(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void caIsASelfSignedCertificateAuthority() throws Exception {
        X509Certificate ca = PKI.caCertificate();

        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
    }

    @Test
    void serverCertificateIsForLoopbackNamesAndSignedByTheCa() throws Exception {
        X509Certificate server = PKI.serverCredential().certificate();

        server.verify(PKI.caCertificate().getPublicKey());
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .contains("localhost", "127.0.0.1");
        assertThat(server.getSubjectAlternativeNames()).hasSize(3);
        assertThat(PKI.serverCredential().chain()).containsExactly(server, PKI.caCertificate());
    }

    @Test
    void clientCertificatesAreForClientAuthentication() throws Exception {
        X509Certificate client = PKI.clientCredential().certificate();
        X509Certificate other = PKI.issueClientCredential("Other, Ltd").certificate();

        client.verify(PKI.caCertificate().getPublicKey());
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(other.getSubjectX500Principal().getName()).startsWith("CN=Other\\, Ltd");
        assertThat(other).isNotEqualTo(client);
        assertThat(other.getSerialNumber()).isNotEqualTo(client.getSerialNumber());
    }

    @Test
    void validityIsAroundTheClocksNow() {
        X509Certificate client = PKI.clientCredential().certificate();

        assertThat(client.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(client.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void signingCertificatesHaveNonRepudiationAndNoExtendedKeyUsage() throws Exception {
        X509Certificate signing = PKI.issue("Member signer", TestPki.Purpose.SIGNING, List.of()).certificate();

        assertThat(signing.getKeyUsage()[0]).isTrue();
        assertThat(signing.getKeyUsage()[1]).isTrue();
        assertThat(signing.getExtendedKeyUsage()).isNull();
    }

    @Test
    void configurationSigningCredentialsAreKeptPerKeyTypeAndSign() throws Exception {
        TestPki.Credential ec = PKI.configurationSigningCredential();
        TestPki.Credential rsa = PKI.configurationSigningCredential(TestPki.KeyType.RSA);

        assertThat(PKI.configurationSigningCredential(TestPki.KeyType.EC)).isSameAs(ec);
        assertThat(PKI.configurationSigningCredential(TestPki.KeyType.RSA)).isSameAs(rsa);
        assertThat(ec.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(rsa.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(rsa.privateKey().getAlgorithm()).isEqualTo("RSA");
        rsa.certificate().verify(PKI.caCertificate().getPublicKey());
        java.security.Signature s = java.security.Signature.getInstance("SHA512withRSA");
        s.initSign(rsa.privateKey());
        s.update(new byte[] {1, 2, 3});
        byte[] signature = s.sign();
        s.initVerify(rsa.certificate());
        s.update(new byte[] {1, 2, 3});
        assertThat(s.verify(signature)).isTrue();
    }

    @Test
    void ocspResponderAndTimeStampingCertificatesHaveTheirExtendedKeyUsages() throws Exception {
        X509Certificate ocsp = PKI.ocspResponderCredential().certificate();
        X509Certificate tsa = PKI.timeStampingCredential().certificate();

        ocsp.verify(PKI.caCertificate().getPublicKey());
        tsa.verify(PKI.caCertificate().getPublicKey());
        assertThat(ocsp.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.9");
        assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(tsa.getCriticalExtensionOIDs()).contains("2.5.29.37");
        assertThat(PKI.timeStampingCredential()).isSameAs(PKI.timeStampingCredential());
    }

    @Test
    void membersHaveSigningCertificatesWithTheSubjectsOfXRoadsDefaultProfile() throws Exception {
        ClientId subsystem = ClientId.parse("DEV/COM/4321/TestClient");
        TestPki.Credential signing = PKI.memberSigningCredential(subsystem);
        X509Certificate cert = signing.certificate();

        cert.verify(PKI.caCertificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=4321,O=COM,C=DEV");
        assertThat(cert.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        assertThat(cert.getExtendedKeyUsage()).isNull();
        assertThat(PKI.memberSigningCredential(subsystem.member())).isSameAs(signing);
        assertThat(PKI.memberSigningCredential(ClientId.parse("DEV/COM/4321/Other"))).isSameAs(signing);
        assertThat(PKI.memberSigningCredential(ClientId.parse("DEV/GOV/4321")).certificate())
                .isNotEqualTo(cert);
        assertThat(PKI.memberSigningCredential(ClientId.parse("Ä-ÄÖ/C,O/x y")).certificate()
                .getSubjectX500Principal().getName()).isEqualTo("CN=x y,O=C\\,O,C=Ä-ÄÖ");
    }

    @Test
    void ocspResponsesAreGoodAndFromTheResponderAtTheTimeAsked() {
        X509Certificate cert = PKI.memberSigningCredential(ClientId.parse("DEV/COM/1234")).certificate();
        Instant at = NOW.plusSeconds(42);

        OcspResponse response = OcspResponse.parse(PKI.ocspResponse(cert, at));

        assertThat(response.producedAt()).isEqualTo(at);
        assertThat(response.responses()).singleElement().satisfies(single -> {
            assertThat(single.status()).isEqualTo(OcspResponse.Status.GOOD);
            assertThat(single.hashAlgorithm()).isEqualTo("SHA-1");
            assertThat(single.isFor(cert, PKI.caCertificate())).isTrue();
            assertThat(single.thisUpdate()).isEqualTo(at);
            assertThat(single.nextUpdate()).isEqualTo(at.plus(Duration.ofHours(1)));
        });
        assertThat(response.isSignedBy(PKI.ocspResponderCredential().certificate())).isTrue();
        assertThat(response.responderAmong(List.of(PKI.caCertificate(),
                PKI.ocspResponderCredential().certificate()))).hasValue(PKI.ocspResponderCredential().certificate());
        assertThatThrownBy(() -> PKI.ocspResponse(TestPki.generate().caCertificate(), at))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pemHasSixtyFourCharacterLines() {
        String pem = TestPki.pem("CERTIFICATE", new byte[200]);

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
    }
}
