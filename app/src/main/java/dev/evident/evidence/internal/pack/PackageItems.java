package dev.evident.evidence.internal.pack;

import static dev.evident.shared.Timestamps.fromDb;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceItem.Link;
import dev.evident.evidence.EvidenceItem.Source;
import dev.evident.evidence.EvidenceKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of audit packages: the items, links and ledger a package holds, read in pages. */
@Repository
class PackageItems {

    static final int PAGE = 1000;

    /** An item as a package ships it: its row, the CRC-32 of its stored file (null for records). */
    record Row(EvidenceItem item, Long crc32) {
    }

    /** One ledger entry, with the exact canonical JSON that was hashed. */
    record LedgerRow(long seq, UUID id, String prevHash, String hash, String entry) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    PackageItems(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /**
     * Current and superseded items (not those retention removed) linked to the program or one of
     * the controls, proving some day of the interval, recorded in the ledger's first
     * {@code treeSize} entries; oldest first, with their links made within those entries.
     */
    List<Row> items(UUID orgId, UUID programId, Collection<UUID> controlIds, LocalDate from, LocalDate to, long treeSize) {
        // First the ids, from the link index alone; then the rows a page of ids at a time.
        MapSqlParameterSource params = new MapSqlParameterSource("org", orgId).addValue("program", programId)
                .addValue("size", treeSize);
        StringBuilder linked = new StringBuilder("""
                SELECT DISTINCT evidence_id FROM evidence_link
                WHERE org_id = :org AND ledger_seq <= :size
                  AND ((target_type = 'program' AND target_id = :program)""");
        if (!controlIds.isEmpty()) {
            linked.append(" OR (target_type = 'control' AND target_id IN (:controls))");
            params.addValue("controls", controlIds);
        }
        linked.append(")");
        List<UUID> ids = new ArrayList<>(named.queryForList(linked.toString(), params, UUID.class));
        java.util.Collections.sort(ids);
        List<Row> rows = new ArrayList<>();
        for (int at = 0; at < ids.size(); at += PAGE) {
            List<Row> page = jdbc.sql("""
                    SELECT i.*, b.crc32 AS blob_crc32,
                           (SELECT s.id FROM evidence_item s WHERE s.supersedes_id = i.id) AS superseded_by
                    FROM evidence_item i
                    LEFT JOIN evidence_blob b ON b.org_id = i.org_id AND b.sha256 = i.content_sha256
                    WHERE i.org_id = :org AND i.id IN (:ids) AND i.removed_at IS NULL AND i.ledger_seq <= :size
                      AND i.effective_to >= :from AND i.effective_from <= :to
                    ORDER BY i.id""")
                    .param("org", orgId).param("ids", ids.subList(at, Math.min(ids.size(), at + PAGE)))
                    .param("size", treeSize).param("from", from).param("to", to).query(PackageItems::row).list();
            rows.addAll(withLinks(orgId, page, treeSize));
        }
        return rows;
    }

    private List<Row> withLinks(UUID orgId, List<Row> rows, long treeSize) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<Link>> links = new HashMap<>();
        jdbc.sql("""
                SELECT evidence_id, target_type, target_id FROM evidence_link
                WHERE org_id = :org AND evidence_id IN (:ids) AND ledger_seq <= :size ORDER BY ledger_seq""")
                .param("org", orgId).param("ids", rows.stream().map(r -> r.item().id()).toList()).param("size", treeSize)
                .query((rs, i) -> links.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new Link(rs.getString(2), rs.getObject(3, UUID.class)))).list();
        return rows.stream().map(r -> {
            EvidenceItem i = r.item();
            return new Row(new EvidenceItem(i.id(), i.orgId(), i.kind(), i.title(), i.description(), i.source(),
                    i.collectedAt(), i.effectiveFrom(), i.effectiveTo(), i.fileName(), i.contentType(), i.size(), i.url(),
                    i.contentSha256(), i.metadataSha256(), i.supersedes(), i.supersededBy(), i.ledgerSeq(), i.removedAt(),
                    i.createdAt(), links.getOrDefault(i.id(), List.of())), r.crc32());
        }).toList();
    }

    /** Record contents by item id, for a page of items. */
    Map<UUID, String> recordContents(UUID orgId, List<UUID> ids) {
        Map<UUID, String> contents = new HashMap<>();
        if (ids.isEmpty()) {
            return contents;
        }
        jdbc.sql("SELECT id, record_content FROM evidence_item WHERE org_id = :org AND id IN (:ids)")
                .param("org", orgId).param("ids", ids)
                .query((rs, i) -> contents.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return contents;
    }

    private static final int LEDGER_PAGE = 5000;

    /** The hashes of the first {@code upTo} ledger entries, in order. */
    List<String> entryHashes(UUID orgId, long upTo) {
        return jdbc.sql("SELECT hash FROM evidence_ledger_entry WHERE org_id = :org AND seq <= :upTo ORDER BY seq")
                .param("org", orgId).param("upTo", upTo).query((rs, i) -> rs.getString(1).trim()).list();
    }

    /**
     * Ledger entries 1 … upTo, handed over one page at a time. Pages are ranges of seq, not
     * "the next N after": a bounded range is read through the primary key whatever the planner's
     * statistics say, whereas "seq > :after ORDER BY seq LIMIT n" on a table never analysed was
     * planned as a scan and sort of every remaining entry, for every page.
     */
    void ledger(UUID orgId, long upTo, Consumer<LedgerRow> each) {
        for (long after = 0; after < upTo; after += LEDGER_PAGE) {
            jdbc.sql("""
                    SELECT seq, id, prev_hash, hash, entry FROM evidence_ledger_entry
                    WHERE org_id = :org AND seq > :after AND seq <= :last ORDER BY seq""")
                    .param("org", orgId).param("after", after).param("last", Math.min(upTo, after + LEDGER_PAGE))
                    .query((rs, i) -> new LedgerRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3).trim(),
                            rs.getString(4).trim(), rs.getString(5))).list().forEach(each);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long crc = rs.getLong("blob_crc32");
        Long crc32 = rs.wasNull() ? null : crc;
        EvidenceItem item = new EvidenceItem(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                EvidenceKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("description"),
                new Source(rs.getString("source_type"), rs.getString("source_id"), rs.getString("source_label"),
                        rs.getString("source_connector"), rs.getString("source_query")),
                fromDb(rs.getObject("collected_at", OffsetDateTime.class)), rs.getObject("effective_from", LocalDate.class),
                rs.getObject("effective_to", LocalDate.class), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size"), rs.getString("url"), rs.getString("content_sha256").trim(),
                rs.getString("metadata_sha256").trim(), rs.getObject("supersedes_id", UUID.class),
                rs.getObject("superseded_by", UUID.class), rs.getLong("ledger_seq"),
                fromDb(rs.getObject("removed_at", OffsetDateTime.class)), fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                List.of());
        return new Row(item, crc32);
    }
}
