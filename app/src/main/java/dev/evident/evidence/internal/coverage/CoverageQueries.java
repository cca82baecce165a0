package dev.evident.evidence.internal.coverage;

import dev.evident.evidence.EvidenceItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The few reads the coverage watch needs beyond {@link dev.evident.evidence.EvidenceDirectory}. */
@Repository
class CoverageQueries {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    CoverageQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Controls linked to the items of a batch (items whose ledger entries lie between the batch's first and last). */
    List<UUID> controlsLinkedBetween(UUID orgId, long firstSeq, long lastSeq) {
        return jdbc.sql("""
                SELECT DISTINCT l.target_id FROM evidence_item i
                JOIN evidence_link l ON l.evidence_id = i.id AND l.org_id = i.org_id AND l.target_type = 'control'
                WHERE i.org_id = :org AND i.ledger_seq BETWEEN :first AND :last""")
                .param("org", orgId).param("first", firstSeq).param("last", lastSeq).query(UUID.class).list();
    }

    /** Organizations that collect evidence: the daily sweep looks at these. */
    List<UUID> organizationsWithEvidence() {
        return jdbc.sql("SELECT DISTINCT org_id FROM evidence_link").query(UUID.class).list();
    }

    /**
     * Just the intervals of current items linked to the controls and overlapping [from, to], as items
     * carrying only id, interval and the one control link: enough for the calculator, without
     * reading titles, sources and every link of every item.
     */
    List<EvidenceItem> intervals(UUID orgId, Collection<UUID> controlIds, LocalDate from, LocalDate to) {
        List<EvidenceItem> out = new ArrayList<>();
        List<UUID> ids = List.copyOf(controlIds);
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<UUID> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            out.addAll(jdbc.sql("""
                    SELECT i.id, i.effective_from, i.effective_to, l.target_id
                    FROM evidence_link l JOIN evidence_item i ON i.id = l.evidence_id AND i.org_id = l.org_id
                    WHERE l.org_id = :org AND l.target_type = 'control' AND l.target_id IN (:controls)
                      AND i.removed_at IS NULL AND i.effective_to >= :from AND i.effective_from <= :to
                      AND NOT EXISTS (SELECT 1 FROM evidence_item s WHERE s.supersedes_id = i.id)""")
                    .param("org", orgId).param("controls", chunk).param("from", from).param("to", to)
                    .query((rs, n) -> new EvidenceItem(rs.getObject("id", UUID.class), orgId, null, null, null, null, null,
                            rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
                            null, null, 0, null, null, null, null, null, 0, null, null,
                            List.of(new EvidenceItem.Link("control", rs.getObject("target_id", UUID.class)))))
                    .list());
        }
        return out;
    }
}
