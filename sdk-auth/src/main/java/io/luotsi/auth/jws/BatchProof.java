package io.luotsi.auth.jws;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The proof that one message belongs to a signed batch: the message's leaf hash, the sibling hashes from the leaf to
 * the root of the batch's hash tree, and the signed root (a JWS with the signer's chain in {@code x5c}). It verifies
 * on its own, without the other messages of the batch ({@link BatchProofVerifier}). Immutable.
 *
 * <p>Serialised as one JSON object ({@link #toJson()}, {@link #fromJson(String)}):
 * <pre>{@code
 * {"v":1,"alg":"SHA-256","index":17,"size":1000,
 *  "leaf":"<base64url H(0x00 || message)>",
 *  "path":["<base64url sibling hash>", ...],            // from the leaf up
 *  "root":"<JWS: header.payload.signature>"}
 * }</pre>
 * The root JWS has {@code typ: luotsi-batch-root+json} and the payload
 * {@code {"v":1,"alg":"SHA-256","root":"<base64url root hash>","size":1000,"iat":<seconds>}}. Hashing follows RFC 9162
 * section 2.1: leaves are {@code H(0x00 || message)}, inner nodes {@code H(0x01 || left || right)}, and the path is
 * checked with the algorithm of its section 2.1.3.2, so any implementation of that RFC can verify a proof.
 */
public final class BatchProof {

    /** The proof format version. */
    static final int VERSION = 1;
    private static final int MAX_PATH = 64;
    private static final JsonCodec JSON = JacksonJsonCodec.create(new JacksonJsonCodec.Limits(8, 16 * 1024 * 1024,
            32, 32L * 1024 * 1024, 64));

    private final HashAlgorithm hashAlgorithm;
    private final long index;
    private final long size;
    private final byte[] leafHash;
    private final List<byte[]> path;
    private final String rootJws;

    /** Trusts its arguments: made by {@link BatchSigner}, or checked by {@link #fromJson(String)}. */
    BatchProof(HashAlgorithm hashAlgorithm, long index, long size, byte[] leafHash, List<byte[]> path,
               String rootJws) {
        this.hashAlgorithm = hashAlgorithm;
        this.index = index;
        this.size = size;
        this.leafHash = leafHash;
        this.path = path;
        this.rootJws = rootJws;
    }

    /**
     * Reads a proof from its JSON form. Only the form is checked here; {@link BatchProofVerifier} checks the rest.
     *
     * @throws SignatureVerificationException ({@code batch_proof_malformed}) when it is not a proof of a version,
     *     hash algorithm and shape this library knows
     */
    public static BatchProof fromJson(String json) {
        Objects.requireNonNull(json, "json");
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a proof from its JSON form, UTF-8 encoded; see {@link #fromJson(String)}. */
    public static BatchProof fromJson(byte[] json) {
        Objects.requireNonNull(json, "json");
        ProofJson p;
        try {
            p = JSON.read(json, ProofJson.class);
        } catch (LuotsiException | IllegalArgumentException e) {
            throw malformed("the batch proof is not a JSON object of the expected shape", e);
        }
        if (p == null || p.v() == null || p.v() != VERSION) {
            throw malformed("the batch proof has no version or one other than " + VERSION, null);
        }
        HashAlgorithm algorithm = p.alg() == null ? null : HashAlgorithm.fromName(p.alg()).orElse(null);
        if (algorithm == null) {
            throw malformed("the batch proof's alg is not SHA-256 or SHA-512", null);
        }
        if (p.index() == null || p.size() == null || p.size() < 1 || p.index() < 0 || p.index() >= p.size()) {
            throw malformed("the batch proof needs 0 <= index < size", null);
        }
        if (p.path() == null || p.path().size() > MAX_PATH || p.root() == null || p.root().isEmpty()) {
            throw malformed("the batch proof needs a path of at most " + MAX_PATH + " hashes and a root", null);
        }
        byte[] leaf = hash(p.leaf(), algorithm, "leaf");
        List<byte[]> path = new ArrayList<>(p.path().size());
        for (String h : p.path()) {
            path.add(hash(h, algorithm, "path"));
        }
        return new BatchProof(algorithm, p.index(), p.size(), leaf, List.copyOf(path), p.root());
    }

    /** The proof as one line of JSON (no line breaks). */
    public String toJson() {
        return new String(toJsonBytes(), StandardCharsets.UTF_8);
    }

    /** The proof as UTF-8 JSON. */
    public byte[] toJsonBytes() {
        List<String> encoded = new ArrayList<>(path.size());
        for (byte[] h : path) {
            encoded.add(b64(h));
        }
        return JSON.writeBytes(new ProofJson(VERSION, hashAlgorithm.jcaName(), index, size, b64(leafHash), encoded,
                rootJws));
    }

    public HashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    /** The position of the message in its batch, from 0. */
    public long index() {
        return index;
    }

    /** The number of messages in the batch. */
    public long size() {
        return size;
    }

    /** {@code H(0x00 || message)} (a copy). */
    public byte[] leafHash() {
        return leafHash.clone();
    }

    /** The sibling hashes from the leaf up to the root (copies). */
    public List<byte[]> path() {
        List<byte[]> copy = new ArrayList<>(path.size());
        for (byte[] h : path) {
            copy.add(h.clone());
        }
        return List.copyOf(copy);
    }

    /** The signed root, a JWS in compact serialisation. */
    public String rootJws() {
        return rootJws;
    }

    List<byte[]> pathView() {
        return path;
    }

    byte[] leafHashView() {
        return leafHash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BatchProof other)) {
            return false;
        }
        if (hashAlgorithm != other.hashAlgorithm || index != other.index || size != other.size
                || !Arrays.equals(leafHash, other.leafHash) || !rootJws.equals(other.rootJws)
                || path.size() != other.path.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!Arrays.equals(path.get(i), other.path.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashAlgorithm, index, size, Arrays.hashCode(leafHash), rootJws);
    }

    @Override
    public String toString() {
        return "BatchProof[" + hashAlgorithm.jcaName() + ", message " + index + " of " + size + ", leaf "
                + b64(leafHash) + "]";
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String text, HashAlgorithm algorithm, String what) {
        if (text == null) {
            throw malformed("the batch proof has no " + what + " hash", null);
        }
        byte[] hash;
        try {
            hash = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("a " + what + " hash of the batch proof is not base64url", e);
        }
        if (hash.length != algorithm.length()) {
            throw malformed("a " + what + " hash of the batch proof is " + hash.length + " bytes; "
                    + algorithm.jcaName() + " has " + algorithm.length(), null);
        }
        return hash;
    }

    private static SignatureVerificationException malformed(String message, Throwable cause) {
        return new SignatureVerificationException(SignatureFailure.BATCH_PROOF_MALFORMED, message, cause);
    }

    /** The JSON form. */
    record ProofJson(Integer v, String alg, Long index, Long size, String leaf, List<String> path, String root) {
    }
}
