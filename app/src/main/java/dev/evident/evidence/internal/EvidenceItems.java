package dev.evident.evidence.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceItem.Link;
import dev.evident.evidence.EvidenceItem.Source;
import dev.evident.evidence.EvidenceKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** SQL for evidence items, their content rows and links. Every statement names the organization. */
@Repository
public class EvidenceItems {

    /** An item to insert, with the record content for records (null for files and links). */
    public record NewRow(EvidenceItem item, String recordContent, String idempotencyKey) {
    }

    private static final String SELECT = """
            SELECT i.*, (SELECT s.id FROM evidence_item s WHERE s.supersedes_id = i.id) AS superseded_by
            FROM evidence_item i""";

    private static final String INSERT = """
            INSERT INTO evidence_item (id, org_id, kind, title, description, source_type, source_id, source_label,
                source_connector, source_query, collected_at, effective_from, effective_to, file_name, content_type, size,
                url, content_sha256, record_content, metadata_sha256, supersedes_id, ledger_seq, idempotency_key,
                created_at)
            VALUES (:id, :org, :kind, :title, :description, :sourceType, :sourceId, :sourceLabel, :connector, :query,
                :collectedAt, :from, :to, :fileName, :contentType, :size, :url, :sha, :record, :metadataSha, :supersedes,
                :seq, :key, :createdAt)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    /** Fetches {@value #STREAM_FETCH} rows per round trip (PostgreSQL then reads through a cursor). */
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private static final int STREAM_FETCH = 5000;

    EvidenceItems(JdbcClient jdbc, NamedParameterJdbcTemplate named, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.named = named;
        JdbcTemplate cursor = new JdbcTemplate(named.getJdbcTemplate().getDataSource());
        cursor.setFetchSize(STREAM_FETCH);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    void insertAll(List<NewRow> rows) {
        named.batchUpdate(INSERT, rows.stream().map(EvidenceItems::params).toArray(SqlParameterSource[]::new));
    }

    void insertBlobIfAbsent(UUID orgId, String sha256, long size, long crc32, String contentType, Instant now) {
        jdbc.sql("""
                INSERT INTO evidence_blob (org_id, sha256, size, crc32, content_type, created_at)
                VALUES (:org, :sha, :size, :crc, :type, :now) ON CONFLICT DO NOTHING""")
                .param("org", orgId).param("sha", sha256).param("size", size).param("crc", crc32)
                .param("type", contentType).param("now", toDb(now)).update();
    }

    public Optional<Long> blobCrc32(UUID orgId, String sha256) {
        return jdbc.sql("SELECT crc32 FROM evidence_blob WHERE org_id = :org AND sha256 = :sha")
                .param("org", orgId).param("sha", sha256).query(Long.class).optional();
    }

    void insertLinks(UUID orgId, List<LinkRow> links, Instant now) {
        if (links.isEmpty()) {
            return;
        }
        named.batchUpdate("""
                INSERT INTO evidence_link (evidence_id, org_id, target_type, target_id, linked_at, ledger_seq)
                VALUES (:evidence, :org, :type, :target, :now, :seq)""", links.stream().map(l -> new MapSqlParameterSource()
                .addValue("evidence", l.evidenceId()).addValue("org", orgId).addValue("type", l.targetType())
                .addValue("target", l.targetId()).addValue("now", toDb(now)).addValue("seq", l.ledgerSeq()))
                .toArray(SqlParameterSource[]::new));
    }

    /** A current link with the ledger entry that made it. */
    record LinkRow(UUID evidenceId, String targetType, UUID targetId, long ledgerSeq) {
    }

    boolean deleteLink(UUID orgId, UUID evidenceId, String targetType, UUID targetId) {
        return jdbc.sql("""
                DELETE FROM evidence_link WHERE org_id = :org AND evidence_id = :evidence AND target_type = :type
                AND target_id = :target""").param("org", orgId).param("evidence", evidenceId).param("type", targetType)
                .param("target", targetId).update() == 1;
    }

    /** Retention: the content goes (records' data with it), the row stays as the item's tombstone. */
    void markRemoved(UUID orgId, UUID evidenceId, Instant at) {
        jdbc.sql("UPDATE evidence_item SET removed_at = :at, record_content = NULL WHERE org_id = :org AND id = :id")
                .param("at", toDb(at)).param("org", orgId).param("id", evidenceId).update();
    }

    /** Items whose proven interval ended before the cutoff and whose content is still kept. */
    List<EvidenceItem> expired(UUID orgId, LocalDate cutoff, int limit) {
        return jdbc.sql(SELECT + " WHERE i.org_id = :org AND i.removed_at IS NULL AND i.effective_to < :cutoff"
                        + " ORDER BY i.effective_to, i.id LIMIT :limit")
                .param("org", orgId).param("cutoff", cutoff).param("limit", limit).query(EvidenceItems::row).list();
    }

    List<UUID> organizationsWithEvidence() {
        return jdbc.sql("SELECT DISTINCT org_id FROM evidence_item WHERE removed_at IS NULL").query(UUID.class).list();
    }

    /** Whether content is still needed by another item that keeps it. */
    boolean contentStillUsed(UUID orgId, String sha256, UUID except) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM evidence_item WHERE org_id = :org AND content_sha256 = :sha AND removed_at IS NULL
                AND id <> :except""").param("org", orgId).param("sha", sha256).param("except", except)
                .query(Long.class).single() > 0;
    }

    public Optional<EvidenceItem> find(UUID orgId, UUID id) {
        return withLinks(orgId, jdbc.sql(SELECT + " WHERE i.org_id = :org AND i.id = :id").param("org", orgId)
                .param("id", id).query(EvidenceItems::row).list()).stream().findFirst();
    }

    Optional<EvidenceItem> byIdempotencyKey(UUID orgId, String key) {
        return withLinks(orgId, jdbc.sql(SELECT + " WHERE i.org_id = :org AND i.idempotency_key = :key").param("org", orgId)
                .param("key", key).query(EvidenceItems::row).list()).stream().findFirst();
    }

    /** Items by their idempotency keys; keys nobody used are absent from the map. */
    Map<String, EvidenceItem> byIdempotencyKeys(UUID orgId, Collection<String> keys) {
        Map<String, EvidenceItem> found = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 1000) {
            Map<UUID, String> keyById = new HashMap<>();
            List<EvidenceItem> chunk = jdbc.sql(SELECT + " WHERE i.org_id = :org AND i.idempotency_key IN (:keys)")
                    .param("org", orgId).param("keys", all.subList(from, Math.min(all.size(), from + 1000)))
                    .query((rs, n) -> {
                        EvidenceItem item = row(rs, n);
                        keyById.put(item.id(), rs.getString("idempotency_key"));
                        return item;
                    }).list();
            withLinks(orgId, chunk).forEach(item -> found.put(keyById.get(item.id()), item));
        }
        return found;
    }

    /** A current item with the same content, title and interval: the same upload made twice. */
    Optional<EvidenceItem> sameUpload(UUID orgId, String sha256, String title, LocalDate from, LocalDate to) {
        return withLinks(orgId, jdbc.sql(SELECT + " " + """
                 WHERE i.org_id = :org AND i.content_sha256 = :sha AND i.title = :title AND i.effective_from = :from
                 AND i.effective_to = :to AND i.removed_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM evidence_item s WHERE s.supersedes_id = i.id)""")
                .param("org", orgId).param("sha", sha256).param("title", title).param("from", from).param("to", to)
                .query(EvidenceItems::row).list()).stream().findFirst();
    }

    Optional<String> recordContent(UUID orgId, UUID id) {
        return jdbc.sql("SELECT record_content FROM evidence_item WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(String.class).optional();
    }

    /** Items matching a filter, newest first, after the cursor id (ids are time-ordered). */
    List<EvidenceItem> search(UUID orgId, EvidenceFilter filter, UUID after, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE i.org_id = :org");
        MapSqlParameterSource params = new MapSqlParameterSource("org", orgId).addValue("limit", limit);
        filter.appendTo(sql, params);
        if (after != null) {
            sql.append(" AND i.id < :after");
            params.addValue("after", after);
        }
        sql.append(" ORDER BY i.id DESC LIMIT :limit");
        return withLinks(orgId, named.query(sql.toString(), params, EvidenceItems::row));
    }

    List<EvidenceItem> currentLinkedTo(UUID orgId, Collection<UUID> controlIds, LocalDate from, LocalDate to) {
        if (controlIds.isEmpty()) {
            return List.of();
        }
        return withLinks(orgId, jdbc.sql(SELECT + " " + """
                 WHERE i.org_id = :org AND i.removed_at IS NULL AND i.effective_to >= :from AND i.effective_from <= :to
                 AND NOT EXISTS (SELECT 1 FROM evidence_item s WHERE s.supersedes_id = i.id)
                 AND EXISTS (SELECT 1 FROM evidence_link l WHERE l.evidence_id = i.id AND l.org_id = :org
                             AND l.target_type = 'control' AND l.target_id IN (:controls))
                 ORDER BY i.effective_from, i.id""")
                .param("org", orgId).param("from", from).param("to", to).param("controls", controlIds)
                .query(EvidenceItems::row).list());
    }

    /** An item as verification reads it: the row, its record data (records only) and the ledger entry that added it. */
    record Sealed(EvidenceItem item, String recordContent, String addedEntry) {
    }

    /**
     * The columns verification compares, in the order {@link #streamedRow} reads them; the item that
     * superseded another is not part of its metadata, so it is not read.
     */
    private static final String VERIFIED_COLUMNS = """
            i.id, i.org_id, i.kind, i.title, i.description, i.source_type, i.source_id, i.source_label,
            i.source_connector, i.source_query, i.collected_at, i.effective_from, i.effective_to, i.file_name,
            i.content_type, i.size, i.url, i.content_sha256, i.metadata_sha256, i.supersedes_id,
            CAST(NULL AS UUID) AS superseded_by, i.ledger_seq, i.removed_at, i.created_at""";

    /**
     * Every item of an organization with the ledger entry at its {@code ledger_seq}, a page of
     * {@code pageSize} rows at a time (keyset on the primary key): verification's slow path, which
     * names the damage after the fast path found some. Stops when {@code consumer} returns false.
     */
    void forEachSealed(UUID orgId, int pageSize, java.util.function.Predicate<Sealed> consumer) {
        UUID after = new UUID(0, 0);
        String sql = "SELECT " + VERIFIED_COLUMNS + """
                , e.entry AS added_entry
                FROM evidence_item i
                LEFT JOIN evidence_ledger_entry e ON e.org_id = i.org_id AND e.seq = i.ledger_seq
                WHERE i.org_id = :org AND i.id > :after ORDER BY i.id LIMIT :limit""";
        while (true) {
            List<Sealed> page = jdbc.sql(sql)
                    .param("org", orgId).param("after", after).param("limit", pageSize)
                    .query((rs, n) -> new Sealed(streamedRow(rs), null, rs.getString("added_entry")))
                    .list();
            for (Sealed sealed : page) {
                if (!consumer.test(sealed)) {
                    return;
                }
            }
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).item().id();
        }
    }

    /**
     * Every item of an organization, in no particular order, streamed through one query with a
     * database cursor ({@value #STREAM_FETCH} rows per round trip) inside a read-only transaction: the
     * fast verification path, which needs no order because it compares items with the ledger by
     * position. No ORDER BY and no keyset, so the plan is a plain scan whatever the table statistics
     * say (keyset pages were planned as a sort of all remaining rows, per page, on a table PostgreSQL
     * had not analysed). Record data is read only when {@code withRecordContent}. Stops when
     * {@code consumer} returns false.
     */
    void streamItems(UUID orgId, boolean withRecordContent, java.util.function.Predicate<Sealed> consumer) {
        String sql = "SELECT " + VERIFIED_COLUMNS + ", " + (withRecordContent ? "i.record_content" : "CAST(NULL AS VARCHAR(1))")
                + " AS record_content FROM evidence_item i WHERE i.org_id = :org";
        final class Stop extends RuntimeException {
            Stop() {
                super(null, null, false, false);
            }
        }
        try {
            readOnly.executeWithoutResult(tx -> streaming.query(sql, new MapSqlParameterSource("org", orgId), rs -> {
                if (!consumer.test(new Sealed(streamedRow(rs), rs.getString(25), null))) {
                    throw new Stop();
                }
            }));
        } catch (Stop stopped) {
            // the consumer has seen enough
        }
    }

    long countLinkedTo(UUID orgId, String targetType, UUID targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_link WHERE org_id = :org AND target_type = :type AND target_id = :id")
                .param("org", orgId).param("type", targetType).param("id", targetId).query(Long.class).single();
    }

    private List<EvidenceItem> withLinks(UUID orgId, List<EvidenceItem> items) {
        if (items.isEmpty()) {
            return items;
        }
        Map<UUID, List<Link>> links = new HashMap<>();
        List<UUID> ids = items.stream().map(EvidenceItem::id).toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbc.sql("""
                    SELECT evidence_id, target_type, target_id FROM evidence_link
                    WHERE org_id = :org AND evidence_id IN (:ids) ORDER BY linked_at, target_id""")
                    .param("org", orgId).param("ids", chunk)
                    .query((rs, i) -> links.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Link(rs.getString(2), rs.getObject(3, UUID.class)))).list();
        }
        return items.stream().map(i -> new EvidenceItem(i.id(), i.orgId(), i.kind(), i.title(), i.description(), i.source(),
                i.collectedAt(), i.effectiveFrom(), i.effectiveTo(), i.fileName(), i.contentType(), i.size(), i.url(),
                i.contentSha256(), i.metadataSha256(), i.supersedes(), i.supersededBy(), i.ledgerSeq(), i.removedAt(),
                i.createdAt(), links.getOrDefault(i.id(), List.of()))).toList();
    }

    private static MapSqlParameterSource params(NewRow row) {
        EvidenceItem i = row.item();
        return new MapSqlParameterSource().addValue("id", i.id()).addValue("org", i.orgId()).addValue("kind", i.kind().name())
                .addValue("title", i.title()).addValue("description", i.description())
                .addValue("sourceType", i.source().type()).addValue("sourceId", i.source().id())
                .addValue("sourceLabel", i.source().label()).addValue("connector", i.source().connector())
                .addValue("query", i.source().query()).addValue("collectedAt", toDb(i.collectedAt()))
                .addValue("from", i.effectiveFrom()).addValue("to", i.effectiveTo()).addValue("fileName", i.fileName())
                .addValue("contentType", i.contentType()).addValue("size", i.size()).addValue("url", i.url())
                .addValue("sha", i.contentSha256()).addValue("record", row.recordContent())
                .addValue("metadataSha", i.metadataSha256()).addValue("supersedes", i.supersedes())
                .addValue("seq", i.ledgerSeq()).addValue("key", row.idempotencyKey())
                .addValue("createdAt", toDb(i.createdAt()));
    }

    /** {@link #row} by column position, over {@link #VERIFIED_COLUMNS} (a name lookup per column per row showed in profiles). */
    private static EvidenceItem streamedRow(ResultSet rs) throws SQLException {
        return new EvidenceItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                EvidenceKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                new Source(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)),
                fromDb(rs.getObject(11, OffsetDateTime.class)), rs.getObject(12, LocalDate.class),
                rs.getObject(13, LocalDate.class), rs.getString(14), rs.getString(15), rs.getLong(16), rs.getString(17),
                rs.getString(18).trim(), rs.getString(19).trim(), rs.getObject(20, UUID.class), null, rs.getLong(22),
                fromDb(rs.getObject(23, OffsetDateTime.class)), fromDb(rs.getObject(24, OffsetDateTime.class)), List.of());
    }

    static EvidenceItem row(ResultSet rs, int n) throws SQLException {
        return new EvidenceItem(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
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
    }
}
