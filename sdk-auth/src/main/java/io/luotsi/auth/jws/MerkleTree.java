package io.luotsi.auth.jws;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash tree of a batch, as RFC 9162 (Certificate Transparency 2.0) section 2.1 defines it: a leaf is
 * {@code H(0x00 || message)}, an inner node {@code H(0x01 || left || right)}, and a tree of n leaves splits at the
 * largest power of two below n. The two prefixes keep leaves and nodes apart, so no inner node can pass for a message.
 * Built bottom-up here: pairing each level and carrying an unpaired last node up unchanged gives the same tree.
 */
final class MerkleTree {

    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;

    /** levels.get(0) are the leaf hashes, the last level the root alone. */
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    static byte[] leafHash(HashAlgorithm algorithm, byte[] message) {
        MessageDigest d = algorithm.newDigest();
        d.update(LEAF_PREFIX);
        return d.digest(message);
    }

    static byte[] leafHash(HashAlgorithm algorithm, InputStream message) throws IOException {
        MessageDigest d = algorithm.newDigest();
        d.update(LEAF_PREFIX);
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = message.read(buffer)) != -1) {
            d.update(buffer, 0, n);
        }
        return d.digest();
    }

    static byte[] nodeHash(MessageDigest d, byte[] left, byte[] right) {
        d.update(NODE_PREFIX);
        d.update(left);
        return d.digest(right);
    }

    static MerkleTree of(HashAlgorithm algorithm, List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one message");
        }
        MessageDigest d = algorithm.newDigest();
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i + 1 < level.length; i += 2) {
                up[i / 2] = nodeHash(d, level[i], level[i + 1]);
            }
            if (level.length % 2 == 1) {
                up[up.length - 1] = level[level.length - 1];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    byte[] root() {
        return levels.get(levels.size() - 1)[0];
    }

    int size() {
        return levels.get(0).length;
    }

    /** The inclusion proof of leaf {@code index}: sibling hashes from the leaf up, skipping levels it is carried. */
    List<byte[]> path(int index) {
        List<byte[]> path = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[][] level = levels.get(l);
            int sibling = i ^ 1;
            if (sibling < level.length) {
                path.add(level[sibling]);
            }
            i >>= 1;
        }
        return path;
    }

    /**
     * The root an inclusion proof leads to (RFC 9162 section 2.1.3.2), or null when the proof does not fit a tree of
     * {@code size} leaves (too long, too short, or an index out of range).
     */
    static byte[] rootFromPath(HashAlgorithm algorithm, long index, long size, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= size) {
            return null;
        }
        MessageDigest d = algorithm.newDigest();
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(d, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(d, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }
}
