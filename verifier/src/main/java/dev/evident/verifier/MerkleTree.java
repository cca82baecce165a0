package dev.evident.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree of a ledger, built as in RFC 6962 / RFC 9162 (Certificate Transparency): a leaf is
 * {@code SHA-256(0x00 || entry hash)}, an inner node {@code SHA-256(0x01 || left || right)}, and a
 * tree of n leaves splits at the largest power of two below n. The distinct prefixes keep a leaf
 * from ever passing for an inner node.
 *
 * <p>A checkpoint signs the root of the tree over the first n entries; an inclusion proof (the
 * audit path) shows that one entry is among them using about log2(n) hashes, without the others.
 * Leaves are the entries' hashes in sequence order: entry {@code seq} is leaf {@code seq - 1}.
 */
public final class MerkleTree {

    private static final HexFormat HEX = HexFormat.of();
    private static final int H = 32;

    /**
     * The levels of a tree, each one flat array of 32-byte nodes (no object per node, so a tree of a
     * million entries is a few arrays rather than two million small ones): level 0 holds the leaf
     * hashes, the last level the root.
     */
    private final List<byte[]> levels = new ArrayList<>();
    private final int size;

    private MerkleTree(byte[] leaves, int n) {
        this.size = n;
        levels.add(leaves);
        byte[] level = leaves;
        int count = n;
        MessageDigest sha = sha256();
        while (count > 1) {
            int upCount = (count + 1) / 2;
            byte[] up = new byte[upCount * H];
            for (int i = 0; i < upCount; i++) {
                // An odd node at the end is carried up unchanged; this yields exactly RFC 6962's
                // tree hash, whose unbalanced right subtrees are built from the same carried nodes.
                if (2 * i + 1 < count) {
                    sha.update((byte) 0x01);
                    sha.update(level, 2 * i * H, 2 * H);
                    digestInto(sha, up, i * H);
                } else {
                    System.arraycopy(level, 2 * i * H, up, i * H, H);
                }
            }
            levels.add(up);
            level = up;
            count = upCount;
        }
    }

    /** Builds the tree over entry hashes (hex, in sequence order). */
    public static MerkleTree ofEntryHashes(List<String> entryHashes) {
        byte[] hashes = new byte[entryHashes.size() * H];
        for (int i = 0; i < entryHashes.size(); i++) {
            byte[] hash = HEX.parseHex(entryHashes.get(i));
            if (hash.length != H) {
                throw new IllegalArgumentException("entry hash " + (i + 1) + " is not 32 bytes");
            }
            System.arraycopy(hash, 0, hashes, i * H, H);
        }
        return ofEntryHashes(hashes, entryHashes.size());
    }

    /** Builds the tree over the first {@code n} entry hashes held back to back, 32 bytes each. */
    public static MerkleTree ofEntryHashes(byte[] entryHashes, int n) {
        MessageDigest sha = sha256();
        byte[] leaves = new byte[n * H];
        for (int i = 0; i < n; i++) {
            sha.update((byte) 0x00);
            sha.update(entryHashes, i * H, H);
            digestInto(sha, leaves, i * H);
        }
        return new MerkleTree(leaves, n);
    }

    public int size() {
        return size;
    }

    /** The root as lowercase hex; the tree of no entries has the hash of the empty string, as in RFC 6962. */
    public String rootHex() {
        if (size == 0) {
            return HEX.formatHex(sha256().digest());
        }
        return HEX.formatHex(levels.get(levels.size() - 1), 0, H);
    }

    /**
     * The root of the tree over the first {@code m} leaves, from the nodes already built: a prefix is
     * made of perfect subtrees (aligned blocks of 2^j leaves), which this tree holds exactly.
     */
    public String rootOfFirst(int m) {
        if (m < 1 || m > size) {
            throw new IllegalArgumentException("a prefix of " + m + " leaves does not exist in a tree of " + size);
        }
        return HEX.formatHex(prefixRoot(sha256(), 0, m));
    }

    /** RFC 6962's MTH over leaves [start, end), where start is a multiple of the block sizes used. */
    private byte[] prefixRoot(MessageDigest sha, int start, int end) {
        int n = end - start;
        if (Integer.bitCount(n) == 1) {
            int level = Integer.numberOfTrailingZeros(n);
            int at = (start >> level) * H;
            return java.util.Arrays.copyOfRange(levels.get(level), at, at + H);
        }
        int k = Integer.highestOneBit(n - 1);
        byte[] left = prefixRoot(sha, start, start + k);
        byte[] right = prefixRoot(sha, start + k, end);
        return node(sha, left, right);
    }

    /**
     * The audit path of leaf {@code index}: the sibling hashes from the leaf up to the root, as
     * {@link #verifyInclusion} consumes them.
     */
    public List<String> inclusionProof(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<String> path = new ArrayList<>();
        int i = index;
        for (int level = 0; level < levels.size() - 1; level++) {
            byte[] nodes = levels.get(level);
            int sibling = i ^ 1;
            if (sibling < nodes.length / H) {
                path.add(HEX.formatHex(nodes, sibling * H, sibling * H + H));
            }
            // no sibling: this node is carried up unchanged, nothing to add at this level
            i /= 2;
        }
        return path;
    }

    /**
     * Checks an audit path as RFC 9162, section 2.1.3.2 describes: recomputes the root from the
     * entry hash and the path and compares it with the expected root.
     *
     * @param index    the leaf index (entry seq - 1)
     * @param treeSize the number of leaves of the tree the root belongs to
     */
    public static boolean verifyInclusion(String entryHash, int index, int treeSize, List<String> path, String rootHex) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        MessageDigest sha = sha256();
        byte[] r;
        try {
            r = leaf(sha, HEX.parseHex(entryHash));
            long fn = index;
            long sn = treeSize - 1L;
            for (String p : path) {
                byte[] sibling = HEX.parseHex(p);
                if (sn == 0) {
                    return false;
                }
                if ((fn & 1) == 1 || fn == sn) {
                    r = node(sha, sibling, r);
                    if ((fn & 1) == 0) {
                        while ((fn & 1) == 0 && fn != 0) {
                            fn >>= 1;
                            sn >>= 1;
                        }
                    }
                } else {
                    r = node(sha, r, sibling);
                }
                fn >>= 1;
                sn >>= 1;
            }
            return sn == 0 && HEX.formatHex(r).equals(rootHex);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
    }

    private static byte[] leaf(MessageDigest sha, byte[] entryHash) {
        sha.update((byte) 0x00);
        return sha.digest(entryHash);
    }

    private static byte[] node(MessageDigest sha, byte[] left, byte[] right) {
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    private static void digestInto(MessageDigest sha, byte[] out, int offset) {
        try {
            sha.digest(out, offset, H);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
