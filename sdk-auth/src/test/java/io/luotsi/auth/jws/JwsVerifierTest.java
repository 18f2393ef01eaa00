package io.luotsi.auth.jws;

import static io.luotsi.auth.jws.Fixtures.CLOCK;
import static io.luotsi.auth.jws.Fixtures.EC;
import static io.luotsi.auth.jws.Fixtures.INTERMEDIATE;
import static io.luotsi.auth.jws.Fixtures.ROOT;
import static io.luotsi.auth.jws.Fixtures.b64url;
import static io.luotsi.auth.jws.Fixtures.decodeToString;
import static io.luotsi.auth.jws.Fixtures.handMade;
import static io.luotsi.auth.jws.Fixtures.x5c;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.pki.CertificateFailure;
import io.luotsi.auth.pki.CertificateValidationException;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.auth.pki.RevocationChecking;
import io.luotsi.auth.testing.Ocsp;
import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.testing.Pki.Issued;
import io.luotsi.auth.testing.Pki.KeyType;
import io.luotsi.core.VerificationException;
import io.luotsi.core.http.OkHttpTransport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every tampering with a token, and every header trick, is refused with its own code. */
class JwsVerifierTest {

    private static final byte[] BODY = "{\"transfer\":100}".getBytes(StandardCharsets.UTF_8);

    private final JwsVerifier verifier = Fixtures.verifier();

    private static SignatureVerificationException refusal(Supplier<?> verification) {
        SignatureVerificationException e = catchThrowableOfType(SignatureVerificationException.class,
                verification::get);
        assertThat(e).as("the verification must fail").isNotNull().isInstanceOf(VerificationException.class);
        assertThat(e.code()).isEqualTo(e.failure().code());
        return e;
    }

    private static String[] parts(String jws) {
        return jws.split("\\.", -1);
    }

    /** The token with its header JSON rewritten and nothing else changed (so the signature no longer covers it). */
    private static String withHeader(String jws, java.util.function.UnaryOperator<String> edit) {
        String[] p = parts(jws);
        return b64url(edit.apply(decodeToString(p[0]))) + "." + p[1] + "." + p[2];
    }

    @Nested
    class Tampering {

        @ParameterizedTest
        @EnumSource(JwsAlgorithm.class)
        void aChangedEmbeddedPayloadIsRefused(JwsAlgorithm algorithm) {
            String[] p = parts(Fixtures.signer(algorithm).sign(BODY));
            String tampered = p[0] + "." + b64url("{\"transfer\":900}") + "." + p[2];

            assertThat(refusal(() -> verifier.verify(tampered)).failure())
                    .isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @ParameterizedTest
        @EnumSource(JwsAlgorithm.class)
        void aChangedDetachedPayloadIsRefused(JwsAlgorithm algorithm) {
            String jws = Fixtures.signer(algorithm).signDetached(BODY);
            byte[] changed = BODY.clone();
            changed[changed.length - 2] ^= 0x01;

            assertThat(refusal(() -> verifier.verifyDetached(jws, changed)).code())
                    .isEqualTo("jws_invalid_signature");
        }

        @ParameterizedTest
        @EnumSource(JwsAlgorithm.class)
        void aChangedHeaderIsRefused(JwsAlgorithm algorithm) {
            String jws = withHeader(Fixtures.signer(algorithm).sign(BODY), h -> h.replace("{", "{\"kid\":\"x\","));

            assertThat(refusal(() -> verifier.verify(jws)).failure()).isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @ParameterizedTest
        @EnumSource(JwsAlgorithm.class)
        void aFlippedSignatureBitIsRefused(JwsAlgorithm algorithm) {
            String[] p = parts(Fixtures.signer(algorithm).signDetached(BODY));
            byte[] signature = java.util.Base64.getUrlDecoder().decode(p[2]);
            signature[signature.length / 2] ^= 0x10;
            String tampered = p[0] + ".." + b64url(signature);

            assertThat(refusal(() -> verifier.verifyDetached(tampered, BODY)).failure())
                    .isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @Test
        void aSignatureOfTheWrongLengthIsRefused() {
            String[] p = parts(Fixtures.signer(JwsAlgorithm.ES256).sign(BODY));
            byte[] signature = java.util.Base64.getUrlDecoder().decode(p[2]);
            String truncated = p[0] + "." + p[1] + "." + b64url(java.util.Arrays.copyOf(signature, 63));
            String allZero = p[0] + "." + p[1] + "." + b64url(new byte[64]);

            assertThat(refusal(() -> verifier.verify(truncated)).failure())
                    .isEqualTo(SignatureFailure.INVALID_SIGNATURE);
            assertThat(refusal(() -> verifier.verify(allZero)).failure())
                    .isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @Test
        void anAlgorithmRelabelledWithinTheKeyTypeIsRefusedByTheSignature() {
            String jws = withHeader(Fixtures.signer(JwsAlgorithm.RS256).sign(BODY),
                    h -> h.replace("\"RS256\"", "\"PS256\""));

            assertThat(refusal(() -> verifier.verify(jws)).failure()).isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @Test
        void anAlgorithmThatDoesNotFitTheCertificatesKeyIsRefusedBeforeAnyVerification() {
            String jws = withHeader(Fixtures.signer(JwsAlgorithm.ES256).sign(BODY),
                    h -> h.replace("\"ES256\"", "\"RS256\""));

            SignatureVerificationException e = refusal(() -> verifier.verify(jws));

            assertThat(e.failure()).isEqualTo(SignatureFailure.ALGORITHM_NOT_ALLOWED);
            assertThat(e).hasMessageContaining("does not fit the signer's certificate");
        }

        @Test
        void aSwappedLeafIsRefused() {
            Issued other = Pki.signer("another ec signer", INTERMEDIATE, KeyType.EC_P256);
            String jws = withHeader(Fixtures.signer(JwsAlgorithm.ES256).sign(BODY),
                    h -> h.replace(x5c(EC.chain()), x5c(other.chain())));

            assertThat(jws).isNotEqualTo(Fixtures.signer(JwsAlgorithm.ES256).sign(BODY));
            // The header changed, and the key is not the one that signed: the signature fails.
            assertThat(refusal(() -> verifier.verify(jws)).failure()).isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @Test
        void aChainWithoutItsIntermediateIsUntrusted() {
            String jws = handMade("{\"alg\":\"ES256\",\"x5c\":" + x5c(List.of(EC.certificate())) + "}",
                    b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());

            SignatureVerificationException e = refusal(() -> verifier.verify(jws));

            assertThat(e.failure()).isEqualTo(SignatureFailure.UNTRUSTED_CHAIN);
            assertThat(e.getCause()).isInstanceOf(CertificateValidationException.class);
            assertThat(((CertificateValidationException) e.getCause()).failure())
                    .isEqualTo(CertificateFailure.UNTRUSTED);
        }

        @Test
        void aChainWithAnUnrelatedExtraCertificateIsUntrusted() {
            List<X509Certificate> extra = new ArrayList<>(EC.chain());
            extra.add(Pki.root("Unrelated Root").certificate());
            String jws = handMade("{\"alg\":\"ES256\",\"x5c\":" + x5c(extra) + "}", b64url(BODY),
                    JwsAlgorithm.ES256, EC.privateKey());

            SignatureVerificationException e = refusal(() -> verifier.verify(jws));

            assertThat(e.failure()).isEqualTo(SignatureFailure.UNTRUSTED_CHAIN);
            assertThat(e).hasMessageContaining("x5c is not a certificate chain");
        }

        @Test
        void anExtraCertificateInFrontOfTheSignersIsRefused() {
            List<X509Certificate> extra = new ArrayList<>();
            extra.add(Pki.signer("decoy", INTERMEDIATE, KeyType.EC_P256).certificate());
            extra.addAll(EC.chain());
            String jws = handMade("{\"alg\":\"ES256\",\"x5c\":" + x5c(extra) + "}", b64url(BODY),
                    JwsAlgorithm.ES256, EC.privateKey());

            assertThat(refusal(() -> verifier.verify(jws)).failure()).isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @Test
        void aTokenWithoutX5cIsRefused() {
            String jws = handMade("{\"alg\":\"ES256\"}", b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());

            assertThat(refusal(() -> verifier.verify(jws)).code()).isEqualTo("jws_missing_certificate");
        }
    }

    @Nested
    class AlgorithmsAndKeys {

        @Test
        void noneIsNeverAllowed() {
            String jws = b64url("{\"alg\":\"none\",\"x5c\":" + x5c(EC.chain()) + "}") + "." + b64url(BODY) + ".";

            SignatureVerificationException e = refusal(() -> verifier.verify(jws));

            assertThat(e.failure()).isEqualTo(SignatureFailure.ALGORITHM_NOT_ALLOWED);
            assertThat(e.code()).isEqualTo("jws_algorithm_not_allowed");
        }

        @Test
        void hmacKeyedWithTheCertificatesPublicKeyIsRefused() throws Exception {
            // The classic confusion: an HMAC whose secret is the (public) key bytes a verifier might hold.
            String header = b64url("{\"alg\":\"HS256\",\"x5c\":" + x5c(Fixtures.RSA.chain()) + "}");
            String payload = b64url(BODY);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Fixtures.RSA.certificate().getPublicKey().getEncoded(), "HmacSHA256"));
            String jws = header + "." + payload + "." + b64url(mac.doFinal((header + "." + payload)
                    .getBytes(StandardCharsets.US_ASCII)));

            assertThat(refusal(() -> verifier.verify(jws)).failure())
                    .isEqualTo(SignatureFailure.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void algorithmsOffTheAllowListAreRefused() {
            JwsVerifier onlyEs256 = JwsVerifier.builder().certificateValidator(Fixtures.validator()).clock(CLOCK)
                    .allowedAlgorithms(JwsAlgorithm.ES256).build();
            String rs256 = Fixtures.signer(JwsAlgorithm.RS256).sign(BODY);
            String rs512 = handMade("{\"alg\":\"RS512\",\"x5c\":" + x5c(Fixtures.RSA.chain()) + "}", b64url(BODY),
                    JwsAlgorithm.RS256, Fixtures.RSA.privateKey());

            assertThat(refusal(() -> onlyEs256.verify(rs256))).hasMessageContaining("alg 'RS256' is not allowed");
            assertThat(refusal(() -> verifier.verify(rs512)).failure())
                    .isEqualTo(SignatureFailure.ALGORITHM_NOT_ALLOWED);
            assertThat(onlyEs256.verify(Fixtures.signer(JwsAlgorithm.ES256).sign(BODY)).algorithm())
                    .isEqualTo(JwsAlgorithm.ES256);
        }

        @Test
        void algorithmNamesAreCaseSensitive() {
            String jws = handMade("{\"alg\":\"es256\",\"x5c\":" + x5c(EC.chain()) + "}", b64url(BODY),
                    JwsAlgorithm.ES256, EC.privateKey());

            assertThat(refusal(() -> verifier.verify(jws)).failure())
                    .isEqualTo(SignatureFailure.ALGORITHM_NOT_ALLOWED);
        }
    }

    @Nested
    class Headers {

        @Test
        void aTokenThatBringsItsOwnKeyIsRefused() {
            // An attacker signs with a key of their own and offers it in the header, next to a chain they copied.
            Issued attacker = Pki.signer("attacker", Pki.root("Attacker Root"), KeyType.EC_P256);
            java.security.interfaces.ECPublicKey key =
                    (java.security.interfaces.ECPublicKey) attacker.certificate().getPublicKey();
            String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + b64url(unsigned(key.getW().getAffineX()))
                    + "\",\"y\":\"" + b64url(unsigned(key.getW().getAffineY())) + "\"}";

            for (String trick : List.of("\"jwk\":" + jwk, "\"jku\":\"https://attacker.example/jwks\"",
                    "\"x5u\":\"https://attacker.example/chain.pem\"")) {
                String jws = handMade("{\"alg\":\"ES256\"," + trick + ",\"x5c\":" + x5c(EC.chain()) + "}",
                        b64url(BODY), JwsAlgorithm.ES256, attacker.privateKey());

                SignatureVerificationException e = refusal(() -> verifier.verify(jws));

                assertThat(e.failure()).as(trick).isEqualTo(SignatureFailure.HEADER_NOT_ALLOWED);
                assertThat(e.code()).isEqualTo("jws_header_not_allowed");
            }
        }

        @Test
        void anUnknownCriticalExtensionIsRefused() {
            String jws = handMade("{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1,\"x5c\":" + x5c(EC.chain())
                    + "}", b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());

            SignatureVerificationException e = refusal(() -> verifier.verify(jws));

            assertThat(e.failure()).isEqualTo(SignatureFailure.CRITICAL_HEADER_NOT_SUPPORTED);
            assertThat(e).hasMessageContaining("'exp'");
        }

        @Test
        void critMustBeAListOfHeadersThatArePresent() {
            String empty = handMade("{\"alg\":\"ES256\",\"crit\":[],\"x5c\":" + x5c(EC.chain()) + "}",
                    b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());
            String absent = handMade("{\"alg\":\"ES256\",\"crit\":[\"b64\"],\"x5c\":" + x5c(EC.chain()) + "}",
                    b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());

            assertThat(refusal(() -> verifier.verify(empty)).failure()).isEqualTo(SignatureFailure.MALFORMED);
            assertThat(refusal(() -> verifier.verify(absent)).failure()).isEqualTo(SignatureFailure.MALFORMED);
        }

        @Test
        void b64WithoutCritIsRefused() {
            String header = "{\"alg\":\"ES256\",\"b64\":false,\"x5c\":" + x5c(EC.chain()) + "}";
            String h = b64url(header);
            byte[] input = (h + ".").getBytes(StandardCharsets.US_ASCII);
            byte[] signingInput = new byte[input.length + BODY.length];
            System.arraycopy(input, 0, signingInput, 0, input.length);
            System.arraycopy(BODY, 0, signingInput, input.length, BODY.length);
            String jws = h + ".." + b64url(Fixtures.sign(JwsAlgorithm.ES256, EC.privateKey(), signingInput));

            SignatureVerificationException e = refusal(() -> verifier.verifyDetached(jws, BODY));

            assertThat(e.failure()).isEqualTo(SignatureFailure.MALFORMED);
            assertThat(e).hasMessageContaining("b64 must be listed in crit");
        }

        @Test
        void aThumbprintThatIsNotTheLeafsIsRefused() throws Exception {
            byte[] wrong = MessageDigest.getInstance("SHA-256").digest(INTERMEDIATE.certificate().getEncoded());
            byte[] right = MessageDigest.getInstance("SHA-256").digest(EC.certificate().getEncoded());
            String bad = handMade("{\"alg\":\"ES256\",\"x5t#S256\":\"" + b64url(wrong) + "\",\"x5c\":"
                    + x5c(EC.chain()) + "}", b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());
            String good = handMade("{\"alg\":\"ES256\",\"x5t#S256\":\"" + b64url(right) + "\",\"x5c\":"
                    + x5c(EC.chain()) + "}", b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());

            assertThat(refusal(() -> verifier.verify(bad)).failure()).isEqualTo(SignatureFailure.MALFORMED);
            assertThat(verifier.verify(good).signerCertificate()).isEqualTo(EC.certificate());
        }

        @Test
        void aBatchRootIsNotTheSignatureOfAMessage() {
            BatchSigner batches = BatchSigner.builder().signer(Fixtures.signer(JwsAlgorithm.ES256)).clock(CLOCK)
                    .build();
            String root = batches.signAll(List.of(BODY)).get(0).rootJws();

            SignatureVerificationException e = refusal(() -> verifier.verify(root));

            assertThat(e.failure()).isEqualTo(SignatureFailure.TYPE_NOT_ALLOWED);
            assertThat(e.code()).isEqualTo("jws_type_not_allowed");
        }
    }

    @Nested
    class Malformed {

        @Test
        void tokensThatAreNotThreeBase64UrlPartsWithAJsonHeaderAreMalformed() {
            String good = Fixtures.signer(JwsAlgorithm.ES256).sign(BODY);
            String[] p = parts(good);
            List<String> bad = List.of("", "abc", p[0] + "." + p[1], good + ".x", p[0] + "+." + p[1] + "." + p[2],
                    b64url("not json") + "." + p[1] + "." + p[2], b64url("[1,2]") + "." + p[1] + "." + p[2],
                    b64url("{\"x5c\":" + x5c(EC.chain()) + "}") + "." + p[1] + "." + p[2],
                    p[0] + "." + p[1] + "." + p[2] + "=");

            for (String jws : bad) {
                assertThat(refusal(() -> verifier.verify(jws)).failure()).as(jws).isEqualTo(SignatureFailure.MALFORMED);
            }
        }

        @Test
        void aDuplicatedHeaderMemberIsMalformed() {
            String jws = handMade("{\"alg\":\"ES256\",\"alg\":\"none\",\"x5c\":" + x5c(EC.chain()) + "}",
                    b64url(BODY), JwsAlgorithm.ES256, EC.privateKey());

            assertThat(refusal(() -> verifier.verify(jws)).failure()).isEqualTo(SignatureFailure.MALFORMED);
        }

        @Test
        void x5cThatIsNotACertificateIsMalformed() {
            String jws = handMade("{\"alg\":\"ES256\",\"x5c\":[\"AAAA\"]}", b64url(BODY), JwsAlgorithm.ES256,
                    EC.privateKey());

            assertThat(refusal(() -> verifier.verify(jws))).hasMessageContaining("x5c certificate #1");
        }

        @Test
        void detachedAndEmbeddedAreNotInterchangeable() {
            String detached = Fixtures.signer(JwsAlgorithm.ES256).signDetached(BODY);
            String embedded = Fixtures.signer(JwsAlgorithm.ES256).sign(BODY);

            assertThat(refusal(() -> verifier.verify(detached))).hasMessageContaining("verifyDetached");
            assertThat(refusal(() -> verifier.verifyDetached(embedded, BODY)))
                    .hasMessageContaining("empty payload part");
        }

        @Test
        void anOverlongTokenIsRefusedBeforeParsing() {
            JwsVerifier small = JwsVerifier.builder().certificateValidator(Fixtures.validator()).clock(CLOCK)
                    .maxTokenLength(100).build();

            assertThat(refusal(() -> small.verify(Fixtures.signer(JwsAlgorithm.ES256).sign(BODY))))
                    .hasMessageContaining("more than the limit of 100");
        }
    }

    @Nested
    class Trust {

        @Test
        void aSignerOfAnotherCaIsUntrustedWithTheReasonAsCause() {
            Issued stranger = Pki.signer("stranger", Pki.root("Stranger Root"), KeyType.EC_P256);
            JwsSigner signer = JwsSigner.builder().keyMaterial(stranger.keyMaterial()).clock(CLOCK).build();

            SignatureVerificationException e = refusal(() -> verifier.verify(signer.sign(BODY)));

            assertThat(e.failure()).isEqualTo(SignatureFailure.UNTRUSTED_CHAIN);
            assertThat(e.code()).isEqualTo("jws_untrusted_chain");
            assertThat(e).hasMessageContaining("certificate_untrusted");
        }

        @Test
        void aSignerExpiredAtTheVerifiersTimeIsUntrustedButVerifiesAtTheSigningTime() {
            Instant signedAt = Pki.NOW;
            String jws = Fixtures.signer(JwsAlgorithm.ES256).signDetached(BODY);
            Clock later = Clock.fixed(EC.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)),
                    ZoneOffset.UTC);

            SignatureVerificationException e = refusal(() -> verifier.withClock(later).verifyDetached(jws, BODY));

            assertThat(((CertificateValidationException) e.getCause()).failure())
                    .isEqualTo(CertificateFailure.EXPIRED);
            assertThat(verifier.withClock(Clock.fixed(signedAt, ZoneOffset.UTC)).verifyDetached(jws, BODY)
                    .certificationPath().validationTime()).isEqualTo(signedAt);
        }

        @Test
        void aCertificateNotForSigningIsRefused() {
            Issued encipherOnly = Pki.certificate("encipherment only").issuer(INTERMEDIATE)
                    .keyUsage(KeyUsage.keyAgreement).build();
            JwsSigner signer = JwsSigner.builder().keyMaterial(encipherOnly.keyMaterial()).clock(CLOCK).build();

            assertThat(refusal(() -> verifier.verify(signer.sign(BODY))).code())
                    .isEqualTo("jws_certificate_not_for_signing");
        }

        @Test
        void aRevokedSignerIsUntrustedWithTheRevocationAsCause() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(INTERMEDIATE);
                 OkHttpTransport transport = OkHttpTransport.builder().build()) {
                Issued revoked = Pki.certificate("revoked signer").issuer(INTERMEDIATE)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(revoked.certificate(), r -> r.revoked(Pki.NOW.minus(Duration.ofHours(2)),
                        org.bouncycastle.asn1.x509.CRLReason.keyCompromise));
                JwsVerifier checking = JwsVerifier.builder().clock(CLOCK).certificateValidator(
                        CertificateValidator.builder().trustAnchors(TrustAnchors.of(ROOT.certificate()))
                                .revocationChecking(RevocationChecking.LEAF).ocspFetching(transport).build()).build();
                JwsSigner signer = JwsSigner.builder().keyMaterial(revoked.keyMaterial()).clock(CLOCK).build();

                SignatureVerificationException e = refusal(() -> checking.verify(signer.sign(BODY)));

                CertificateValidationException cause = (CertificateValidationException) e.getCause();
                assertThat(cause.failure()).isEqualTo(CertificateFailure.REVOKED);
                assertThat(cause.revocationReason()).contains(java.security.cert.CRLReason.KEY_COMPROMISE);
                assertThat(e).hasMessageContaining("certificate_revoked");
            }
        }
    }

    @Test
    void theBuilderNeedsAValidatorAndAnAlgorithm() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JwsVerifier.builder().build())
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JwsVerifier.builder().allowedAlgorithms(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] unsigned(java.math.BigInteger n) {
        byte[] b = n.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(b.length, 32);
        System.arraycopy(b, b.length - copy, out, 32 - copy, copy);
        return out;
    }
}
