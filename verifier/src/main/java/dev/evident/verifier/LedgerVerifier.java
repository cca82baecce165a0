package dev.evident.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
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

    public record Result(long entriesChecked, int checkpointsChecked, String headHash, List<Problem> problems,
                         List<String> entryHashes) {
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
        List<Problem> problems = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        String prev = HashChain.GENESIS;
        long expected = 1;
        boolean chainIntact = true;
        MessageDigest sha = Hashes.newSha256();
        while (entries.hasNext()) {
            Entry e = entries.next();
            if (chainIntact) {
                String problem = chainProblem(e, expected, prev, orgId, sha);
                if (problem != null) {
                    problems.add(new Problem("chain", e.seq(), null, problem));
                    chainIntact = false; // everything after the first break is suspect; name only the first
                }
            }
            hashes.add(e.hash());
            prev = e.hash();
            expected++;
        }
        int checked = 0;
        if (chainIntact) {
            MerkleTree tree = MerkleTree.ofEntryHashes(hashes);
            for (Checkpoint c : checkpoints) {
                checked++;
                checkpointProblem(c, orgId, tree, hashes, keys).ifPresent(problems::add);
            }
        }
        return new Result(hashes.size(), checked, hashes.isEmpty() ? HashChain.GENESIS : hashes.get(hashes.size() - 1),
                problems, hashes);
    }

    private static String chainProblem(Entry e, long expected, String prev, String orgId, MessageDigest sha) {
        if (e.seq() != expected) {
            return e.seq() > expected ? "entry " + expected + " is missing (found " + e.seq() + " next)"
                    : "out of order: expected entry " + expected + ", found " + e.seq();
        }
        if (!prev.equals(e.prevHash())) {
            return "its previous-hash link does not match entry " + (expected - 1) + " (" + shorten(prev) + " expected, "
                    + shorten(e.prevHash()) + " found): an entry before it was removed, reordered or altered";
        }
        sha.update(e.prevHash().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(e.entryJson().getBytes(StandardCharsets.UTF_8));
        String recomputed = HEX.formatHex(sha.digest());
        if (!recomputed.equals(e.hash())) {
            return "its content does not match its hash (" + shorten(e.hash()) + " stored, " + shorten(recomputed)
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
        return null;
    }

    private static Optional<Problem> checkpointProblem(Checkpoint c, String orgId, MerkleTree tree, List<String> hashes,
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
        if (size > hashes.size()) {
            return Optional.of(new Problem("checkpoint", null, size, "it covers " + size + " entries but the ledger has only "
                    + hashes.size() + ": entries were removed from the end"));
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
        String head = hashes.get((int) (long) size - 1);
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
