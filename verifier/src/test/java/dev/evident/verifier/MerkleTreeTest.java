package dev.evident.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    static List<String> hashes(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Hashes.sha256Hex("entry " + i));
        }
        return out;
    }

    /** RFC 6962's definition, written recursively, to check the level-by-level construction against. */
    static byte[] rfcRoot(List<byte[]> leaves) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        if (leaves.size() == 1) {
            sha.update((byte) 0);
            return sha.digest(leaves.get(0));
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        byte[] left = rfcRoot(leaves.subList(0, k));
        byte[] right = rfcRoot(leaves.subList(k, leaves.size()));
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    @Test
    void rootMatchesRfc6962ForEveryTreeSizeUpTo130() throws Exception {
        for (int n = 1; n <= 130; n++) {
            List<String> entries = hashes(n);
            List<byte[]> raw = entries.stream().map(HexFormat.of()::parseHex).toList();
            assertThat(MerkleTree.ofEntryHashes(entries).rootHex()).as("n=" + n)
                    .isEqualTo(HexFormat.of().formatHex(rfcRoot(raw)));
        }
    }

    @Test
    void prefixRootsEqualTheRootsOfSmallerTrees() {
        List<String> entries = hashes(100);
        MerkleTree tree = MerkleTree.ofEntryHashes(entries);
        for (int m = 1; m <= 100; m++) {
            assertThat(tree.rootOfFirst(m)).as("m=" + m).isEqualTo(MerkleTree.ofEntryHashes(entries.subList(0, m)).rootHex());
        }
    }

    @Test
    void everyLeafProvesItsInclusionAndNothingElseDoes() {
        for (int n = 1; n <= 70; n++) {
            List<String> entries = hashes(n);
            MerkleTree tree = MerkleTree.ofEntryHashes(entries);
            for (int i = 0; i < n; i++) {
                List<String> path = tree.inclusionProof(i);
                assertThat(path.size()).isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
                assertThat(MerkleTree.verifyInclusion(entries.get(i), i, n, path, tree.rootHex())).as("n=%d i=%d", n, i)
                        .isTrue();
                assertThat(MerkleTree.verifyInclusion(Hashes.sha256Hex("forged"), i, n, path, tree.rootHex())).isFalse();
                if (n > 1) {
                    int other = (i + 1) % n;
                    assertThat(MerkleTree.verifyInclusion(entries.get(i), other, n, path, tree.rootHex()))
                            .as("wrong index n=%d i=%d", n, i).isFalse();
                }
                if (!path.isEmpty()) {
                    List<String> broken = new ArrayList<>(path);
                    broken.set(0, Hashes.sha256Hex("tampered"));
                    assertThat(MerkleTree.verifyInclusion(entries.get(i), i, n, broken, tree.rootHex())).isFalse();
                    assertThat(MerkleTree.verifyInclusion(entries.get(i), i, n, path.subList(1, path.size()), tree.rootHex()))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void aProofHoldsOnlyForTheRootOfItsOwnTree() {
        List<String> entries = hashes(11);
        MerkleTree ten = MerkleTree.ofEntryHashes(entries.subList(0, 10));
        MerkleTree eleven = MerkleTree.ofEntryHashes(entries);
        List<String> path = ten.inclusionProof(3);
        assertThat(MerkleTree.verifyInclusion(entries.get(3), 3, 10, path, eleven.rootHex())).isFalse();
        assertThat(MerkleTree.verifyInclusion(entries.get(9), 9, 10, ten.inclusionProof(9), eleven.rootHex())).isFalse();
        assertThat(MerkleTree.verifyInclusion(entries.get(3), 3, 2, path, ten.rootHex())).as("path too long for size 2")
                .isFalse();
        assertThat(MerkleTree.verifyInclusion(entries.get(3), 12, 10, path, ten.rootHex())).isFalse();
        assertThat(MerkleTree.verifyInclusion("not hex", 3, 10, path, ten.rootHex())).isFalse();
    }

    @Test
    void ed25519SignaturesVerifyOnlyForTheirStatementAndKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair key = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        String statement = "{\"merkleRoot\":\"ab\",\"treeSize\":3}";
        String signature = Ed25519.sign(key.getPrivate(), statement);
        assertThat(Ed25519.verify(key.getPublic(), statement, signature)).isTrue();
        assertThat(Ed25519.verify(key.getPublic(), statement.replace('3', '4'), signature)).isFalse();
        assertThat(Ed25519.verify(other.getPublic(), statement, signature)).isFalse();
        assertThat(Ed25519.verify(key.getPublic(), statement, "bm90IGEgc2lnbmF0dXJl")).isFalse();
        assertThat(Ed25519.verify(key.getPublic(), statement, "***")).isFalse();
        String pem = Ed25519.toPem(key.getPublic());
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Arrays.equals(Ed25519.fromPem(pem).getEncoded(), key.getPublic().getEncoded())).isTrue();
        assertThat(Ed25519.keyId(key.getPublic())).hasSize(16).isNotEqualTo(Ed25519.keyId(other.getPublic()));
    }
}
