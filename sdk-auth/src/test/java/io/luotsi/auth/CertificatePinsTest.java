package io.luotsi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.TestPki.Issued;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificatePinsTest {

    private static Issued ca;
    private static Issued server;
    private static Issued other;

    @BeforeAll
    static void issue() {
        ca = TestPki.ca("Pins CA");
        server = TestPki.server(ca, "ss.example");
        other = TestPki.server(ca, "ss.example");
    }

    private static String sha256(byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void pinsAreTheSha256OfTheSubjectPublicKeyInfoOrOfTheCertificate() throws Exception {
        X509Certificate c = server.certificate();

        assertThat(CertificatePins.publicKeyPin(c)).isEqualTo("sha256/" + sha256(c.getPublicKey().getEncoded()));
        assertThat(CertificatePins.certificatePin(c)).isEqualTo("cert-sha256/" + sha256(c.getEncoded()));
    }

    @Test
    void matchesOnlyTheCertificatesPinned() {
        CertificatePins byKey = CertificatePins.ofPublicKeys(server.certificate());
        CertificatePins byCertificate = CertificatePins.parse(CertificatePins.certificatePin(server.certificate()));

        assertThat(byKey.matches(server.certificate())).isTrue();
        assertThat(byKey.matches(other.certificate())).isFalse();
        assertThat(byCertificate.matches(server.certificate())).isTrue();
        assertThat(byCertificate.matches(other.certificate())).isFalse();
    }

    @Test
    void malformedPinsAreRefused() {
        assertThatThrownBy(() -> CertificatePins.parse()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificatePins.parse("sha1/AAAA")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256/BASE64");
        assertThatThrownBy(() -> CertificatePins.parse("sha256/not base64!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> CertificatePins.parse("sha256/" + Base64.getEncoder().encodeToString(new byte[20])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 bytes");
    }

    @Test
    void theWrappedTrustManagerAsksTheDelegateFirstThenThePin() throws Exception {
        AtomicInteger delegateCalls = new AtomicInteger();
        X509TrustManager trustsEverything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                delegateCalls.incrementAndGet();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                delegateCalls.incrementAndGet();
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        X509TrustManager pinned = CertificatePins.ofPublicKeys(server.certificate()).wrap(trustsEverything);

        pinned.checkServerTrusted(server.chainArray(), "ECDHE_ECDSA");
        assertThatThrownBy(() -> pinned.checkServerTrusted(other.chainArray(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("matches none");
        // Client certificates are not pinned.
        pinned.checkClientTrusted(other.chainArray(), "ECDHE_ECDSA");
        assertThat(delegateCalls).hasValue(3);
    }

    @Test
    void theDelegatesRefusalStands() {
        X509TrustManager refusesAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("untrusted");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("untrusted");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };

        assertThatThrownBy(() -> CertificatePins.ofPublicKeys(server.certificate()).wrap(refusesAll)
                .checkServerTrusted(server.chainArray(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessage("untrusted");
    }
}
