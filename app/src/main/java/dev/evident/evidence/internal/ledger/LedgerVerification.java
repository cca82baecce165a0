package dev.evident.evidence.internal.ledger;

import dev.evident.evidence.EvidenceItem;
import dev.evident.verifier.LedgerVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an organization's ledger from the database in pages and runs the shared
 * {@link LedgerVerifier} over it (the same code as the offline verifier).
 */
@Component
public class LedgerVerification {

    private static final int PAGE = 5000;

    private final JdbcClient jdbc;
    private final Checkpoints checkpoints;
    private final LedgerKeys keys;

    LedgerVerification(JdbcClient jdbc, Checkpoints checkpoints, LedgerKeys keys) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.keys = keys;
    }

    public LedgerVerifier.Result verifyChain(UUID orgId) {
        List<LedgerVerifier.Checkpoint> signed = checkpoints.all(orgId).stream()
                .map(c -> new LedgerVerifier.Checkpoint(c.statement(), c.signature())).toList();
        return LedgerVerifier.verify(orgId.toString(), new Pages(orgId), signed, keys::publicKey);
    }

    /** The hashed content of the entry that added an item, for comparing with the item's row. */
    public String addedEntry(UUID orgId, long seq) {
        return jdbc.sql("SELECT entry FROM evidence_ledger_entry WHERE org_id = :org AND seq = :seq")
                .param("org", orgId).param("seq", seq).query(String.class).optional().orElse(null);
    }

    /** The item a stored ledger entry is about, to name it when the chain breaks there. */
    public java.util.Optional<UUID> evidenceAt(UUID orgId, long seq) {
        return jdbc.sql("SELECT evidence_id FROM evidence_ledger_entry WHERE org_id = :org AND seq = :seq")
                .param("org", orgId).param("seq", seq).query(UUID.class).optional();
    }

    /** Iterates the ledger in seq order, one page of rows in memory at a time. */
    private final class Pages implements Iterator<LedgerVerifier.Entry> {
        private final UUID orgId;
        private List<LedgerVerifier.Entry> page = new ArrayList<>();
        private int at;
        private long afterSeq;
        private boolean done;

        Pages(UUID orgId) {
            this.orgId = orgId;
        }

        @Override
        public boolean hasNext() {
            if (at < page.size()) {
                return true;
            }
            if (done) {
                return false;
            }
            page = jdbc.sql("""
                    SELECT seq, prev_hash, hash, entry FROM evidence_ledger_entry
                    WHERE org_id = :org AND seq > :after ORDER BY seq LIMIT :limit""")
                    .param("org", orgId).param("after", afterSeq).param("limit", PAGE)
                    .query((rs, i) -> new LedgerVerifier.Entry(rs.getLong(1), rs.getString(2).trim(), rs.getString(3).trim(),
                            rs.getString(4))).list();
            at = 0;
            if (page.size() < PAGE) {
                done = true;
            }
            if (!page.isEmpty()) {
                afterSeq = page.get(page.size() - 1).seq();
            }
            return !page.isEmpty();
        }

        @Override
        public LedgerVerifier.Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(at++);
        }
    }

    /** A full verification's outcome as the API reports it. */
    public record Report(boolean valid, long entriesChecked, int checkpointsChecked, int itemsChecked, int contentChecked,
                         String headHash, Instant checkedAt, List<Finding> problems) {
    }

    /** One problem: its kind (chain, checkpoint, metadata, content), where, and what is wrong. */
    public record Finding(String kind, Long seq, Long treeSize, UUID evidenceId, String detail) {
        public static Finding of(LedgerVerifier.Problem p) {
            return new Finding(p.kind(), p.seq(), p.treeSize(), null, p.toString());
        }

        /** A chain problem at an entry, naming the item the entry stored there is about. */
        public static Finding of(LedgerVerifier.Problem p, UUID evidenceId) {
            if (evidenceId == null) {
                return of(p);
            }
            return new Finding(p.kind(), p.seq(), p.treeSize(), evidenceId, "ledger entry " + p.seq() + " (about evidence "
                    + evidenceId + "): " + p.detail());
        }

        public static Finding item(String kind, EvidenceItem item, String detail) {
            return new Finding(kind, item.ledgerSeq(), null, item.id(), "evidence " + item.id() + " (\"" + item.title()
                    + "\"): " + detail);
        }
    }
}
