package dev.evident.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks an evidence ledger: the hash chain entry by entry, then every checkpoint (Merkle root,
 * head hash, Ed25519 signature). The server's {@code /api/v1/evidence/ledger/verify} and the offline
 * package verifier both use it, so they cannot disagree. Formats: docs/evidence-format.md.
 */
public final class LedgerVerifier {

    private static final HexFormat HEX = HexFormat.of();

    /** One stored entry: {@code entryJson} is the exact canonical JSON that was hashed. */
    public record Entry(long seq, String prevHash, String hash, String entryJson) {
    }

    /** A checkpoint as stored or shipped: the signed statement text and its base64 signature. */
    public record Checkpoint(String statementJson, String signature) {
    }

    /** What went wrong, where: {@code seq} for chain problems, {@code treeSize} for checkpoint problems. */
    public record Problem(String kind, Long seq, Long treeSize, String detail) {
        @Override
        public String toString() {
            String where = seq != null ? "ledger entry " + seq : treeSize != null ? "checkpoint of " + treeSize + " entries" : "ledger";
            return where + ": " + detail;
        }
    }

    public record Result(long entriesChecked, int checkpointsChecked, String headHash, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private LedgerVerifier() {
    }

    /**
     * @param orgId  the organization every entry must belong to
     * @param keys   the public key for a key id, if known
     */
    public static Result verify(String orgId, Iterator<Entry> entries, List<Checkpoint> checkpoints,
                                Function<String, Optional<PublicKey>> keys) {
        return verify(orgId, entries, checkpoints, keys, (seq, content) -> { });
    }

    /** Receives the content of every entry the chain check accepted, in order, as it is parsed. */
    @FunctionalInterface
    public interface EntryListener {
        void accepted(long seq, Map<?, ?> content);
    }

    /**
     * As {@link #verify(String, Iterator, List, Function)}, handing each accepted entry's parsed
     * content to {@code listener} so a caller can check more without parsing the entry again. Entries
     * after the first break in the chain are not parsed and not handed over.
     */
    public static Result verify(String orgId, Iterator<Entry> entries, List<Checkpoint> checkpoints,
                                Function<String, Optional<PublicKey>> keys, EntryListener listener) {
        List<Problem> problems = new ArrayList<>();
        // The verified entries' hashes, back to back (32 bytes each): the Merkle tree is built from them.
        byte[] hashes = new byte[32 * 1024];
        String prev = HashChain.GENESIS;
        long expected = 1;
        boolean chainIntact = true;
        MessageDigest sha = Hashes.newSha256();
        while (entries.hasNext()) {
            Entry e = entries.next();
            if (chainIntact) {
                byte[] digest = entryHash(sha, e);
                Object checked = chainProblem(e, expected, prev, orgId, digest);
                if (checked instanceof String problem) {
                    problems.add(new Problem("chain", e.seq(), null, problem));
                    chainIntact = false; // everything after the first break is suspect; name only the first
                } else {
                    listener.accepted(e.seq(), (Map<?, ?>) checked);
                    int at = (int) (expected - 1) * 32;
                    if (at + 32 > hashes.length) {
                        hashes = Arrays.copyOf(hashes, Math.max(hashes.length * 2, at + 32));
                    }
                    System.arraycopy(digest, 0, hashes, at, 32);
                }
            }
            prev = e.hash();
            expected++;
        }
        long count = expected - 1;
        int checked = 0;
        if (chainIntact) {
            if (count > Integer.MAX_VALUE / 32) {
                throw new IllegalStateException("a ledger of " + count + " entries is too large to verify in one pass");
            }
            MerkleTree tree = MerkleTree.ofEntryHashes(hashes, (int) count);
            for (Checkpoint c : checkpoints) {
                checked++;
                checkpointProblem(c, orgId, tree, hashes, (int) count, keys).ifPresent(problems::add);
            }
        }
        return new Result(count, checked, count == 0 ? HashChain.GENESIS : prev, problems);
    }

    private static byte[] entryHash(MessageDigest sha, Entry e) {
        sha.update(e.prevHash().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(e.entryJson().getBytes(StandardCharsets.UTF_8));
        return sha.digest();
    }

    /** The problem with an entry as a String, or its parsed content (a Map) when there is none. */
    private static Object chainProblem(Entry e, long expected, String prev, String orgId, byte[] digest) {
        if (e.seq() != expected) {
            return e.seq() > expected ? "entry " + expected + " is missing (found " + e.seq() + " next)"
                    : "out of order: expected entry " + expected + ", found " + e.seq();
        }
        if (!prev.equals(e.prevHash())) {
            return "its previous-hash link does not match entry " + (expected - 1) + " (" + shorten(prev) + " expected, "
                    + shorten(e.prevHash()) + " found): an entry before it was removed, reordered or altered";
        }
        if (!Hashes.matchesHex(digest, e.hash())) {
            return "its content does not match its hash (" + shorten(e.hash()) + " stored, " + shorten(HEX.formatHex(digest))
                    + " recomputed): the entry was altered";
        }
        Object parsed;
        try {
            parsed = Json.parseCanonical(e.entryJson());
        } catch (Json.NotCanonicalException ex) {
            return "its content is not in canonical form (" + ex.getMessage() + "), so other tools would hash it differently";
        } catch (JsonParseException ex) {
            return "its content is not valid JSON: " + ex.getMessage();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return "its content is not a JSON object";
        }
        if (!String.valueOf(map.get("orgId")).equals(orgId)) {
            return "it belongs to organization " + map.get("orgId") + ", not " + orgId;
        }
        if (!(map.get("seq") instanceof Long s) || s != e.seq()) {
            return "its content says seq " + map.get("seq") + " but it is stored as " + e.seq();
        }
        return map;
    }

    private static Optional<Problem> checkpointProblem(Checkpoint c, String orgId, MerkleTree tree, byte[] hashes, int count,
                                                       Function<String, Optional<PublicKey>> keys) {
        Map<?, ?> statement;
        try {
            Object parsed = Json.parse(c.statementJson());
            if (!(parsed instanceof Map<?, ?> map)) {
                return Optional.of(new Problem("checkpoint", null, null, "the statement is not a JSON object"));
            }
            statement = map;
        } catch (JsonParseException e) {
            return Optional.of(new Problem("checkpoint", null, null, "the statement is not valid JSON: " + e.getMessage()));
        }
        Long size = statement.get("treeSize") instanceof Long l ? l : null;
        if (size == null || size < 1) {
            return Optional.of(new Problem("checkpoint", null, null, "the statement has no valid treeSize"));
        }
        if (!String.valueOf(statement.get("orgId")).equals(orgId)) {
            return Optional.of(new Problem("checkpoint", null, size, "it belongs to organization " + statement.get("orgId")));
        }
        if (size > count) {
            return Optional.of(new Problem("checkpoint", null, size, "it covers " + size + " entries but the ledger has only "
                    + count + ": entries were removed from the end"));
        }
        String keyId = String.valueOf(statement.get("keyId"));
        Optional<PublicKey> key = keys.apply(keyId);
        if (key.isEmpty()) {
            return Optional.of(new Problem("checkpoint", null, size, "it was signed with an unknown key " + keyId));
        }
        if (!Ed25519.verify(key.get(), c.statementJson(), c.signature())) {
            return Optional.of(new Problem("checkpoint", null, size, "its signature does not verify with key " + keyId
                    + ": the statement or the signature was altered"));
        }
        int at = (int) (size - 1) * 32;
        String head = HEX.formatHex(hashes, at, at + 32);
        if (!head.equals(statement.get("headHash"))) {
            return Optional.of(new Problem("checkpoint", null, size, "its head hash is not the hash of entry " + size
                    + ": the ledger was rewritten after it was signed"));
        }
        String root = tree.rootOfFirst((int) (long) size);
        if (!root.equals(statement.get("merkleRoot"))) {
            return Optional.of(new Problem("checkpoint", null, size, "its Merkle root does not match the entries: the ledger "
                    + "was rewritten after it was signed"));
        }
        return Optional.empty();
    }

    private static String shorten(String hash) {
        return hash == null ? "null" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
