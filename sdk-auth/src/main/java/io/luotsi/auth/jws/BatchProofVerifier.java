package io.luotsi.auth.jws;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a {@link BatchProof} against its message, without the rest of the batch. Thread-safe; build one and share
 * it, since it remembers roots it has verified.
 *
 * <pre>{@code
 * BatchProofVerifier proofs = BatchProofVerifier.builder()
 *     .jwsVerifier(jwsVerifier)          // trust anchors, algorithms, clock
 *     .build();
 *
 * VerifiedBatchProof v = proofs.verify(BatchProof.fromJson(json), body);
 * v.root().subject();                    // who signed the batch
 * }</pre>
 *
 * <p>The checks, each failure a {@link SignatureVerificationException}:
 * <ol>
 *   <li>{@code H(0x00 || message)} equals the proof's leaf hash — {@code batch_proof_mismatch};
 *   <li>the root JWS verifies as {@link JwsVerifier} verifies any JWS (signature, algorithm, {@code x5c} chain at the
 *       verifier's time), is typed as a batch root, and names the proof's hash algorithm and batch size — the
 *       {@code jws_*} codes, or {@code batch_proof_malformed};
 *   <li>the path leads from the leaf to the signed root hash (RFC 9162 section 2.1.3.2) — {@code batch_proof_invalid}.
 * </ol>
 *
 * <p>Every message of a batch shares one root, so a verified root is remembered (by its exact JWS text) for
 * {@link Builder#rootCacheTtl(Duration)} of the verifier's clock, at most until the signer's certificate expires, and
 * then verified again; the cache holds at most {@link Builder#rootCacheSize(int)} roots. Verifying a proof with a
 * remembered root costs the message hash and one hash per level of the tree.
 */
public final class BatchProofVerifier {

    private static final JsonCodec JSON = JacksonJsonCodec.create(new JacksonJsonCodec.Limits(4, 1024, 32, 4096,
            64));

    private final JwsVerifier verifier;
    private final int cacheSize;
    private final Duration cacheTtl;
    private final ConcurrentHashMap<String, VerifiedRoot> roots = new ConcurrentHashMap<>();

    private BatchProofVerifier(Builder b) {
        this.verifier = b.verifier;
        this.cacheSize = b.cacheSize;
        this.cacheTtl = b.cacheTtl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies that the message is the one the proof is for, and that the proof leads to a root signed by a trusted
     * signer.
     *
     * @throws SignatureVerificationException when it does not
     */
    public VerifiedBatchProof verify(BatchProof proof, byte[] message) {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(message, "message");
        return verifyLeaf(proof, MerkleTree.leafHash(proof.hashAlgorithm(), message));
    }

    /**
     * Verifies a proof against a message read from the stream to its end (not closed).
     *
     * @throws SignatureVerificationException when it does not verify
     * @throws UncheckedIOException           when the stream fails
     */
    public VerifiedBatchProof verify(BatchProof proof, InputStream message) {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(message, "message");
        try {
            return verifyLeaf(proof, MerkleTree.leafHash(proof.hashAlgorithm(), message));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the message failed", e);
        }
    }

    @Override
    public String toString() {
        return "BatchProofVerifier[" + verifier + ", " + roots.size() + " roots remembered]";
    }

    private VerifiedBatchProof verifyLeaf(BatchProof proof, byte[] leafHash) {
        if (!MessageDigest.isEqual(leafHash, proof.leafHashView())) {
            throw new SignatureVerificationException(SignatureFailure.BATCH_PROOF_MISMATCH, "the message does not "
                    + "match the batch proof: its leaf hash differs (message " + proof.index() + " of "
                    + proof.size() + ")");
        }
        VerifiedRoot root = root(proof.rootJws());
        if (root.algorithm() != proof.hashAlgorithm() || root.size() != proof.size()) {
            throw new SignatureVerificationException(SignatureFailure.BATCH_PROOF_INVALID, "the proof says "
                    + proof.hashAlgorithm().jcaName() + " over " + proof.size() + " messages, but the signed root says "
                    + root.algorithm().jcaName() + " over " + root.size());
        }
        byte[] computed = MerkleTree.rootFromPath(proof.hashAlgorithm(), proof.index(), proof.size(), leafHash,
                proof.pathView());
        if (computed == null || !MessageDigest.isEqual(computed, root.hash())) {
            throw new SignatureVerificationException(SignatureFailure.BATCH_PROOF_INVALID, "the proof's path does not "
                    + "lead to the signed root (message " + proof.index() + " of " + proof.size() + ")");
        }
        return new VerifiedBatchProof(root.jws(), proof.hashAlgorithm(), proof.index(), proof.size(),
                root.claimedSigningTime());
    }

    private VerifiedRoot root(String jws) {
        Instant now = verifier.now();
        VerifiedRoot cached = roots.get(jws);
        if (cached != null && !now.isBefore(cached.verifiedAt()) && now.isBefore(cached.expires())) {
            return cached;
        }
        VerifiedJws verified = verifier.verifyBatchRoot(jws);
        VerifiedRoot root = claims(verified, now);
        if (cacheSize == 0) {
            return root;
        }
        if (roots.size() >= cacheSize) {
            Iterator<String> it = roots.keySet().iterator();
            if (it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        roots.put(jws, root);
        return root;
    }

    private VerifiedRoot claims(VerifiedJws verified, Instant now) {
        BatchSigner.RootClaims c;
        try {
            c = JSON.read(verified.payload().orElseThrow(), BatchSigner.RootClaims.class);
        } catch (LuotsiException e) {
            throw malformed("the batch root's payload is not a root", e);
        }
        if (c == null || c.v() == null || c.v() != BatchProof.VERSION || c.size() == null || c.size() < 1
                || c.root() == null) {
            throw malformed("the batch root's payload lacks its version, size or root hash", null);
        }
        HashAlgorithm algorithm = c.alg() == null ? null : HashAlgorithm.fromName(c.alg()).orElse(null);
        if (algorithm == null) {
            throw malformed("the batch root's alg is not SHA-256 or SHA-512", null);
        }
        byte[] hash;
        try {
            hash = Base64.getUrlDecoder().decode(c.root());
        } catch (IllegalArgumentException e) {
            throw malformed("the batch root's hash is not base64url", e);
        }
        if (hash.length != algorithm.length()) {
            throw malformed("the batch root's hash has the wrong length for " + algorithm.jcaName(), null);
        }
        Instant expires = now.plus(cacheTtl);
        for (X509Certificate cert : verified.certificationPath().certificates()) {
            Instant notAfter = cert.getNotAfter().toInstant();
            if (notAfter.isBefore(expires)) {
                expires = notAfter;
            }
        }
        Instant iat = c.iat() == null ? null : Instant.ofEpochSecond(c.iat());
        return new VerifiedRoot(verified, algorithm, c.size(), hash, iat, now, expires);
    }

    private static SignatureVerificationException malformed(String message, Throwable cause) {
        return new SignatureVerificationException(SignatureFailure.BATCH_PROOF_MALFORMED, message, cause);
    }

    private record VerifiedRoot(VerifiedJws jws, HashAlgorithm algorithm, long size, byte[] hash,
                                Instant claimedSigningTime, Instant verifiedAt, Instant expires) {
    }

    /** Builds a {@link BatchProofVerifier}; the JWS verifier is required. */
    public static final class Builder {
        private JwsVerifier verifier;
        private int cacheSize = 1024;
        private Duration cacheTtl = Duration.ofMinutes(5);

        private Builder() {
        }

        /** Verifies the roots: trust anchors, allowed algorithms, and the clock of validation. */
        public Builder jwsVerifier(JwsVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** How many verified roots to remember; 1024 by default, 0 to verify every root every time. */
        public Builder rootCacheSize(int roots) {
            if (roots < 0) {
                throw new IllegalArgumentException("rootCacheSize must not be negative, was " + roots);
            }
            this.cacheSize = roots;
            return this;
        }

        /** How long a verified root is remembered (by the verifier's clock); five minutes by default. */
        public Builder rootCacheTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("rootCacheTtl must not be negative, was " + ttl);
            }
            this.cacheTtl = ttl;
            return this;
        }

        /** @throws IllegalStateException when no JWS verifier was given */
        public BatchProofVerifier build() {
            if (verifier == null) {
                throw new IllegalStateException("jwsVerifier is required");
            }
            return new BatchProofVerifier(this);
        }
    }
}
