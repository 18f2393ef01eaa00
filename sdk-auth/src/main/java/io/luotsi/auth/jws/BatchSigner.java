package io.luotsi.auth.jws;

import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signs many messages with one private-key operation: the messages become the leaves of a hash tree and only its root
 * is signed. Each message gets a {@link BatchProof} that verifies on its own. Immutable and thread-safe.
 *
 * <pre>{@code
 * BatchSigner batches = BatchSigner.builder()
 *     .signer(jwsSigner)                      // the key, its chain and the JWS algorithm of the root
 *     .hashAlgorithm(HashAlgorithm.SHA_256)   // the default; or SHA_512
 *     .build();
 *
 * List<BatchProof> proofs = batches.signAll(List.of(body1, body2, body3));
 * String json = proofs.get(1).toJson();       // travels or is stored with body2
 * }</pre>
 *
 * For messages that arrive one at a time, {@link StreamingBatchSigner} collects them into batches and flushes by size
 * or time. One RSA-2048 signature costs about as much as hashing a few megabytes, so batches of a few hundred
 * messages or more sign well over a hundred times faster than one signature per message (see the
 * {@code SigningBenchmark} in benchmarks/).
 *
 * <p>The root JWS is typed {@code luotsi-batch-root+json} and {@link JwsVerifier} refuses it as the signature of a
 * message, so a root cannot be passed off as a signed message, nor a signed message as a root. The root payload
 * records the signer's clock time ({@code iat}) as a claim; it is not a trusted timestamp.
 */
public final class BatchSigner {

    private static final JsonCodec JSON = JacksonJsonCodec.create();
    /** The largest batch: proofs carry at most 64 hashes, and int indexes suffice. */
    static final int MAX_BATCH = 1 << 24;

    private final JwsSigner signer;
    private final HashAlgorithm hashAlgorithm;
    private final Clock clock;

    private BatchSigner(Builder b) {
        this.signer = b.signer;
        this.hashAlgorithm = b.hashAlgorithm;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs the messages as one batch.
     *
     * @return one proof per message, in the order of the messages
     * @throws IllegalArgumentException when there are no messages or more than 2^24
     * @throws io.luotsi.core.ConfigurationException when the signer cannot sign (see {@link JwsSigner#sign(byte[])})
     */
    public List<BatchProof> signAll(List<byte[]> messages) {
        Objects.requireNonNull(messages, "messages");
        List<byte[]> leaves = new ArrayList<>(messages.size());
        for (byte[] m : messages) {
            leaves.add(MerkleTree.leafHash(hashAlgorithm, Objects.requireNonNull(m, "messages element")));
        }
        return signLeaves(leaves);
    }

    /**
     * Signs messages read from streams as one batch; each stream is read to its end and not closed.
     *
     * @throws UncheckedIOException when a stream fails
     */
    public List<BatchProof> signAllStreams(List<? extends InputStream> messages) {
        Objects.requireNonNull(messages, "messages");
        List<byte[]> leaves = new ArrayList<>(messages.size());
        for (InputStream m : messages) {
            leaves.add(leafHash(Objects.requireNonNull(m, "messages element")));
        }
        return signLeaves(leaves);
    }

    public HashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    @Override
    public String toString() {
        return "BatchSigner[" + hashAlgorithm.jcaName() + ", " + signer + "]";
    }

    byte[] leafHash(byte[] message) {
        return MerkleTree.leafHash(hashAlgorithm, message);
    }

    byte[] leafHash(InputStream message) {
        try {
            return MerkleTree.leafHash(hashAlgorithm, message);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a message to sign failed", e);
        }
    }

    /** Signs the root over these leaf hashes and makes every leaf's proof. */
    List<BatchProof> signLeaves(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one message");
        }
        if (leaves.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch has at most " + MAX_BATCH + " messages, not " + leaves.size());
        }
        MerkleTree tree = MerkleTree.of(hashAlgorithm, leaves);
        RootClaims claims = new RootClaims(BatchProof.VERSION, hashAlgorithm.jcaName(), BatchProof.b64(tree.root()),
                (long) leaves.size(), clock.instant().getEpochSecond());
        String root = signer.signBatchRoot(JSON.writeBytes(claims));
        List<BatchProof> proofs = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            proofs.add(new BatchProof(hashAlgorithm, i, leaves.size(), leaves.get(i), tree.path(i), root));
        }
        return proofs;
    }

    /** The payload of a batch root JWS. */
    record RootClaims(Integer v, String alg, String root, Long size, Long iat) {
    }

    /** Builds a {@link BatchSigner}; the JWS signer is required. */
    public static final class Builder {
        private JwsSigner signer;
        private HashAlgorithm hashAlgorithm = HashAlgorithm.SHA_256;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Signs the roots: its key, chain and algorithm. */
        public Builder signer(JwsSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** The hash of the tree; SHA-256 by default. */
        public Builder hashAlgorithm(HashAlgorithm hashAlgorithm) {
            this.hashAlgorithm = Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
            return this;
        }

        /** The clock of the root's {@code iat} claim; system UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalStateException when no signer was given */
        public BatchSigner build() {
            if (signer == null) {
                throw new IllegalStateException("signer is required");
            }
            return new BatchSigner(this);
        }
    }
}
