package dev.evident.evidence.internal;

import dev.evident.verifier.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.LongStream;

/**
 * Evidence additions by ledger position, each as a 128-bit fingerprint: the first 16 bytes of
 * SHA-256 over the evidence id, the metadata hash and the content hash. Verification fills one from
 * the ledger's "evidence.added" entries and one from the item rows; when the two are equal, every
 * item is recorded, with its hashes, by the entry at its position and every recorded addition has its
 * item, without reading any entry twice. Forging a match for an altered row would need a second
 * preimage of 128 bits of SHA-256. Memory: 16 bytes per ledger position.
 */
final class Additions {

    private final long last;
    private final long[] fingerprints;
    private final BitSet present;
    private final BitSet duplicated = new BitSet();
    private final MessageDigest sha = Hashes.newSha256();
    private boolean outOfRange;

    /** For positions 1 … {@code last}. */
    Additions(long last) {
        if (last > Integer.MAX_VALUE / 2) {
            throw new IllegalStateException("a ledger of " + last + " entries is too large to verify in one pass");
        }
        this.last = last;
        this.fingerprints = new long[(int) last * 2];
        this.present = new BitSet((int) last);
    }

    long last() {
        return last;
    }

    /** Records the addition at {@code seq}; a position outside 1 … last, or a second one, spoils the match. */
    void add(long seq, String evidenceId, String metadataSha256, String contentSha256) {
        if (seq < 1 || seq > last) {
            outOfRange = true;
            return;
        }
        int i = (int) seq - 1;
        if (present.get(i)) {
            duplicated.set(i);
        }
        sha.update(evidenceId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(metadataSha256.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(contentSha256.getBytes(StandardCharsets.UTF_8));
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        fingerprints[2 * i] = digest.getLong(0);
        fingerprints[2 * i + 1] = digest.getLong(8);
        present.set(i);
    }

    /** True when both hold exactly the same additions at the same positions, each once. */
    boolean matches(Additions other) {
        return last == other.last && !outOfRange && !other.outOfRange && duplicated.isEmpty() && other.duplicated.isEmpty()
                && present.equals(other.present) && Arrays.equals(fingerprints, other.fingerprints);
    }

    /** True when both hold the same single addition at {@code seq}. */
    boolean sameAt(Additions other, long seq) {
        if (seq < 1 || seq > last || seq > other.last) {
            return false;
        }
        int i = (int) seq - 1;
        return present.get(i) && other.present.get(i) && !duplicated.get(i) && !other.duplicated.get(i)
                && fingerprints[2 * i] == other.fingerprints[2 * i] && fingerprints[2 * i + 1] == other.fingerprints[2 * i + 1];
    }

    /** Positions with an addition here and none in {@code other}. */
    LongStream unclaimedBy(Additions other) {
        BitSet missing = (BitSet) present.clone();
        missing.andNot(other.present);
        return missing.stream().mapToLong(i -> i + 1L);
    }
}
