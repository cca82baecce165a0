package dev.evident.notification.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.notification.Notifications.Notice;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification table; every query is scoped by organization and recipient. */
@Repository
class NotificationStore {

    record Stored(UUID id, String kind, String subject, String body, String link, Instant createdAt, Instant readAt) {
        boolean read() {
            return readAt != null;
        }
    }

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the recipient was notified with the same key before. */
    boolean insert(UUID id, Notice n, Instant at) {
        return jdbc.sql("""
                INSERT INTO notification (id, org_id, user_id, kind, subject, body, link, dedupe_key, created_at)
                VALUES (:id, :org, :user, :kind, :subject, :body, :link, :key, :at)
                ON CONFLICT DO NOTHING""")
                .param("id", id).param("org", n.orgId()).param("user", n.userId()).param("kind", n.kind())
                .param("subject", n.subject()).param("body", n.body()).param("link", n.link()).param("key", n.dedupeKey())
                .param("at", toDb(at)).update() == 1;
    }

    /** Newest first, after the given id (exclusive) when paging. */
    List<Stored> page(UUID orgId, UUID userId, UUID before, boolean unreadOnly, int limit) {
        return jdbc.sql("SELECT * FROM notification WHERE org_id = :org AND user_id = :user"
                        + (before == null ? "" : " AND id < :before") + (unreadOnly ? " AND read_at IS NULL" : "")
                        + " ORDER BY id DESC LIMIT :limit")
                .param("org", orgId).param("user", userId).param("limit", limit)
                .params(before == null ? java.util.Map.of() : java.util.Map.of("before", before))
                .query(NotificationStore::row)
                .list();
    }

    private static Stored row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Stored(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("subject"), rs.getString("body"),
                rs.getString("link"), fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                fromDb(rs.getObject("read_at", OffsetDateTime.class)));
    }

    Optional<Stored> find(UUID orgId, UUID userId, UUID id) {
        return jdbc.sql("SELECT * FROM notification WHERE org_id = :org AND user_id = :user AND id = :id")
                .param("org", orgId).param("user", userId).param("id", id)
                .query(NotificationStore::row)
                .optional();
    }

    void markRead(UUID orgId, UUID userId, UUID id, Instant at) {
        jdbc.sql("UPDATE notification SET read_at = :at WHERE org_id = :org AND user_id = :user AND id = :id AND read_at IS NULL")
                .param("at", toDb(at)).param("org", orgId).param("user", userId).param("id", id).update();
    }

    int markAllRead(UUID orgId, UUID userId, Instant at) {
        return jdbc.sql("UPDATE notification SET read_at = :at WHERE org_id = :org AND user_id = :user AND read_at IS NULL")
                .param("at", toDb(at)).param("org", orgId).param("user", userId).update();
    }

    int unread(UUID orgId, UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE org_id = :org AND user_id = :user AND read_at IS NULL")
                .param("org", orgId).param("user", userId).query(Integer.class).single();
    }
}
