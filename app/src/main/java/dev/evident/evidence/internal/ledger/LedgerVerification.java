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

    /** Verifies entries 1 … {@code last}, handing every accepted entry's content to {@code listener}. */
    public LedgerVerifier.Result verifyChain(UUID orgId, long last, LedgerVerifier.EntryListener listener) {
        List<LedgerVerifier.Checkpoint> signed = checkpoints.all(orgId).stream()
                .map(c -> new LedgerVerifier.Checkpoint(c.statement(), c.signature())).toList();
        return LedgerVerifier.verify(orgId.toString(), new Pages(orgId, last), signed, keys::publicKey, listener);
    }

    /** The highest seq in the organization's ledger, 0 when it is empty. */
    public long lastSeq(UUID orgId) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM evidence_ledger_entry WHERE org_id = :org")
                .param("org", orgId).query(Long.class).single();
    }

    /** The item a stored ledger entry is about, to name it when the chain breaks there. */
    public java.util.Optional<UUID> evidenceAt(UUID orgId, long seq) {
        return jdbc.sql("SELECT evidence_id FROM evidence_ledger_entry WHERE org_id = :org AND seq = :seq")
                .param("org", orgId).param("seq", seq).query(UUID.class).optional();
    }

    /**
     * Iterates the ledger in seq order, one page of rows in memory at a time, up to the last entry
     * there was when it started. A page is a range of seq values read through the primary key: the
     * "next N after" form was planned as a sort of every remaining entry per page on a table
     * PostgreSQL had not analysed yet (e.g. right after a bulk ingest with autovacuum off), which made
     * verification 20 times slower. A gap in seq (a deleted entry) just yields a shorter page.
     */
    private final class Pages implements Iterator<LedgerVerifier.Entry> {
        private final UUID orgId;
        private final long last;
        private List<LedgerVerifier.Entry> page = new ArrayList<>();
        private int at;
        private long after;

        Pages(UUID orgId, long last) {
            this.orgId = orgId;
            this.last = last;
        }

        @Override
        public boolean hasNext() {
            while (at >= page.size() && after < last) {
                long upTo = Math.min(last, after + PAGE);
                page = jdbc.sql("""
                        SELECT seq, prev_hash, hash, entry FROM evidence_ledger_entry
                        WHERE org_id = :org AND seq > :after AND seq <= :upTo ORDER BY seq""")
                        .param("org", orgId).param("after", after).param("upTo", upTo)
                        .query((rs, i) -> new LedgerVerifier.Entry(rs.getLong(1), rs.getString(2).trim(), rs.getString(3).trim(),
                                rs.getString(4))).list();
                at = 0;
                after = upTo;
            }
            return at < page.size();
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
