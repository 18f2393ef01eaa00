package io.luotsi.auth.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.testing.Pki.Issued;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.HeaderParameterNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with a second, independent JOSE implementation (jose4j): tokens Luotsi makes verify there, with
 * the key taken from {@code x5c}, and tokens jose4j makes verify here, for every algorithm and every serialisation.
 */
class JwsInteropTest {

    private static final byte[] BODY = "{\"asiakas\":\"Åsa Öberg\",\"summa\":\"12,50 €\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final JwsVerifier luotsi = Fixtures.verifier();

    // ---- Luotsi signs, jose4j verifies -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void jose4jVerifiesLuotsisEmbeddedSignature(JwsAlgorithm algorithm) throws Exception {
        String token = Fixtures.signer(algorithm).sign(BODY);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        List4j chain = chainOf(jws);
        jws.setKey(chain.leaf().getPublicKey());

        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo(algorithm.jwsName());
        assertThat(jws.getPayloadBytes()).isEqualTo(BODY);
        assertThat(chain.certificates()).containsExactlyElementsOf(Fixtures.signerFor(algorithm).chain());
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void jose4jVerifiesLuotsisUnencodedDetachedSignature(JwsAlgorithm algorithm) throws Exception {
        String token = Fixtures.signer(algorithm).signDetached(BODY);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setKnownCriticalHeaders(HeaderParameterNames.BASE64URL_ENCODE_PAYLOAD);
        jws.setCompactSerialization(token);
        jws.setPayloadBytes(BODY);
        jws.setKey(chainOf(jws).leaf().getPublicKey());

        assertThat(jws.verifySignature()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void jose4jRejectsLuotsisSignatureOverAnotherPayload(JwsAlgorithm algorithm) throws Exception {
        String token = Fixtures.signer(algorithm).signDetached(BODY);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setKnownCriticalHeaders(HeaderParameterNames.BASE64URL_ENCODE_PAYLOAD);
        jws.setCompactSerialization(token);
        jws.setPayloadBytes("{}".getBytes(StandardCharsets.UTF_8));
        jws.setKey(chainOf(jws).leaf().getPublicKey());

        assertThat(jws.verifySignature()).isFalse();
    }

    // ---- jose4j signs, Luotsi verifies -------------------------------------------------------------------------

    private static JsonWebSignature jose4jSigner(JwsAlgorithm algorithm) {
        Issued signer = Fixtures.signerFor(algorithm);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(algorithm.jwsName());
        jws.setCertificateChainHeaderValue(signer.chain().toArray(new X509Certificate[0]));
        jws.setKeyIdHeaderValue("jose4j-key");
        jws.setKey(signer.privateKey());
        return jws;
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void luotsiVerifiesJose4jsEmbeddedSignature(JwsAlgorithm algorithm) throws Exception {
        JsonWebSignature jws = jose4jSigner(algorithm);
        jws.setPayloadBytes(BODY);

        VerifiedJws verified = luotsi.verify(jws.getCompactSerialization());

        assertThat(verified.payload()).hasValue(BODY);
        assertThat(verified.algorithm()).isEqualTo(algorithm);
        assertThat(verified.keyId()).contains("jose4j-key");
        assertThat(verified.signerCertificate()).isEqualTo(Fixtures.signerFor(algorithm).certificate());
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void luotsiVerifiesJose4jsUnencodedDetachedSignature(JwsAlgorithm algorithm) throws Exception {
        JsonWebSignature jws = jose4jSigner(algorithm);
        jws.getHeaders().setObjectHeaderValue(HeaderParameterNames.BASE64URL_ENCODE_PAYLOAD, false);
        jws.setCriticalHeaderNames(HeaderParameterNames.BASE64URL_ENCODE_PAYLOAD);
        jws.setPayloadBytes(BODY);

        String detached = jws.getDetachedContentCompactSerialization();

        assertThat(luotsi.verifyDetached(detached, BODY).algorithm()).isEqualTo(algorithm);
        SignatureVerificationException e = catchThrowableOfType(SignatureVerificationException.class,
                () -> luotsi.verifyDetached(detached, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.failure()).isEqualTo(SignatureFailure.INVALID_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void luotsiVerifiesJose4jsEncodedDetachedSignature(JwsAlgorithm algorithm) throws Exception {
        // RFC 7515 appendix F: the payload stays base64url-encoded in the signing input and is left out.
        JsonWebSignature jws = jose4jSigner(algorithm);
        jws.setPayloadBytes(BODY);

        String detached = jws.getDetachedContentCompactSerialization();

        assertThat(luotsi.verifyDetached(detached, BODY).algorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void luotsiVerifiesJose4jsUnencodedAttachedPayload(JwsAlgorithm algorithm) throws Exception {
        // RFC 7797 also allows b64=false with the payload in the token, when it has no '.'.
        byte[] plain = "plain-text-payload".getBytes(StandardCharsets.US_ASCII);
        JsonWebSignature jws = jose4jSigner(algorithm);
        jws.getHeaders().setObjectHeaderValue(HeaderParameterNames.BASE64URL_ENCODE_PAYLOAD, false);
        jws.setCriticalHeaderNames(HeaderParameterNames.BASE64URL_ENCODE_PAYLOAD);
        jws.setPayloadBytes(plain);

        VerifiedJws verified = luotsi.verify(jws.getCompactSerialization());

        assertThat(verified.payload()).hasValue(plain);
    }

    /** The x5c chain jose4j reads from the header. */
    private static List4j chainOf(JsonWebSignature jws) throws Exception {
        return new List4j(jws.getCertificateChainHeaderValue());
    }

    private record List4j(java.util.List<X509Certificate> certificates) {
        X509Certificate leaf() {
            return certificates.get(0);
        }
    }
}
