package io.luotsi.auth.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hash tree against a literal transcription of RFC 9162 section 2.1 (MTH and PATH), for every size up to 70. */
class MerkleTreeTest {

    private static byte[] h(HashAlgorithm a, byte[]... parts) {
        MessageDigest d = a.newDigest();
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    /** MTH(D[n]) of RFC 9162 section 2.1.1, recursively. */
    private static byte[] mth(HashAlgorithm a, List<byte[]> d) {
        if (d.size() == 1) {
            return h(a, new byte[] {0}, d.get(0));
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return h(a, new byte[] {1}, mth(a, d.subList(0, k)), mth(a, d.subList(k, d.size())));
    }

    /** PATH(m, D[n]) of RFC 9162 section 2.1.3.1. */
    private static List<byte[]> path(HashAlgorithm a, int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() == 1) {
            return out;
        }
        int k = Integer.highestOneBit(d.size() - 1);
        if (m < k) {
            out.addAll(path(a, m, d.subList(0, k)));
            out.add(mth(a, d.subList(k, d.size())));
        } else {
            out.addAll(path(a, m - k, d.subList(k, d.size())));
            out.add(mth(a, d.subList(0, k)));
        }
        return out;
    }

    private static List<byte[]> messages(int n) {
        List<byte[]> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(("message " + i).getBytes(StandardCharsets.UTF_8));
        }
        return d;
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void rootsAndPathsAreThoseOfRfc9162ForEverySize(HashAlgorithm a) {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> d = messages(n);
            List<byte[]> leaves = d.stream().map(m -> MerkleTree.leafHash(a, m)).toList();

            MerkleTree tree = MerkleTree.of(a, leaves);

            assertThat(tree.root()).as("root of %d", n).isEqualTo(mth(a, d));
            for (int m = 0; m < n; m++) {
                List<byte[]> expected = path(a, m, d);
                List<byte[]> actual = tree.path(m);
                assertThat(actual).as("path of %d in %d", m, n).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(actual.get(i)).isEqualTo(expected.get(i));
                }
                assertThat(MerkleTree.rootFromPath(a, m, n, leaves.get(m), actual)).as("verify %d in %d", m, n)
                        .isEqualTo(tree.root());
            }
        }
    }

    @Test
    void aLeafIsDomainSeparatedFromANode() {
        HashAlgorithm a = HashAlgorithm.SHA_256;
        byte[] left = MerkleTree.leafHash(a, "a".getBytes(StandardCharsets.UTF_8));
        byte[] right = MerkleTree.leafHash(a, "b".getBytes(StandardCharsets.UTF_8));
        byte[] root = MerkleTree.of(a, List.of(left, right)).root();
        byte[] concatenation = new byte[64];
        System.arraycopy(left, 0, concatenation, 0, 32);
        System.arraycopy(right, 0, concatenation, 32, 32);

        // The concatenation of two children, offered as a message, does not hash to their parent.
        assertThat(MerkleTree.leafHash(a, concatenation)).isNotEqualTo(root);
        assertThat(HexFormat.of().formatHex(MerkleTree.leafHash(a, new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void proofsThatDoNotFitTheTreeSizeLeadNowhere() {
        HashAlgorithm a = HashAlgorithm.SHA_256;
        List<byte[]> leaves = messages(5).stream().map(m -> MerkleTree.leafHash(a, m)).toList();
        MerkleTree tree = MerkleTree.of(a, leaves);
        List<byte[]> path = tree.path(4);

        assertThat(MerkleTree.rootFromPath(a, 4, 5, leaves.get(4), path)).isEqualTo(tree.root());
        assertThat(MerkleTree.rootFromPath(a, 5, 5, leaves.get(4), path)).isNull();
        assertThat(MerkleTree.rootFromPath(a, -1, 5, leaves.get(4), path)).isNull();
        assertThat(MerkleTree.rootFromPath(a, 4, 4, leaves.get(4), path)).isNull();
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(leaves.get(0));
        assertThat(MerkleTree.rootFromPath(a, 4, 5, leaves.get(4), longer)).isNull();
        assertThat(MerkleTree.rootFromPath(a, 3, 5, leaves.get(3), tree.path(3).subList(0, 1))).isNull();
    }
}
