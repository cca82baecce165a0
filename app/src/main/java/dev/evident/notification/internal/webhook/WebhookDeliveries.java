package dev.evident.notification.internal.webhook;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhook_delivery table: the queue the worker sends from and the delivery log people read.
 * Statuses: PENDING (due at next_attempt_at), SENDING (claimed by a node until claimed_until),
 * SUCCEEDED, FAILED (no attempts left).
 */
@Repository
class WebhookDeliveries {

    record Delivery(UUID id, UUID orgId, UUID endpointId, UUID eventId, String eventType, String payload, String status,
                    int attempts, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, Long lastDurationMs,
                    String lastResponse, String lastError, Instant createdAt) {
    }

    /** The outcome of one attempt, as recorded. */
    record Recorded(String status, int attempts, Instant nextAttemptAt, Instant attemptedAt, Integer statusCode,
                    Long durationMs, String response, String error) {
    }

    private static final String DUE = "(status = 'PENDING' AND next_attempt_at <= :now) "
            + "OR (status = 'SENDING' AND claimed_until < :now)";

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new delivery, either due at {@code dueAt} (PENDING) or already claimed until {@code claimedUntil}. */
    void insert(Delivery d, Instant claimedUntil) {
        jdbc.sql("""
                INSERT INTO webhook_delivery (id, org_id, endpoint_id, event_id, event_type, payload, status, attempts,
                                              next_attempt_at, claimed_until, created_at)
                VALUES (:id, :org, :endpoint, :event, :type, :payload, :status, 0, :next, :claimed, :created)""")
                .param("id", d.id()).param("org", d.orgId()).param("endpoint", d.endpointId()).param("event", d.eventId())
                .param("type", d.eventType()).param("payload", d.payload()).param("status", d.status())
                .param("next", toDb(d.nextAttemptAt())).param("claimed", toDb(claimedUntil))
                .param("created", toDb(d.createdAt())).update();
    }

    /** Ids of deliveries due now, across organizations (the worker serves the installation). */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM webhook_delivery WHERE " + DUE + " ORDER BY next_attempt_at LIMIT :limit")
                .param("now", toDb(now)).param("limit", limit).query(UUID.class).list();
    }

    /** True for the one node whose update moved the delivery to SENDING. */
    boolean claim(UUID id, Instant now, Instant until) {
        return jdbc.sql("UPDATE webhook_delivery SET status = 'SENDING', claimed_until = :until WHERE id = :id AND (" + DUE + ")")
                .param("until", toDb(until)).param("id", id).param("now", toDb(now)).update() == 1;
    }

    /** Records an attempt on a delivery this node claimed. */
    void record(UUID id, Recorded r) {
        jdbc.sql("""
                UPDATE webhook_delivery SET status = :status, attempts = :attempts, next_attempt_at = :next,
                       claimed_until = NULL, last_attempt_at = :at, last_status_code = :code, last_duration_ms = :duration,
                       last_response = :response, last_error = :error
                WHERE id = :id AND status = 'SENDING'""")
                .param("status", r.status()).param("attempts", r.attempts()).param("next", toDb(r.nextAttemptAt()))
                .param("at", toDb(r.attemptedAt())).param("code", r.statusCode()).param("duration", r.durationMs())
                .param("response", clip(r.response(), 2000)).param("error", clip(r.error(), 1000)).param("id", id).update();
    }

    /** For the worker, which found the id through {@link #due}. */
    Optional<Delivery> byId(UUID id) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE id = :id").param("id", id)
                .query(WebhookDeliveries::row).optional();
    }

    Optional<Delivery> find(UUID orgId, UUID endpointId, UUID id) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE org_id = :org AND endpoint_id = :endpoint AND id = :id")
                .param("org", orgId).param("endpoint", endpointId).param("id", id)
                .query(WebhookDeliveries::row).optional();
    }

    /** Newest first, before the given id (exclusive) when paging. */
    List<Delivery> page(UUID orgId, UUID endpointId, UUID before, int limit) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE org_id = :org AND endpoint_id = :endpoint"
                        + (before == null ? "" : " AND id < :before") + " ORDER BY id DESC LIMIT :limit")
                .param("org", orgId).param("endpoint", endpointId).param("limit", limit)
                .params(before == null ? Map.of() : Map.of("before", before))
                .query(WebhookDeliveries::row).list();
    }

    /** Removes finished deliveries created before the cutoff; returns how many. */
    int purgeFinished(Instant before) {
        return jdbc.sql("DELETE FROM webhook_delivery WHERE created_at < :before AND status IN ('SUCCEEDED', 'FAILED')")
                .param("before", toDb(before)).update();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Delivery row(ResultSet rs, int i) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("endpoint_id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"),
                fromDb(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                fromDb(rs.getObject("last_attempt_at", OffsetDateTime.class)),
                (Integer) rs.getObject("last_status_code", Integer.class), (Long) rs.getObject("last_duration_ms", Long.class),
                rs.getString("last_response"), rs.getString("last_error"),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)));
    }
}
