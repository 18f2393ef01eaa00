package io.luotsi.auth.jws;

import static io.luotsi.auth.jws.Fixtures.CLOCK;
import static io.luotsi.auth.jws.Fixtures.EC;
import static io.luotsi.auth.jws.Fixtures.ED25519;
import static io.luotsi.auth.jws.Fixtures.INTERMEDIATE;
import static io.luotsi.auth.jws.Fixtures.RSA;
import static io.luotsi.auth.jws.Fixtures.decodeToString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.testing.Pki.Issued;
import io.luotsi.core.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwsSignerTest {

    private static final byte[] BODY = "{\"person\":\"Ann\",\"amount\":12.50}".getBytes(StandardCharsets.UTF_8);

    private final JwsVerifier verifier = Fixtures.verifier();

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void anEmbeddedSignatureVerifiesAndReturnsThePayloadAndSigner(JwsAlgorithm algorithm) {
        String jws = Fixtures.signer(algorithm).sign(BODY);

        VerifiedJws verified = verifier.verify(jws);

        assertThat(jws.split("\\.")).hasSize(3);
        assertThat(verified.payload()).hasValue(BODY);
        assertThat(verified.algorithm()).isEqualTo(algorithm);
        assertThat(verified.signerCertificate()).isEqualTo(Fixtures.signerFor(algorithm).certificate());
        assertThat(verified.subject()).isEqualTo(Fixtures.signerFor(algorithm).certificate()
                .getSubjectX500Principal());
        assertThat(verified.certificationPath().trustAnchor()).isEqualTo(Fixtures.ROOT.certificate());
        assertThat(verified.keyId()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void aDetachedSignatureLeavesThePayloadOutAndVerifiesWithIt(JwsAlgorithm algorithm) {
        String jws = Fixtures.signer(algorithm).signDetached(BODY);

        VerifiedJws verified = verifier.verifyDetached(jws, BODY);

        assertThat(jws).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        assertThat(verified.payload()).isEmpty();
        assertThat(verified.algorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void aStreamIsSignedAndVerifiedWithoutBeingHeldWhole(JwsAlgorithm algorithm) {
        long length = 8L * 1024 * 1024 + 17;

        String jws = Fixtures.signer(algorithm).signDetached(generated(length, 1));

        assertThat(verifier.verifyDetached(jws, generated(length, 1)).algorithm()).isEqualTo(algorithm);
        assertThatThrownBy(() -> verifier.verifyDetached(jws, generated(length, 2)))
                .isInstanceOf(SignatureVerificationException.class)
                .extracting(e -> ((SignatureVerificationException) e).code()).isEqualTo("jws_invalid_signature");
    }

    @Test
    void theDetachedHeaderIsUnencodedAndCritical() {
        String jws = Fixtures.signer(JwsAlgorithm.ES256).signDetached(BODY);
        String header = decodeToString(jws.substring(0, jws.indexOf('.')));

        assertThat(header).contains("\"b64\":false").contains("\"crit\":[\"b64\"]").contains("\"alg\":\"ES256\"");
    }

    @Test
    void theHeaderCarriesTheWholeChainInStandardBase64AndTheKeyId() throws Exception {
        JwsSigner signer = JwsSigner.builder().keyMaterial(EC.keyMaterial()).keyId("signing-2026").clock(CLOCK)
                .build();

        String jws = signer.sign(BODY);
        String header = decodeToString(jws.substring(0, jws.indexOf('.')));

        assertThat(header).contains("\"kid\":\"signing-2026\"")
                .contains("\"x5c\":" + Fixtures.x5c(EC.chain()))
                .doesNotContain("jwk").doesNotContain("b64");
        assertThat(verifier.verify(jws).keyId()).contains("signing-2026");
        assertThat(Base64.getEncoder().encodeToString(EC.certificate().getEncoded())).contains("+");
    }

    @Test
    void theAlgorithmFollowsTheKeyByDefault() {
        assertThat(JwsSigner.builder().keyMaterial(RSA.keyMaterial()).build().algorithm())
                .isEqualTo(JwsAlgorithm.RS256);
        assertThat(JwsSigner.builder().keyMaterial(EC.keyMaterial()).build().algorithm())
                .isEqualTo(JwsAlgorithm.ES256);
        assertThat(JwsSigner.builder().keyMaterial(ED25519.keyMaterial()).build().algorithm())
                .isEqualTo(JwsAlgorithm.EDDSA);
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyIsRefused() throws Exception {
        assertThatThrownBy(() -> JwsSigner.builder().keyMaterial(RSA.keyMaterial()).algorithm(JwsAlgorithm.ES256)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ES256 needs an EC key");
        assertThatThrownBy(() -> JwsSigner.builder().keyMaterial(EC.keyMaterial()).algorithm(JwsAlgorithm.EDDSA)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519");

        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        Issued weak = Pki.certificate("weak").keys(small.generateKeyPair()).issuer(INTERMEDIATE).build();
        assertThatThrownBy(() -> JwsSigner.builder().keyMaterial(weak.keyMaterial()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");

        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        Issued otherCurve = Pki.certificate("p384").keys(p384.generateKeyPair()).issuer(INTERMEDIATE).build();
        assertThatThrownBy(() -> JwsSigner.builder().keyMaterial(otherCurve.keyMaterial())
                .algorithm(JwsAlgorithm.ES256).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
    }

    @Test
    void aSignerRefusesToSignWithACertificateExpiredAtItsClock() {
        Clock later = Clock.fixed(EC.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)),
                ZoneOffset.UTC);
        JwsSigner signer = JwsSigner.builder().keyMaterial(EC.keyMaterial()).clock(later).build();

        assertThatThrownBy(() -> signer.sign(BODY)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("expired at");
    }

    @Test
    void aFailingStreamIsReportedAsIo() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> Fixtures.signer(JwsAlgorithm.ES256).signDetached(broken))
                .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk gone");
    }

    @Test
    void theBuilderNeedsKeyMaterial() {
        assertThatThrownBy(() -> JwsSigner.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JwsSigner.builder().keyId("")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A deterministic stream of {@code length} bytes, each a function of its position and the seed. */
    static InputStream generated(long length, long seed) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < length ? at(position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = at(position++);
                }
                return n;
            }

            private byte at(long i) {
                long x = (i + 1) * 0x9E3779B97F4A7C15L ^ seed;
                return (byte) (x ^ x >>> 29);
            }
        };
    }

    static InputStream bytes(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
