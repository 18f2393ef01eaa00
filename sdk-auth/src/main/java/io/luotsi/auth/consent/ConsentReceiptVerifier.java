package io.luotsi.auth.consent;

import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.jws.JwsAlgorithm;
import io.luotsi.auth.jws.JwsVerifier;
import io.luotsi.auth.jws.SignatureVerificationException;
import io.luotsi.auth.jws.VerifiedJws;
import io.luotsi.auth.pki.CertificateValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies consent receipts issued as compact JWS ({@link ConsentReceiptIssuer} or any issuer that signs the Kantara
 * JSON with its chain in {@code x5c}). Immutable and thread-safe.
 *
 * <pre>{@code
 * ConsentReceiptVerifier verifier = ConsentReceiptVerifier.builder()
 *     .trustAnchors(TrustAnchors.fromPem(Path.of("consent-issuers.pem")))
 *     .trustedIssuers("https://consent.agency.example")
 *     .revocationCheck(receiptId -> withdrawn.contains(receiptId))
 *     .build();
 * ConsentReceiptEvidence evidence = verifier.verify(jws, clock.instant());
 * }</pre>
 *
 * Checked, in order; each failure is a {@link ConsentException} with the reason in brackets:
 * <ol>
 *   <li>the signature: RS256 or ES256 (by default), the key from {@code x5c}, the chain valid to a trust anchor at the
 *       time given; a forged or tampered token fails here [{@code invalid_evidence}];
 *   <li>the payload is a Kantara receipt {@value ConsentReceipt#VERSION} with the JWT claims and a processor
 *       [{@code invalid_evidence}];
 *   <li>{@code iss} is one of the trusted issuers, when they are configured [{@code invalid_evidence}];
 *   <li>{@code exp} is after the time, {@code iat} before it (with the clock skew allowed) [{@code expired},
 *       {@code not_yet_valid}];
 *   <li>the revocation check does not know the receipt id as revoked [{@code revoked}].
 * </ol>
 * Whether the receipt covers a request (subject, purpose, client, categories) is
 * {@link ConsentReceiptEvidence#check(AuthorizationRequest)}.
 */
public final class ConsentReceiptVerifier {

    private final JwsVerifier jws;
    private final Set<String> trustedIssuers;
    private final RevocationCheck revocation;
    private final Duration clockSkew;
    private final int maxTokenLength;

    private ConsentReceiptVerifier(Builder b, JwsVerifier jws) {
        this.jws = jws;
        this.trustedIssuers = Set.copyOf(b.trustedIssuers);
        this.revocation = b.revocation;
        this.clockSkew = b.clockSkew;
        this.maxTokenLength = b.maxTokenLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a receipt at a time.
     *
     * @throws ConsentException when it does not verify, is not valid at {@code at}, or was revoked
     */
    public ConsentReceiptEvidence verify(String token, Instant at) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(at, "at");
        if (token.length() > maxTokenLength) {
            throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "the consent receipt is " + token.length()
                    + " characters long, more than the limit of " + maxTokenLength);
        }
        VerifiedJws verified;
        try {
            verified = jws.withClock(Clock.fixed(at, ZoneOffset.UTC)).verify(token);
        } catch (SignatureVerificationException e) {
            throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "the consent receipt's signature does not "
                    + "verify (" + e.code() + ")", e);
        }
        ConsentReceipt receipt;
        try {
            receipt = ConsentReceiptJson.read(verified.payload().orElseThrow());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "the signed payload is not a Kantara consent "
                    + "receipt " + ConsentReceipt.VERSION + " with iss, iat, exp, jti, sub and processor: "
                    + e.getMessage(), e);
        }
        if (!trustedIssuers.isEmpty() && !trustedIssuers.contains(receipt.issuer())) {
            throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "consent receipt " + receipt.consentReceiptId()
                    + " comes from issuer " + receipt.issuer() + ", which is not trusted");
        }
        if (!at.isBefore(receipt.expiresAt())) {
            throw new ConsentException(RefusalReason.EXPIRED, "consent receipt " + receipt.consentReceiptId()
                    + " expired at " + receipt.expiresAt());
        }
        if (at.isBefore(receipt.issuedAt().minus(clockSkew))) {
            throw new ConsentException(RefusalReason.NOT_YET_VALID, "consent receipt " + receipt.consentReceiptId()
                    + " is valid from " + receipt.issuedAt());
        }
        boolean revoked;
        try {
            revoked = revocation.isRevoked(receipt.consentReceiptId());
        } catch (RuntimeException e) {
            throw new ConsentException(RefusalReason.SERVICE_UNAVAILABLE, "the revocation check of consent receipt "
                    + receipt.consentReceiptId() + " failed (" + e.getClass().getSimpleName() + ")", e);
        }
        if (revoked) {
            throw new ConsentException(RefusalReason.REVOKED, "consent receipt " + receipt.consentReceiptId()
                    + " was revoked");
        }
        return new ConsentReceiptEvidence(receipt, token, clockSkew);
    }

    @Override
    public String toString() {
        return "ConsentReceiptVerifier[" + jws + (trustedIssuers.isEmpty() ? "" : ", issuers " + trustedIssuers) + "]";
    }

    /** Builds a {@link ConsentReceiptVerifier}: trust anchors, a certificate validator or a JWS verifier is required. */
    public static final class Builder {
        private JwsVerifier jwsVerifier;
        private CertificateValidator validator;
        private Set<String> trustedIssuers = Set.of();
        private RevocationCheck revocation = RevocationCheck.NONE;
        private Duration clockSkew = Duration.ofSeconds(60);
        private int maxTokenLength = 64 * 1024;
        private List<JwsAlgorithm> algorithms = List.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256);

        private Builder() {
        }

        /** Trust receipts signed by certificates that chain to these anchors (no revocation checking of the chain). */
        public Builder trustAnchors(TrustAnchors anchors) {
            Objects.requireNonNull(anchors, "anchors");
            return certificateValidator(CertificateValidator.builder().trustAnchors(anchors).build());
        }

        /** Validates the signers' chains (trust anchors, intermediates, OCSP). */
        public Builder certificateValidator(CertificateValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** A JWS verifier configured elsewhere; overrides trust anchors, validator and algorithms. */
        public Builder jwsVerifier(JwsVerifier verifier) {
            this.jwsVerifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** The signature algorithms accepted; RS256 and ES256 by default. */
        public Builder algorithms(JwsAlgorithm... algorithms) {
            this.algorithms = List.of(algorithms);
            return this;
        }

        /** Accept receipts of these issuers ({@code iss}) only; any issuer with a trusted chain by default. */
        public Builder trustedIssuers(String... issuers) {
            this.trustedIssuers = Set.of(issuers);
            return this;
        }

        public Builder revocationCheck(RevocationCheck check) {
            this.revocation = Objects.requireNonNull(check, "check");
            return this;
        }

        /** How far {@code iat} may be in the future (clocks differ); 60 s by default. {@code exp} is exact. */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew is negative");
            }
            this.clockSkew = skew;
            return this;
        }

        /** The longest token accepted, in characters (64 KiB by default). */
        public Builder maxTokenLength(int chars) {
            if (chars < 64) {
                throw new IllegalArgumentException("maxTokenLength is too small: " + chars);
            }
            this.maxTokenLength = chars;
            return this;
        }

        /** @throws IllegalStateException without trust anchors, a validator or a JWS verifier */
        public ConsentReceiptVerifier build() {
            JwsVerifier v = jwsVerifier;
            if (v == null) {
                if (validator == null) {
                    throw new IllegalStateException("trust anchors, a certificate validator or a JWS verifier is "
                            + "required");
                }
                v = JwsVerifier.builder().certificateValidator(validator).allowedAlgorithms(algorithms)
                        .maxTokenLength(maxTokenLength).build();
            }
            return new ConsentReceiptVerifier(this, v);
        }
    }
}
