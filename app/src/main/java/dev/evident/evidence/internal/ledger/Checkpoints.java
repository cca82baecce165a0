package dev.evident.evidence.internal.ledger;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.shared.Timestamps;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.MerkleTree;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed checkpoints of the evidence ledgers: the Ed25519 signature over the Merkle root and head
 * of the first n entries (docs/evidence-format.md). Created periodically for ledgers with new
 * entries and on demand before an audit package is exported; never changed afterwards.
 */
@Component
public class Checkpoints {

    /** A stored checkpoint: the statement exactly as signed, and the signature. */
    public record Checkpoint(UUID orgId, long treeSize, String headHash, String merkleRoot, Instant signedAt, String keyId,
                             String statement, String signature) {
    }

    /** An inclusion proof of one entry against a checkpoint. */
    public record Proof(long seq, int leafIndex, long treeSize, List<String> path) {
    }

    private final JdbcClient jdbc;
    private final LedgerKeys keys;
    private final Clock clock;

    Checkpoints(JdbcClient jdbc, LedgerKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * A checkpoint covering every entry there is now: the latest one if it does, else a new one.
     * Concurrent calls for the same organization settle on one row per tree size.
     */
    @Transactional
    public Optional<Checkpoint> current(UUID orgId) {
        Optional<Long> head = jdbc.sql("SELECT seq FROM evidence_ledger_head WHERE org_id = :org")
                .param("org", orgId).query(Long.class).optional();
        if (head.isEmpty() || head.get() == 0) {
            return Optional.empty();
        }
        Optional<Checkpoint> latest = latest(orgId);
        if (latest.isPresent() && latest.get().treeSize() == head.get()) {
            return latest;
        }
        List<String> hashes = hashes(orgId, head.get());
        MerkleTree tree = MerkleTree.ofEntryHashes(hashes);
        Instant now = Timestamps.now(clock);
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("v", 1L);
        statement.put("orgId", orgId.toString());
        statement.put("treeSize", (long) hashes.size());
        statement.put("headHash", hashes.get(hashes.size() - 1));
        statement.put("merkleRoot", tree.rootHex());
        statement.put("signedAt", now.toString());
        statement.put("keyId", keys.keyId());
        String text = CanonicalJson.encode(statement);
        String signature = keys.sign(text);
        jdbc.sql("""
                INSERT INTO evidence_checkpoint (org_id, tree_size, head_hash, merkle_root, signed_at, key_id, statement,
                                                 signature)
                VALUES (:org, :size, :head, :root, :at, :key, :statement, :signature)
                ON CONFLICT DO NOTHING""")
                .param("org", orgId).param("size", (long) hashes.size()).param("head", hashes.get(hashes.size() - 1))
                .param("root", tree.rootHex()).param("at", toDb(now)).param("key", keys.keyId())
                .param("statement", text).param("signature", signature).update();
        return latest(orgId);
    }

    public Optional<Checkpoint> latest(UUID orgId) {
        return jdbc.sql("SELECT * FROM evidence_checkpoint WHERE org_id = :org ORDER BY tree_size DESC LIMIT 1")
                .param("org", orgId).query(Checkpoints::row).optional();
    }

    public List<Checkpoint> all(UUID orgId) {
        return jdbc.sql("SELECT * FROM evidence_checkpoint WHERE org_id = :org ORDER BY tree_size")
                .param("org", orgId).query(Checkpoints::row).list();
    }

    /** Organizations whose ledger has grown since their last checkpoint. */
    public List<UUID> organizationsBehind() {
        return jdbc.sql("""
                SELECT h.org_id FROM evidence_ledger_head h
                WHERE h.seq > COALESCE((SELECT MAX(c.tree_size) FROM evidence_checkpoint c WHERE c.org_id = h.org_id), 0)""")
                .query(UUID.class).list();
    }

    /** Inclusion proofs for entries against a checkpoint, computed from one tree over its entries. */
    public List<Proof> proofs(Checkpoint checkpoint, List<Long> seqs) {
        MerkleTree tree = MerkleTree.ofEntryHashes(hashes(checkpoint.orgId(), checkpoint.treeSize()));
        return seqs.stream().map(seq -> {
            if (seq < 1 || seq > checkpoint.treeSize()) {
                throw new IllegalArgumentException("entry " + seq + " is not covered by a checkpoint of " + checkpoint.treeSize());
            }
            int index = (int) (seq - 1);
            return new Proof(seq, index, checkpoint.treeSize(), tree.inclusionProof(index));
        }).toList();
    }

    private List<String> hashes(UUID orgId, long upTo) {
        return jdbc.sql("SELECT hash FROM evidence_ledger_entry WHERE org_id = :org AND seq <= :upTo ORDER BY seq")
                .param("org", orgId).param("upTo", upTo).query((rs, i) -> rs.getString(1).trim()).list();
    }

    private static Checkpoint row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Checkpoint(rs.getObject("org_id", UUID.class), rs.getLong("tree_size"), rs.getString("head_hash"),
                rs.getString("merkle_root"), fromDb(rs.getObject("signed_at", OffsetDateTime.class)), rs.getString("key_id"),
                rs.getString("statement"), rs.getString("signature"));
    }
}
