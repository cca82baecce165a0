package dev.evident.notification.internal.webhook;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook_endpoint table; every query is scoped by organization. */
@Repository
class WebhookEndpoints {

    record Endpoint(UUID id, UUID orgId, String url, String description, Set<String> events, String secretEncrypted,
                    boolean active, UUID createdBy, Instant createdAt, Instant updatedAt) {

        boolean wants(String eventType) {
            return events.contains(WebhookEventTypes.ALL) || events.contains(eventType)
                    // a summary stands for the single changes an endpoint subscribed to
                    || WebhookEventTypes.CHECK_STATE_CHANGES.equals(eventType)
                    && events.contains(WebhookEventTypes.CHECK_STATE_CHANGED);
        }
    }

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Endpoint e) {
        jdbc.sql("""
                INSERT INTO webhook_endpoint (id, org_id, url, description, events, secret_encrypted, active, created_by,
                                              created_at, updated_at)
                VALUES (:id, :org, :url, :description, :events, :secret, :active, :createdBy, :createdAt, :updatedAt)""")
                .param("id", e.id()).param("org", e.orgId()).param("url", e.url()).param("description", e.description())
                .param("events", String.join(",", e.events())).param("secret", e.secretEncrypted())
                .param("active", e.active()).param("createdBy", e.createdBy()).param("createdAt", toDb(e.createdAt()))
                .param("updatedAt", toDb(e.updatedAt())).update();
    }

    void update(Endpoint e) {
        jdbc.sql("""
                UPDATE webhook_endpoint SET url = :url, description = :description, events = :events, active = :active,
                       secret_encrypted = :secret, updated_at = :updatedAt
                WHERE org_id = :org AND id = :id""")
                .param("url", e.url()).param("description", e.description()).param("events", String.join(",", e.events()))
                .param("active", e.active()).param("secret", e.secretEncrypted()).param("updatedAt", toDb(e.updatedAt()))
                .param("org", e.orgId()).param("id", e.id()).update();
    }

    boolean delete(UUID orgId, UUID id) {
        return jdbc.sql("DELETE FROM webhook_endpoint WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).update() == 1;
    }

    Optional<Endpoint> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM webhook_endpoint WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(WebhookEndpoints::row).optional();
    }

    /** Newest first, before the given id (exclusive) when paging. */
    List<Endpoint> page(UUID orgId, UUID before, int limit) {
        return jdbc.sql("SELECT * FROM webhook_endpoint WHERE org_id = :org" + (before == null ? "" : " AND id < :before")
                        + " ORDER BY id DESC LIMIT :limit")
                .param("org", orgId).param("limit", limit)
                .params(before == null ? Map.of() : Map.of("before", before))
                .query(WebhookEndpoints::row).list();
    }

    List<Endpoint> active(UUID orgId) {
        return jdbc.sql("SELECT * FROM webhook_endpoint WHERE org_id = :org AND active = TRUE ORDER BY id")
                .param("org", orgId).query(WebhookEndpoints::row).list();
    }

    private static Endpoint row(ResultSet rs, int i) throws SQLException {
        return new Endpoint(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("url"),
                rs.getString("description"), new LinkedHashSet<>(Arrays.asList(rs.getString("events").split(","))),
                rs.getString("secret_encrypted"), rs.getBoolean("active"), rs.getObject("created_by", UUID.class),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)), fromDb(rs.getObject("updated_at", OffsetDateTime.class)));
    }
}
