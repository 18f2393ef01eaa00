package io.luotsi.auth.tsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.testing.Ocsp;
import io.luotsi.auth.testing.Pki;
import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampTokenTest {

    private static final Pki.Issued CA = Pki.root("Test CA");
    private static final Pki.Issued TSA = Pki.certificate("Test TSA").issuer(CA).keyType(Pki.KeyType.EC_P256)
            .timeStamping().build();
    private static final Clock CLOCK = Clock.fixed(Pki.NOW, ZoneOffset.UTC);
    private static final byte[] DATA = "signature value".getBytes(StandardCharsets.UTF_8);

    private static LocalTimestampAuthority tsa() {
        return LocalTimestampAuthority.builder().keyMaterial(TSA.keyMaterial()).clock(CLOCK).build();
    }

    private static TimestampFailure failureOf(Runnable r) {
        try {
            r.run();
        } catch (TimestampVerificationException e) {
            return e.failure();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void aLocalAuthoritysTokenVerifiesAgainstItsCertificate() {
        TimestampToken token = tsa().timestamp(DATA);

        X509Certificate signer = token.verify(DATA, List.of(CA.certificate(), TSA.certificate()));

        assertThat(signer).isEqualTo(TSA.certificate());
        assertThat(token.genTime()).isEqualTo(Pki.NOW);
        assertThat(token.hashAlgorithm()).isEqualTo("SHA-256");
        assertThat(token.policy()).isEqualTo(LocalTimestampAuthority.DEFAULT_POLICY);
        assertThat(TimestampToken.parse(token.encoded()).messageImprint()).isEqualTo(token.messageImprint());
    }

    @Test
    void serialNumbersCountUp() {
        LocalTimestampAuthority tsa = tsa();
        assertThat(tsa.timestamp(DATA).serialNumber()).isLessThan(tsa.timestamp(DATA).serialNumber());
    }

    @Test
    void otherDataIsAnImprintMismatch() {
        TimestampToken token = tsa().timestamp(DATA);

        assertThat(token.covers("other".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(failureOf(() -> token.verify("other".getBytes(StandardCharsets.UTF_8),
                List.of(TSA.certificate())))).isEqualTo(TimestampFailure.IMPRINT_MISMATCH);
    }

    @Test
    void anUntrustedAuthorityIsRefused() {
        TimestampToken token = tsa().timestamp(DATA);

        assertThat(failureOf(() -> token.verify(DATA, List.of(CA.certificate()))))
                .isEqualTo(TimestampFailure.SIGNER_NOT_TRUSTED);
        assertThat(failureOf(() -> token.verify(DATA, List.of())))
                .isEqualTo(TimestampFailure.NO_TRUSTED_AUTHORITY);
    }

    @Test
    void aCorruptedSignatureDoesNotVerify() {
        byte[] der = tsa().timestamp(DATA).encoded();
        // No certificates and no unsigned attributes follow the signature: its last byte ends the token.
        der[der.length - 1] ^= 0x01;

        TimestampToken token = TimestampToken.parse(der);
        assertThat(failureOf(() -> token.verify(DATA, List.of(TSA.certificate()))))
                .isEqualTo(TimestampFailure.SIGNATURE_INVALID);
    }

    @Test
    void everySingleByteChangeIsRefused() {
        byte[] der = tsa().timestamp(DATA).encoded();
        List<Integer> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < der.length; i++) {
            byte[] changed = der.clone();
            changed[i] ^= 0x01;
            try {
                TimestampToken.parse(changed).verify(DATA, List.of(TSA.certificate()));
                accepted.add(i);
            } catch (TimestampVerificationException expected) {
                // refused
            }
        }
        assertThat(accepted).as("positions of changed bytes that still verify").isEmpty();
    }

    @Test
    void bytesThatAreNoTokenAreUnreadableOrMalformed() {
        assertThat(failureOf(() -> TimestampToken.parse("garbage".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(TimestampFailure.UNREADABLE);
        byte[] der = tsa().timestamp(DATA).encoded();
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
        assertThat(failureOf(() -> TimestampToken.parse(trailing))).isEqualTo(TimestampFailure.UNREADABLE);
        byte[] ocsp = Ocsp.response(TSA.certificate(), CA).build();
        assertThat(failureOf(() -> TimestampToken.parse(ocsp))).isEqualTo(TimestampFailure.MALFORMED);
    }

    @Test
    void verifiesXRoadsTestTsaToken() throws Exception {
        TimestampToken token = TimestampToken.parse(resource("valid-signed-message-timestamp.der"));
        X509Certificate xroadTsa = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(resource("test-tsa.pem")));

        assertThat(token.verifySignature(List.of(TSA.certificate(), xroadTsa))).isEqualTo(xroadTsa);
        assertThat(token.genTime()).isEqualTo(Instant.parse("2024-12-05T13:16:35Z"));
    }

    @Test
    void theAuthorityRefusesAnExpiredCertificateAndOneWithoutTimeStampingUsage() {
        LocalTimestampAuthority late = LocalTimestampAuthority.builder().keyMaterial(TSA.keyMaterial())
                .clock(Clock.offset(CLOCK, Duration.ofDays(400))).build();
        assertThatThrownBy(() -> late.timestamp(DATA)).isInstanceOf(ConfigurationException.class);

        Pki.Issued plain = Pki.signer("not a TSA", CA, Pki.KeyType.EC_P256);
        assertThatThrownBy(() -> LocalTimestampAuthority.builder().keyMaterial(plain.keyMaterial()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id-kp-timeStamping");
        assertThatThrownBy(() -> LocalTimestampAuthority.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LocalTimestampAuthority.builder().policy("not.an.oid"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signsWithRsaAndSha512Too() {
        Pki.Issued rsa = Pki.certificate("RSA TSA").issuer(CA).keyType(Pki.KeyType.RSA_2048).timeStamping().build();
        TimestampToken token = LocalTimestampAuthority.builder().keyMaterial(rsa.keyMaterial()).clock(CLOCK)
                .digestAlgorithm("SHA-512").includeCertificate(true).build().timestamp(DATA);

        assertThat(token.hashAlgorithm()).isEqualTo("SHA-512");
        assertThat(token.verify(DATA, List.of(rsa.certificate()))).isEqualTo(rsa.certificate());
        assertThat(new CertificateChain(List.of(rsa.certificate())).leaf()).isEqualTo(rsa.certificate());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TimestampTokenTest.class.getResourceAsStream("/xroad/asic/" + name)) {
            return in.readAllBytes();
        }
    }
}
