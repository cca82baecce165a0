package dev.evident.integration.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Connections, their documents, sync runs and per-type collection state; every query is scoped by organization. */
@Repository
class ConnectionStore {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Integer>> COUNT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    /**
     * A connection as stored: {@code settings} holds secret values as ciphertext and FILE values as document ids.
     */
    record Connection(UUID id, UUID orgId, String connector, String displayName, Map<String, String> settings,
                      Duration syncInterval, boolean enabled, int consecutiveFailures, Instant lastSyncAt,
                      Instant lastSuccessAt, String lastError, Instant createdAt, Instant updatedAt) {
    }

    record Document(UUID id, UUID orgId, UUID connectionId, String fieldName, String fileName, long size, String sha256,
                    Instant uploadedAt) {
    }

    record SyncRun(UUID id, UUID connectionId, String trigger, Instant startedAt, Instant finishedAt, String status,
                   Map<String, Integer> typeCounts, List<String> failedTypes, int attempts, String error,
                   String payloadDigest) {
    }

    record TypeState(String resourceType, Instant lastSuccessAt, int lastCount, Instant lastFailureAt, String lastError) {
    }

    private final JdbcClient jdbc;

    ConnectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Connection c) {
        jdbc.sql("""
                INSERT INTO integration_connection (id, org_id, connector, display_name, settings, sync_interval_seconds,
                    enabled, consecutive_failures, created_at, updated_at)
                VALUES (:id, :org, :connector, :name, :settings, :interval, :enabled, 0, :at, :at)""")
                .param("id", c.id()).param("org", c.orgId()).param("connector", c.connector())
                .param("name", c.displayName()).param("settings", JSON.writeValueAsString(c.settings()))
                .param("interval", c.syncInterval().toSeconds()).param("enabled", c.enabled())
                .param("at", toDb(c.createdAt())).update();
    }

    void update(UUID orgId, UUID id, String displayName, Map<String, String> settings, Duration interval, boolean enabled,
                Instant at) {
        jdbc.sql("""
                UPDATE integration_connection SET display_name = :name, settings = :settings,
                    sync_interval_seconds = :interval, enabled = :enabled, updated_at = :at
                WHERE org_id = :org AND id = :id""")
                .param("name", displayName).param("settings", JSON.writeValueAsString(settings))
                .param("interval", interval.toSeconds()).param("enabled", enabled).param("at", toDb(at))
                .param("org", orgId).param("id", id).update();
    }

    void updateSettings(UUID orgId, UUID id, Map<String, String> settings, Instant at) {
        jdbc.sql("UPDATE integration_connection SET settings = :settings, updated_at = :at WHERE org_id = :org AND id = :id")
                .param("settings", JSON.writeValueAsString(settings)).param("at", toDb(at))
                .param("org", orgId).param("id", id).update();
    }

    boolean nameTaken(UUID orgId, String displayName, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM integration_connection WHERE org_id = :org AND LOWER(display_name) = :name"
                        + (except == null ? "" : " AND id <> :except"))
                .param("org", orgId).param("name", displayName.toLowerCase(java.util.Locale.ROOT))
                .params(except == null ? Map.of() : Map.of("except", except))
                .query(Integer.class).single() > 0;
    }

    void delete(UUID orgId, UUID id) {
        // Children first: not every database applies ON DELETE CASCADE the same way inside one statement.
        for (String table : List.of("integration_resource", "integration_type_state", "integration_sync",
                "integration_document", "integration_identity_link")) {
            jdbc.sql("DELETE FROM " + table + " WHERE org_id = :org AND connection_id = :id")
                    .param("org", orgId).param("id", id).update();
        }
        jdbc.sql("DELETE FROM integration_connection WHERE org_id = :org AND id = :id").param("org", orgId).param("id", id)
                .update();
    }

    Optional<Connection> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM integration_connection WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(ConnectionStore::connection).optional();
    }

    List<Connection> list(UUID orgId) {
        return jdbc.sql("SELECT * FROM integration_connection WHERE org_id = :org ORDER BY LOWER(display_name), id")
                .param("org", orgId).query(ConnectionStore::connection).list();
    }

    List<Connection> failing(UUID orgId, int threshold) {
        return jdbc.sql("""
                SELECT * FROM integration_connection WHERE org_id = :org AND consecutive_failures >= :threshold
                ORDER BY LOWER(display_name), id""")
                .param("org", orgId).param("threshold", threshold).query(ConnectionStore::connection).list();
    }

    /** Every connection of every organization, for re-creating missing schedules at start-up. */
    List<Connection> allEnabled() {
        return jdbc.sql("SELECT * FROM integration_connection WHERE enabled = TRUE").query(ConnectionStore::connection).list();
    }

    void recordOutcome(UUID orgId, UUID id, Instant at, boolean success, String error) {
        jdbc.sql("""
                UPDATE integration_connection SET last_sync_at = :at,
                    last_success_at = CASE WHEN :success THEN :at ELSE last_success_at END,
                    consecutive_failures = CASE WHEN :success THEN 0 ELSE consecutive_failures + 1 END,
                    last_error = :error
                WHERE org_id = :org AND id = :id""")
                .param("at", toDb(at)).param("success", success).param("error", clip(error))
                .param("org", orgId).param("id", id).update();
    }

    private static Connection connection(ResultSet rs, int i) throws SQLException {
        return new Connection(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("connector"),
                rs.getString("display_name"), JSON.readValue(rs.getString("settings"), STRING_MAP),
                Duration.ofSeconds(rs.getLong("sync_interval_seconds")), rs.getBoolean("enabled"),
                rs.getInt("consecutive_failures"), instant(rs, "last_sync_at"), instant(rs, "last_success_at"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    // Documents

    void replaceDocument(Document d, byte[] content) {
        jdbc.sql("DELETE FROM integration_document WHERE org_id = :org AND connection_id = :conn AND field_name = :field")
                .param("org", d.orgId()).param("conn", d.connectionId()).param("field", d.fieldName()).update();
        jdbc.sql("""
                INSERT INTO integration_document (id, org_id, connection_id, field_name, file_name, size, sha256, content,
                    uploaded_at)
                VALUES (:id, :org, :conn, :field, :name, :size, :sha, :content, :at)""")
                .param("id", d.id()).param("org", d.orgId()).param("conn", d.connectionId()).param("field", d.fieldName())
                .param("name", d.fileName()).param("size", d.size()).param("sha", d.sha256()).param("content", content)
                .param("at", toDb(d.uploadedAt())).update();
    }

    List<Document> documents(UUID orgId, UUID connectionId) {
        return jdbc.sql("""
                SELECT id, org_id, connection_id, field_name, file_name, size, sha256, uploaded_at FROM integration_document
                WHERE org_id = :org AND connection_id = :conn ORDER BY field_name""")
                .param("org", orgId).param("conn", connectionId)
                .query((rs, i) -> new Document(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getObject("connection_id", UUID.class), rs.getString("field_name"), rs.getString("file_name"),
                        rs.getLong("size"), rs.getString("sha256"), instant(rs, "uploaded_at")))
                .list();
    }

    byte[] documentContent(UUID orgId, UUID documentId) {
        return jdbc.sql("SELECT content FROM integration_document WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", documentId).query((rs, i) -> rs.getBytes(1)).optional()
                .orElseThrow(() -> new IllegalStateException("document " + documentId + " is gone"));
    }

    // Sync runs

    void startSync(UUID orgId, UUID connectionId, UUID syncId, String trigger, Instant at) {
        // Only one sync of a connection runs at a time: one still "running" was cut off (its node stopped).
        jdbc.sql("""
                UPDATE integration_sync SET status = 'failed', finished_at = :at,
                    error = 'Interrupted: the node running the sync stopped before it finished'
                WHERE org_id = :org AND connection_id = :conn AND status = 'running'""")
                .param("at", toDb(at)).param("org", orgId).param("conn", connectionId).update();
        jdbc.sql("""
                INSERT INTO integration_sync (id, org_id, connection_id, trigger_kind, started_at, status, type_counts,
                    failed_types, attempts)
                VALUES (:id, :org, :conn, :trigger, :at, 'running', '{}', '[]', 0)""")
                .param("id", syncId).param("org", orgId).param("conn", connectionId).param("trigger", trigger)
                .param("at", toDb(at)).update();
    }

    void finishSync(UUID orgId, UUID syncId, Instant at, String status, Map<String, Integer> counts, List<String> failed,
                    int attempts, String error, String payloadDigest) {
        jdbc.sql("""
                UPDATE integration_sync SET finished_at = :at, status = :status, type_counts = :counts,
                    failed_types = :failed, attempts = :attempts, error = :error, payload_digest = :digest
                WHERE org_id = :org AND id = :id""")
                .param("at", toDb(at)).param("status", status).param("counts", JSON.writeValueAsString(counts))
                .param("failed", JSON.writeValueAsString(failed)).param("attempts", attempts).param("error", clip(error))
                .param("digest", payloadDigest).param("org", orgId).param("id", syncId).update();
    }

    /** Newest first. */
    List<SyncRun> syncs(UUID orgId, UUID connectionId, UUID before, int limit) {
        return jdbc.sql("SELECT * FROM integration_sync WHERE org_id = :org AND connection_id = :conn"
                        + (before == null ? "" : " AND id < :before") + " ORDER BY id DESC LIMIT :limit")
                .param("org", orgId).param("conn", connectionId).param("limit", limit)
                .params(before == null ? Map.of() : Map.of("before", before))
                .query((rs, i) -> new SyncRun(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
                        rs.getString("trigger_kind"), instant(rs, "started_at"), instant(rs, "finished_at"),
                        rs.getString("status"), JSON.readValue(rs.getString("type_counts"), COUNT_MAP),
                        JSON.readValue(rs.getString("failed_types"), STRING_LIST), rs.getInt("attempts"),
                        rs.getString("error"), rs.getString("payload_digest")))
                .list();
    }

    // Per-type state

    void typeSucceeded(UUID orgId, UUID connectionId, String type, int count, Instant at) {
        int updated = jdbc.sql("""
                UPDATE integration_type_state SET last_success_at = :at, last_count = :count, last_failure_at = NULL,
                    last_error = NULL
                WHERE org_id = :org AND connection_id = :conn AND resource_type = :type""")
                .param("at", toDb(at)).param("count", count).param("org", orgId).param("conn", connectionId)
                .param("type", type).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO integration_type_state (org_id, connection_id, resource_type, last_success_at, last_count)
                    VALUES (:org, :conn, :type, :at, :count)""")
                    .param("org", orgId).param("conn", connectionId).param("type", type).param("at", toDb(at))
                    .param("count", count).update();
        }
    }

    void typeFailed(UUID orgId, UUID connectionId, String type, String error, Instant at) {
        int updated = jdbc.sql("""
                UPDATE integration_type_state SET last_failure_at = :at, last_error = :error
                WHERE org_id = :org AND connection_id = :conn AND resource_type = :type""")
                .param("at", toDb(at)).param("error", clip(error)).param("org", orgId).param("conn", connectionId)
                .param("type", type).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO integration_type_state (org_id, connection_id, resource_type, last_count, last_failure_at,
                        last_error)
                    VALUES (:org, :conn, :type, 0, :at, :error)""")
                    .param("org", orgId).param("conn", connectionId).param("type", type).param("at", toDb(at))
                    .param("error", clip(error)).update();
        }
    }

    List<TypeState> typeStates(UUID orgId, UUID connectionId) {
        return jdbc.sql("""
                SELECT * FROM integration_type_state WHERE org_id = :org AND connection_id = :conn ORDER BY resource_type""")
                .param("org", orgId).param("conn", connectionId)
                .query((rs, i) -> new TypeState(rs.getString("resource_type"), instant(rs, "last_success_at"),
                        rs.getInt("last_count"), instant(rs, "last_failure_at"), rs.getString("last_error")))
                .list();
    }

    static String clip(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
