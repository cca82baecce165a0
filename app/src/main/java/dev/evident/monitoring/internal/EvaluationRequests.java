package dev.evident.monitoring.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.integration.ConnectionSynced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Evaluations still to run after syncs, one row per connection. A newer sync merges into a waiting
 * row: its facts (sync id, error, failed types) replace the old ones, the types to evaluate add up.
 */
@Repository
class EvaluationRequests {

    /** A row: which connection, and the sync facts the evaluation and its evidence records need. */
    record Request(UUID orgId, UUID connectionId, ConnectionSynced synced) {
    }

    private final JdbcClient jdbc;

    EvaluationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records (or merges) the evaluation a sync asks for; run in the sync's transaction. */
    void request(ConnectionSynced synced, Instant now) {
        Optional<Request> waiting = find(synced.orgId(), synced.connectionId());
        List<String> failed = synced.failedTypes() == null ? List.of() : synced.failedTypes();
        Set<String> types = new LinkedHashSet<>();
        waiting.ifPresent(w -> {
            types.addAll(w.synced().resourceTypes());
            types.addAll(w.synced().failedTypes());
        });
        if (synced.resourceTypes() != null) {
            types.addAll(synced.resourceTypes());
        }
        types.removeAll(failed);
        var params = new java.util.HashMap<String, Object>();
        params.put("org", synced.orgId());
        params.put("connection", synced.connectionId());
        params.put("sync", synced.syncId());
        params.put("connector", synced.connector());
        params.put("finished", toDb(synced.finishedAt()));
        params.put("types", String.join(",", types));
        params.put("failed", String.join(",", failed));
        params.put("error", ResultIntervals.truncate(synced.error(), 4000));
        params.put("digest", synced.payloadDigest());
        params.put("now", toDb(now));
        String sql = waiting.isPresent() ? """
                UPDATE monitoring_evaluation_request SET sync_id = :sync, connector = :connector, finished_at = :finished,
                    resource_types = :types, failed_types = :failed, error = :error, payload_digest = :digest,
                    requested_at = :now
                WHERE org_id = :org AND connection_id = :connection""" : """
                INSERT INTO monitoring_evaluation_request (org_id, connection_id, sync_id, connector, finished_at,
                    resource_types, failed_types, error, payload_digest, requested_at)
                VALUES (:org, :connection, :sync, :connector, :finished, :types, :failed, :error, :digest, :now)""";
        jdbc.sql(sql).params(params).update();
    }

    Optional<Request> find(UUID orgId, UUID connectionId) {
        return jdbc.sql("SELECT * FROM monitoring_evaluation_request WHERE org_id = :org AND connection_id = :connection")
                .param("org", orgId).param("connection", connectionId)
                .query((rs, i) -> {
                    UUID org = rs.getObject("org_id", UUID.class);
                    UUID connection = rs.getObject("connection_id", UUID.class);
                    return new Request(org, connection, new ConnectionSynced(org, connection, rs.getString("connector"),
                            rs.getObject("sync_id", UUID.class), fromDb(rs.getObject("finished_at")),
                            split(rs.getString("resource_types")), split(rs.getString("failed_types")),
                            rs.getString("error"), rs.getString("payload_digest")));
                }).optional();
    }

    /** Removes the request if no newer sync merged into it since it was read; false when one did. */
    boolean done(UUID orgId, UUID connectionId, UUID syncId) {
        return jdbc.sql("""
                DELETE FROM monitoring_evaluation_request
                WHERE org_id = :org AND connection_id = :connection AND sync_id = :sync""")
                .param("org", orgId).param("connection", connectionId).param("sync", syncId).update() > 0
                || find(orgId, connectionId).isEmpty();
    }

    /** Drops the connection's waiting request (the connection is gone). */
    void forget(UUID orgId, UUID connectionId) {
        jdbc.sql("DELETE FROM monitoring_evaluation_request WHERE org_id = :org AND connection_id = :connection")
                .param("org", orgId).param("connection", connectionId).update();
    }

    /** Requests of every organization waiting since before {@code before} (for the sweep that re-plans lost ones). */
    List<Request> waitingSince(Instant before) {
        List<Request> out = new ArrayList<>();
        jdbc.sql("SELECT org_id, connection_id FROM monitoring_evaluation_request WHERE requested_at < :before")
                .param("before", toDb(before))
                .query((rs, i) -> new Request(rs.getObject("org_id", UUID.class), rs.getObject("connection_id", UUID.class), null))
                .list().forEach(out::add);
        return out;
    }

    /** Whether the organization has evaluations waiting or running. */
    boolean anyWaiting(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM monitoring_evaluation_request WHERE org_id = :org")
                .param("org", orgId).query(Integer.class).single() > 0;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
