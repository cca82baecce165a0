package dev.evident.auditlog.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.auditlog.AuditEntry;
import dev.evident.auditlog.AuditQuery;
import dev.evident.shared.PageRequest;
import dev.evident.verifier.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and appends audit log rows. There is no update or delete: the table is append-only. */
@Repository
class AuditEntries {

    record Head(long seq, String hash) {
    }

    private static final String COLUMNS = """
            id, org_id, seq, occurred_at, actor_type, actor_id, actor_label, client_ip, action, target_type, target_id,
            summary, prev_hash, hash""";

    private final JdbcClient jdbc;

    AuditEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the organization's chain head for this transaction, creating it on first use. */
    Head lockHead(UUID orgId, String genesis) {
        jdbc.sql("INSERT INTO audit_chain_head (org_id, seq, hash) VALUES (:org, 0, :hash) ON CONFLICT DO NOTHING")
                .param("org", orgId).param("hash", genesis).update();
        return jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE org_id = :org FOR UPDATE")
                .param("org", orgId).query((rs, i) -> new Head(rs.getLong("seq"), rs.getString("hash"))).single();
    }

    Optional<Head> head(UUID orgId) {
        return jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE org_id = :org").param("org", orgId)
                .query((rs, i) -> new Head(rs.getLong("seq"), rs.getString("hash"))).optional();
    }

    void append(AuditEntry e, String summaryJson) {
        jdbc.sql("""
                INSERT INTO audit_log_entry (id, org_id, seq, occurred_at, actor_type, actor_id, actor_label, client_ip,
                    action, target_type, target_id, summary, prev_hash, hash)
                VALUES (:id, :org, :seq, :at, :actorType, :actorId, :actorLabel, :ip, :action, :targetType, :targetId,
                    :summary, :prev, :hash)""")
                .param("id", e.id()).param("org", e.orgId()).param("seq", e.seq()).param("at", toDb(e.occurredAt()))
                .param("actorType", e.actorType()).param("actorId", e.actorId()).param("actorLabel", e.actorLabel())
                .param("ip", e.clientIp()).param("action", e.action()).param("targetType", e.targetType())
                .param("targetId", e.targetId()).param("summary", summaryJson).param("prev", e.prevHash())
                .param("hash", e.hash()).update();
        jdbc.sql("UPDATE audit_chain_head SET seq = :seq, hash = :hash WHERE org_id = :org")
                .param("seq", e.seq()).param("hash", e.hash()).param("org", e.orgId()).update();
    }

    Optional<AuditEntry> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_log_entry WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(AuditEntries::map).optional();
    }

    /** Newest first, filtered; the cursor is the sequence number of the last entry already seen. */
    List<AuditEntry> search(UUID orgId, AuditQuery q, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log_entry WHERE org_id = :org");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", orgId);
        if (page.afterNumber() != null) {
            sql.append(" AND seq < :after");
            params.put("after", page.afterNumber());
        }
        if (q.action() != null && !q.action().isBlank()) {
            if (q.action().endsWith("*")) {
                sql.append(" AND action LIKE :action");
                params.put("action", q.action().substring(0, q.action().length() - 1).replace("%", "") + "%");
            } else {
                sql.append(" AND action = :action");
                params.put("action", q.action());
            }
        }
        if (q.actorId() != null && !q.actorId().isBlank()) {
            sql.append(" AND actor_id = :actor");
            params.put("actor", q.actorId());
        }
        if (q.targetType() != null && !q.targetType().isBlank()) {
            sql.append(" AND target_type = :targetType");
            params.put("targetType", q.targetType());
        }
        if (q.targetId() != null && !q.targetId().isBlank()) {
            sql.append(" AND target_id = :targetId");
            params.put("targetId", q.targetId());
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= :from");
            params.put("from", toDb(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < :to");
            params.put("to", toDb(q.to()));
        }
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        params.put("limit", page.fetchSize());
        return jdbc.sql(sql.toString()).params(params).query(AuditEntries::map).list();
    }

    /** A batch of the chain in order, for verification and export without loading it all. */
    List<AuditEntry> batchAfter(UUID orgId, long afterSeq, long lastSeq, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_log_entry"
                        + " WHERE org_id = :org AND seq > :after AND seq <= :last ORDER BY seq LIMIT :size")
                .param("org", orgId).param("after", afterSeq).param("last", lastSeq).param("size", size)
                .query(AuditEntries::map).list();
    }

    @SuppressWarnings("unchecked")
    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        Object summary = Json.parse(rs.getString("summary"));
        return new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getLong("seq"),
                fromDb(rs.getObject("occurred_at", OffsetDateTime.class)), rs.getString("actor_type"),
                rs.getString("actor_id"), rs.getString("actor_label"), rs.getString("client_ip"), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), (Map<String, Object>) summary,
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
