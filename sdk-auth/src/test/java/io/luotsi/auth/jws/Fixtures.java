package io.luotsi.auth.jws;

import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.testing.Pki.Issued;
import io.luotsi.auth.testing.Pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Signers of every key type under one CA, verifiers anchored at it, and a hand-made token writer for attacks. */
final class Fixtures {

    static final Clock CLOCK = Clock.fixed(Pki.NOW, ZoneOffset.UTC);
    static final Issued ROOT = Pki.root("JWS Root");
    static final Issued INTERMEDIATE = Pki.intermediate("JWS Intermediate", ROOT);
    static final Issued RSA = Pki.signer("rsa-signer", INTERMEDIATE, KeyType.RSA_2048);
    static final Issued EC = Pki.signer("ec-signer", INTERMEDIATE, KeyType.EC_P256);
    static final Issued ED25519 = Pki.signer("ed25519-signer", INTERMEDIATE, KeyType.ED25519);

    private Fixtures() {
    }

    static Issued signerFor(JwsAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256, PS256 -> RSA;
            case ES256 -> EC;
            case EDDSA -> ED25519;
        };
    }

    static JwsSigner signer(JwsAlgorithm algorithm) {
        return JwsSigner.builder().keyMaterial(signerFor(algorithm).keyMaterial()).algorithm(algorithm).clock(CLOCK)
                .build();
    }

    static CertificateValidator validator() {
        return CertificateValidator.builder().trustAnchors(TrustAnchors.of(ROOT.certificate())).build();
    }

    static JwsVerifier verifier() {
        return JwsVerifier.builder().certificateValidator(validator()).clock(CLOCK).build();
    }

    static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64url(String text) {
        return b64url(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToString(String b64url) {
        return new String(Base64.getUrlDecoder().decode(b64url), StandardCharsets.UTF_8);
    }

    /** The x5c value of a chain: standard base64 DER, as RFC 7515 section 4.1.6 says. */
    static String x5c(List<X509Certificate> chain) {
        return chain.stream().map(c -> {
            try {
                return "\"" + Base64.getEncoder().encodeToString(c.getEncoded()) + "\"";
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * A token written by hand, independently of the code under test: any header JSON, any payload part, signed with
     * JCA over the JWS signing input. ES256 signatures are converted to R || S here.
     */
    static String handMade(String headerJson, String payloadPart, JwsAlgorithm algorithm, PrivateKey key) {
        String header = b64url(headerJson);
        byte[] input = (header + "." + payloadPart).getBytes(StandardCharsets.US_ASCII);
        return header + "." + payloadPart + "." + b64url(sign(algorithm, key, input));
    }

    static byte[] sign(JwsAlgorithm algorithm, PrivateKey key, byte[] input) {
        try {
            Signature s;
            switch (algorithm) {
                case RS256 -> s = Signature.getInstance("SHA256withRSA");
                case PS256 -> {
                    s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                            java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                }
                case ES256 -> s = Signature.getInstance("SHA256withECDSAinP1363Format");
                default -> s = Signature.getInstance("Ed25519");
            }
            s.initSign(key);
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
