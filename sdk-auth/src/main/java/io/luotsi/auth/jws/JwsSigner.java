package io.luotsi.auth.jws;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import io.luotsi.core.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signs request and response bodies as JWS (RFC 7515) with the signer's certificate chain in {@code x5c}: in compact
 * serialisation with the payload embedded, or with the payload detached and unencoded (RFC 7797: {@code b64: false},
 * listed in {@code crit}), so that the body travels as it is and the signature alongside it (in a header, say).
 * Immutable and thread-safe; build one per key and share it.
 *
 * <pre>{@code
 * JwsSigner signer = JwsSigner.builder()
 *     .keyMaterial(KeyMaterial.fromPkcs12(Path.of("sign.p12"), password))
 *     .algorithm(JwsAlgorithm.PS256)            // default: RS256, ES256 or EdDSA by key type
 *     .build();
 *
 * String detached = signer.signDetached(body);  // "eyJ...header..signature", payload left out
 * String compact = signer.sign(body);           // "header.payload.signature"
 * try (InputStream in = Files.newInputStream(upload)) {
 *     String jws = signer.signDetached(in);     // streams: the body is never held in memory
 * }
 * }</pre>
 *
 * <p>The header holds {@code alg}, {@code x5c} (the key material's chain, leaf first) and, when set, {@code kid};
 * nothing a verifier would need to fetch. {@link JwsVerifier} checks what this class makes, and so does any JOSE
 * library that takes the key from {@code x5c}.
 *
 * <p>Before each signature the chain is checked to be valid at the signer's {@link Clock}: a signer never produces a
 * signature that its own certificate makes invalid. Keys of a PKCS#11 token sign on the token.
 */
public final class JwsSigner {

    /** The {@code typ} of batch roots, which only {@link BatchSigner} may produce. */
    static final String BATCH_ROOT_TYPE = "luotsi-batch-root+json";

    private final KeyMaterial keyMaterial;
    private final JwsAlgorithm algorithm;
    private final String keyId;
    private final Clock clock;
    private final byte[] embeddedHeader;
    private final byte[] detachedHeader;
    private final byte[] batchRootHeader;

    private JwsSigner(Builder b) {
        this.keyMaterial = b.keyMaterial;
        this.algorithm = b.algorithm;
        this.keyId = b.keyId;
        this.clock = b.clock;
        List<Base64> x5c = new ArrayList<>();
        for (X509Certificate c : keyMaterial.certificateChain().certificates()) {
            try {
                x5c.add(Base64.encode(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new ConfigurationException("the certificate chain of the signing key cannot be encoded", e);
            }
        }
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.jwsName())).x509CertChain(x5c);
        if (keyId != null) {
            header.keyID(keyId);
        }
        this.embeddedHeader = ascii(header.build().toBase64URL().toString());
        this.detachedHeader = ascii(new JWSHeader.Builder(header.build()).base64URLEncodePayload(false)
                .criticalParams(Set.of("b64")).build().toBase64URL().toString());
        this.batchRootHeader = ascii(new JWSHeader.Builder(header.build())
                .type(new JOSEObjectType(BATCH_ROOT_TYPE)).build().toBase64URL().toString());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs the payload and embeds it: {@code BASE64URL(header).BASE64URL(payload).BASE64URL(signature)}.
     *
     * @throws ConfigurationException when the certificate chain is not valid at the clock's time, or the key cannot
     *     sign (a token that was removed, say)
     */
    public String sign(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        String signature = signature(embeddedHeader, new ByteArrayInputStream(payload), true);
        String encodedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        return new String(embeddedHeader, StandardCharsets.US_ASCII) + "." + encodedPayload + "." + signature;
    }

    /**
     * Signs the payload as it is (RFC 7797, {@code b64: false}) and leaves it out:
     * {@code BASE64URL(header)..BASE64URL(signature)}. The verifier needs the same bytes.
     */
    public String signDetached(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return signDetached(new ByteArrayInputStream(payload));
    }

    /**
     * Signs the payload read from the stream, to its end, as it is (RFC 7797), and leaves it out. The stream is read
     * once in chunks and not closed.
     *
     * @throws UncheckedIOException when the stream fails
     */
    public String signDetached(InputStream payload) {
        Objects.requireNonNull(payload, "payload");
        return new String(detachedHeader, StandardCharsets.US_ASCII) + ".."
                + signature(detachedHeader, payload, false);
    }

    /** A batch root: the payload embedded, the header typed {@value #BATCH_ROOT_TYPE}. */
    String signBatchRoot(byte[] payload) {
        String signature = signature(batchRootHeader, new ByteArrayInputStream(payload), true);
        return new String(batchRootHeader, StandardCharsets.US_ASCII) + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + signature;
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    public CertificateChain certificateChain() {
        return keyMaterial.certificateChain();
    }

    @Override
    public String toString() {
        return "JwsSigner[" + algorithm.jwsName() + ", " + keyMaterial + "]";
    }

    private String signature(byte[] header, InputStream payload, boolean base64Payload) {
        keyMaterial.requireValidAt(clock);
        try {
            Signature s = JcaSignatures.newSignature(algorithm, keyMaterial.provider().orElse(null));
            s.initSign(keyMaterial.privateKey());
            JcaSignatures.update(s, header, payload, base64Payload);
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JcaSignatures.toJose(algorithm, s.sign()));
        } catch (IOException e) {
            if (e.getCause() instanceof GeneralSecurityException g) {
                throw signingFailed(g);
            }
            throw new UncheckedIOException("reading the payload to sign failed", e);
        } catch (GeneralSecurityException | java.security.ProviderException e) {
            throw signingFailed(e);
        }
    }

    private ConfigurationException signingFailed(Exception e) {
        return new ConfigurationException("cannot sign with " + keyMaterial + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Builds a {@link JwsSigner}. Key material is required. */
    public static final class Builder {
        private KeyMaterial keyMaterial;
        private JwsAlgorithm algorithm;
        private String keyId;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The private key and the chain that goes into {@code x5c}. */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        /** The algorithm; by default RS256 for RSA keys, ES256 for P-256 keys and EdDSA for Ed25519 keys. */
        public Builder algorithm(JwsAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** A {@code kid} header, for the verifier's information (it never selects the key: {@code x5c} does). */
        public Builder keyId(String keyId) {
            Objects.requireNonNull(keyId, "keyId");
            if (keyId.isEmpty()) {
                throw new IllegalArgumentException("keyId is empty");
            }
            this.keyId = keyId;
            return this;
        }

        /** The clock the chain's validity is checked against before each signature; system UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @throws IllegalStateException    when no key material was given
         * @throws IllegalArgumentException when the algorithm does not fit the key (ES256 with an RSA key, RSA under
         *     2048 bits), or no algorithm fits it
         */
        public JwsSigner build() {
            if (keyMaterial == null) {
                throw new IllegalStateException("keyMaterial is required");
            }
            X509Certificate leaf = keyMaterial.certificate();
            if (algorithm == null) {
                algorithm = JwsAlgorithm.defaultFor(leaf.getPublicKey()).orElseThrow(() ->
                        new IllegalArgumentException("no JWS algorithm fits the " + leaf.getPublicKey().getAlgorithm()
                                + " key; Luotsi signs with RSA (2048 bits or more), EC P-256 or Ed25519 keys"));
            }
            String misfit = algorithm.fits(leaf.getPublicKey());
            if (misfit != null) {
                throw new IllegalArgumentException(algorithm.jwsName() + " " + misfit);
            }
            return new JwsSigner(this);
        }
    }
}
