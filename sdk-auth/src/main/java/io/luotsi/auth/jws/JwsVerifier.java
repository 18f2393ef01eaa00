package io.luotsi.auth.jws;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.pki.CertificateValidationException;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.auth.pki.ValidatedPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies JWS signatures made by {@link JwsSigner} or any JOSE library that puts the signer's chain in {@code x5c}:
 * the signature first, then the chain against trust anchors at the verifier's time. Immutable and thread-safe.
 *
 * <pre>{@code
 * JwsVerifier verifier = JwsVerifier.builder()
 *     .certificateValidator(CertificateValidator.builder().trustAnchors(anchors).build())
 *     .allowedAlgorithms(JwsAlgorithm.PS256, JwsAlgorithm.ES256)   // default: all of JwsAlgorithm
 *     .build();
 *
 * VerifiedJws v = verifier.verifyDetached(jwsHeaderValue, body);  // detached, b64=false or b64=true
 * log.info("signed by {}", v.subject());
 * VerifiedJws w = verifier.verify(compactJws);                    // embedded payload: w.payload()
 * }</pre>
 *
 * <p>What is checked, in order; each failure is a {@link SignatureVerificationException} with a stable code:
 * <ol>
 *   <li>the token is three base64url parts with a JSON header (at most 20 000 characters) —
 *       {@code jws_malformed};
 *   <li>{@code alg} is on the allow-list; there is no {@code none} and no HMAC — {@code jws_algorithm_not_allowed};
 *   <li>no {@code jwk}, {@code jku} or {@code x5u}: the token never chooses its own key —
 *       {@code jws_header_not_allowed};
 *   <li>every {@code crit} name is understood (only {@code b64}) and present; {@code b64} is listed in {@code crit}
 *       — {@code jws_critical_header_not_supported} / {@code jws_malformed};
 *   <li>{@code x5c} is present — {@code jws_missing_certificate} — and its leaf key fits {@code alg} (RS256 needs
 *       RSA of 2048 bits or more, ES256 P-256, EdDSA Ed25519): no algorithm confusion —
 *       {@code jws_algorithm_not_allowed};
 *   <li>the signature verifies with the leaf's key — {@code jws_invalid_signature};
 *   <li>the leaf's key usage allows signing — {@code jws_certificate_not_for_signing};
 *   <li>{@code x5c} is a chain and validates to a trust anchor at the time of {@link Builder#clock(Clock)} (with the
 *       validator's revocation checking) — {@code jws_untrusted_chain}, whose cause says why.
 * </ol>
 * An {@code x5t#S256} header, when present, must be the leaf's thumbprint. The payload is never part of a message.
 */
public final class JwsVerifier {

    /** Nimbus's limit on a header's JSON text. */
    private static final int MAX_HEADER_CHARS = Header.MAX_HEADER_STRING_LENGTH;
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("b64");
    private static final Set<String> KEY_SELECTING_HEADERS = Set.of("jwk", "jku", "x5u");

    private final CertificateValidator validator;
    private final Set<JwsAlgorithm> allowed;
    private final Clock clock;
    private final long maxTokenChars;
    private final int maxChainLength;

    private JwsVerifier(CertificateValidator validator, Set<JwsAlgorithm> allowed, Clock clock, long maxTokenChars,
                        int maxChainLength) {
        this.validator = validator;
        this.allowed = allowed;
        this.clock = clock;
        this.maxTokenChars = maxTokenChars;
        this.maxChainLength = maxChainLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sibling that validates chains at this clock's time, e.g. {@code Clock.fixed(signingTime, UTC)}. */
    public JwsVerifier withClock(Clock clock) {
        return new JwsVerifier(validator, allowed, Objects.requireNonNull(clock, "clock"), maxTokenChars,
                maxChainLength);
    }

    /**
     * Verifies a JWS with an embedded payload and returns it with the payload.
     *
     * @throws SignatureVerificationException when any check fails
     */
    public VerifiedJws verify(String jws) {
        Objects.requireNonNull(jws, "jws");
        Parsed p = parse(jws, false);
        if (p.payloadPart().isEmpty()) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS payload is detached; verify "
                    + "it with verifyDetached and the payload");
        }
        byte[] payload;
        if (p.header().isBase64URLEncodePayload()) {
            payload = decode(p.payloadPart(), "payload");
            verifySignature(p, new ByteArrayInputStream(payload), true);
        } else {
            // RFC 7797 with an attached payload: the payload part is the payload itself.
            payload = p.payloadPart().getBytes(StandardCharsets.UTF_8);
            verifySignature(p, new ByteArrayInputStream(payload), false);
        }
        return new VerifiedJws(p.algorithm(), p.header().getKeyID(), validate(p), payload);
    }

    /**
     * Verifies a JWS whose payload is detached ({@code header..signature}) against the payload's bytes. Both RFC 7797
     * unencoded payloads ({@code b64: false}) and RFC 7515 appendix F detached payloads are accepted.
     *
     * @throws SignatureVerificationException when any check fails
     */
    public VerifiedJws verifyDetached(String jws, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return verifyDetached(jws, new ByteArrayInputStream(payload));
    }

    /**
     * Verifies a detached JWS against the payload read from the stream to its end (in chunks; not closed).
     *
     * @throws SignatureVerificationException when any check fails
     * @throws UncheckedIOException           when the stream fails
     */
    public VerifiedJws verifyDetached(String jws, InputStream payload) {
        Objects.requireNonNull(jws, "jws");
        Objects.requireNonNull(payload, "payload");
        Parsed p = parse(jws, false);
        if (!p.payloadPart().isEmpty()) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "a detached JWS must have an empty "
                    + "payload part, but this one carries a payload");
        }
        verifySignature(p, payload, p.header().isBase64URLEncodePayload());
        return new VerifiedJws(p.algorithm(), p.header().getKeyID(), validate(p), null);
    }

    /** Verifies a batch root made by {@link BatchSigner}: typed as one, payload embedded. */
    VerifiedJws verifyBatchRoot(String jws) {
        Parsed p = parse(jws, true);
        if (p.payloadPart().isEmpty() || !p.header().isBase64URLEncodePayload()) {
            throw new SignatureVerificationException(SignatureFailure.BATCH_PROOF_MALFORMED, "a batch root is a JWS "
                    + "with an embedded, base64url-encoded payload");
        }
        byte[] payload = decode(p.payloadPart(), "payload");
        verifySignature(p, new ByteArrayInputStream(payload), true);
        return new VerifiedJws(p.algorithm(), p.header().getKeyID(), validate(p), payload);
    }

    /** The time chains are validated at, now. */
    Instant now() {
        return clock.instant();
    }

    @Override
    public String toString() {
        return "JwsVerifier[" + allowed + ", " + validator + "]";
    }

    /** A token split and its header checked, before any signature is. */
    private record Parsed(JWSHeader header, byte[] encodedHeader, String payloadPart, byte[] signature,
                          JwsAlgorithm algorithm, List<X509Certificate> chain) {
    }

    private Parsed parse(String jws, boolean batchRoot) {
        if (jws.length() > maxTokenChars) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS is " + jws.length()
                    + " characters, more than the limit of " + maxTokenChars);
        }
        int first = jws.indexOf('.');
        int second = first < 0 ? -1 : jws.indexOf('.', first + 1);
        if (first < 0 || second < 0 || jws.indexOf('.', second + 1) >= 0) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "a JWS in compact serialisation has "
                    + "three parts separated by dots");
        }
        String headerPart = jws.substring(0, first);
        String payloadPart = jws.substring(first + 1, second);
        String signaturePart = jws.substring(second + 1);
        if (headerPart.length() > MAX_HEADER_CHARS * 4 / 3 + 4) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS header is longer than "
                    + MAX_HEADER_CHARS + " characters");
        }
        requireBase64Url(headerPart, "header");
        requireBase64Url(signaturePart, "signature");
        Base64URL encodedHeader = new Base64URL(headerPart);
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(decode(headerPart, "header"), StandardCharsets.UTF_8),
                    MAX_HEADER_CHARS);
        } catch (ParseException e) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS header is not a JSON object",
                    e);
        }
        Object alg = json.get("alg");
        if (!(alg instanceof String algName)) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS header has no alg");
        }
        JwsAlgorithm algorithm = JwsAlgorithm.fromJwsName(algName).filter(allowed::contains).orElseThrow(() ->
                new SignatureVerificationException(SignatureFailure.ALGORITHM_NOT_ALLOWED, "alg '" + printable(algName)
                        + "' is not allowed; allowed are " + allowed.stream().map(JwsAlgorithm::jwsName).toList()));
        for (String name : KEY_SELECTING_HEADERS) {
            if (json.containsKey(name)) {
                throw new SignatureVerificationException(SignatureFailure.HEADER_NOT_ALLOWED, "the JWS header has '"
                        + name + "', which would let the token choose its own key; the key comes from x5c only");
            }
        }
        JWSHeader header;
        try {
            header = JWSHeader.parse(json, encodedHeader);
        } catch (ParseException | RuntimeException e) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS header is not valid ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        checkCritical(json, header);
        boolean typedBatchRoot = header.getType() != null
                && JwsSigner.BATCH_ROOT_TYPE.equals(header.getType().getType());
        if (typedBatchRoot != batchRoot) {
            throw new SignatureVerificationException(batchRoot ? SignatureFailure.BATCH_PROOF_MALFORMED
                    : SignatureFailure.TYPE_NOT_ALLOWED, batchRoot ? "the root of a batch proof is not typed "
                    + JwsSigner.BATCH_ROOT_TYPE : "the JWS is a batch root (typ " + JwsSigner.BATCH_ROOT_TYPE
                    + "), not a signature of a message; verify it as part of a batch proof");
        }
        List<X509Certificate> chain = chain(header);
        PublicKey key = chain.get(0).getPublicKey();
        String misfit = algorithm.fits(key);
        if (misfit != null) {
            throw new SignatureVerificationException(SignatureFailure.ALGORITHM_NOT_ALLOWED, "alg "
                    + algorithm.jwsName() + " does not fit the signer's certificate: it " + misfit);
        }
        if (header.getX509CertSHA256Thumbprint() != null) {
            byte[] expected = header.getX509CertSHA256Thumbprint().decode();
            if (!MessageDigest.isEqual(expected, sha256(chain.get(0)))) {
                throw new SignatureVerificationException(SignatureFailure.MALFORMED, "x5t#S256 is not the thumbprint "
                        + "of the x5c leaf certificate");
            }
        }
        return new Parsed(header, headerPart.getBytes(StandardCharsets.US_ASCII), payloadPart,
                decode(signaturePart, "signature"), algorithm, chain);
    }

    private static void checkCritical(Map<String, Object> json, JWSHeader header) {
        Object crit = json.get("crit");
        if (crit != null) {
            if (!(crit instanceof List<?> names) || names.isEmpty()) {
                throw new SignatureVerificationException(SignatureFailure.MALFORMED, "crit must be a non-empty array "
                        + "of header names");
            }
            for (Object name : names) {
                if (!(name instanceof String s)) {
                    throw new SignatureVerificationException(SignatureFailure.MALFORMED, "crit must list header names");
                }
                if (!UNDERSTOOD_CRITICAL.contains(s)) {
                    throw new SignatureVerificationException(SignatureFailure.CRITICAL_HEADER_NOT_SUPPORTED,
                            "crit names '" + printable(s) + "', an extension this verifier does not implement");
                }
                if (!json.containsKey(s)) {
                    throw new SignatureVerificationException(SignatureFailure.MALFORMED, "crit names '" + s
                            + "', which the header does not have");
                }
            }
        }
        if (json.containsKey("b64")) {
            if (!(json.get("b64") instanceof Boolean)) {
                throw new SignatureVerificationException(SignatureFailure.MALFORMED, "b64 must be true or false");
            }
            Set<String> critical = header.getCriticalParams();
            if (critical == null || !critical.contains("b64")) {
                throw new SignatureVerificationException(SignatureFailure.MALFORMED, "b64 must be listed in crit "
                        + "(RFC 7797 section 6)");
            }
        }
    }

    private List<X509Certificate> chain(JWSHeader header) {
        List<Base64> x5c = header.getX509CertChain();
        if (x5c == null || x5c.isEmpty()) {
            throw new SignatureVerificationException(SignatureFailure.MISSING_CERTIFICATE, "the JWS header has no x5c "
                    + "certificate chain; the signer must include its certificate");
        }
        if (x5c.size() > maxChainLength) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "x5c has " + x5c.size()
                    + " certificates, more than the limit of " + maxChainLength);
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < x5c.size(); i++) {
                try {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(x5c.get(i).decode())));
                } catch (CertificateException | RuntimeException e) {
                    throw new SignatureVerificationException(SignatureFailure.MALFORMED, "x5c certificate #" + (i + 1)
                            + " is not a DER X.509 certificate", e);
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK reads X.509", e);
        }
        return chain;
    }

    private static void verifySignature(Parsed p, InputStream payload, boolean base64Payload) {
        byte[] jca = JcaSignatures.toJca(p.algorithm(), p.signature());
        if (jca == null) {
            throw invalidSignature(p, null);
        }
        boolean valid;
        try {
            Signature s = JcaSignatures.newSignature(p.algorithm(), null);
            s.initVerify(p.chain().get(0).getPublicKey());
            JcaSignatures.update(s, p.encodedHeader(), payload, base64Payload);
            valid = s.verify(jca);
        } catch (IOException e) {
            if (e.getCause() instanceof GeneralSecurityException g) {
                throw invalidSignature(p, g);
            }
            throw new UncheckedIOException("reading the signed payload failed", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalidSignature(p, e);
        }
        if (!valid) {
            throw invalidSignature(p, null);
        }
        X509Certificate leaf = p.chain().get(0);
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !(usage[0] || usage.length > 1 && usage[1])) {
            throw new SignatureVerificationException(SignatureFailure.CERTIFICATE_NOT_FOR_SIGNING, "the signer's "
                    + "certificate (" + describe(leaf) + ") has a key usage without digitalSignature or "
                    + "nonRepudiation");
        }
    }

    private static SignatureVerificationException invalidSignature(Parsed p, Exception cause) {
        return new SignatureVerificationException(SignatureFailure.INVALID_SIGNATURE, "the " + p.algorithm().jwsName()
                + " signature does not verify with the key of the x5c certificate (" + describe(p.chain().get(0))
                + ")", cause);
    }

    private ValidatedPath validate(Parsed p) {
        CertificateChain chain;
        try {
            chain = new CertificateChain(p.chain());
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(SignatureFailure.UNTRUSTED_CHAIN, "x5c is not a certificate "
                    + "chain: " + e.getMessage());
        }
        try {
            return validator.validate(chain, clock.instant());
        } catch (CertificateValidationException e) {
            throw new SignatureVerificationException(SignatureFailure.UNTRUSTED_CHAIN, "the signer's certificate "
                    + "chain is not trusted (" + e.code() + "): " + e.getMessage(), e);
        }
    }

    private static void requireBase64Url(String part, String what) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS " + what
                        + " is not base64url without padding");
            }
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return java.util.Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(SignatureFailure.MALFORMED, "the JWS " + what
                    + " is not base64url", e);
        }
    }

    private static byte[] sha256(X509Certificate c) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A header value for a message: at most 40 printable ASCII characters. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }

    static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + ", serial 0x" + c.getSerialNumber().toString(16);
    }

    /** Builds a {@link JwsVerifier}. The certificate validator is required. */
    public static final class Builder {
        private CertificateValidator validator;
        private Set<JwsAlgorithm> allowed = EnumSet.allOf(JwsAlgorithm.class);
        private Clock clock = Clock.systemUTC();
        private long maxTokenChars = 16L * 1024 * 1024;
        private int maxChainLength = 10;

        private Builder() {
        }

        /** Validates the {@code x5c} chain: trust anchors, intermediates, revocation. */
        public Builder certificateValidator(CertificateValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** The algorithms accepted; all of {@link JwsAlgorithm} by default. */
        public Builder allowedAlgorithms(JwsAlgorithm... algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            return allowedAlgorithms(List.of(algorithms));
        }

        /** The algorithms accepted; all of {@link JwsAlgorithm} by default. */
        public Builder allowedAlgorithms(Collection<JwsAlgorithm> algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm must be allowed");
            }
            this.allowed = EnumSet.copyOf(algorithms);
            return this;
        }

        /** The time certificate chains are validated at; system UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The longest token {@link #verify(String)} accepts, in characters; 16 MiB by default. */
        public Builder maxTokenLength(long chars) {
            if (chars < 16) {
                throw new IllegalArgumentException("maxTokenLength is too small: " + chars);
            }
            this.maxTokenChars = chars;
            return this;
        }

        /** The most certificates {@code x5c} may hold; 10 by default. */
        public Builder maxChainLength(int certificates) {
            if (certificates < 1) {
                throw new IllegalArgumentException("maxChainLength must be positive, was " + certificates);
            }
            this.maxChainLength = certificates;
            return this;
        }

        /** @throws IllegalStateException when no certificate validator was given */
        public JwsVerifier build() {
            if (validator == null) {
                throw new IllegalStateException("certificateValidator is required");
            }
            return new JwsVerifier(validator, java.util.Collections.unmodifiableSet(EnumSet.copyOf(allowed)), clock,
                    maxTokenChars, maxChainLength);
        }
    }
}
