package dev.evident.notification.internal.email;

import static dev.evident.shared.Timestamps.toDb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notifications waiting for a digest, and the digests sent (one per member and day). */
@Repository
class DigestStore {

    record Recipient(UUID orgId, UUID userId) {
    }

    record Line(String subject, String body, String link) {
    }

    record Digest(UUID id, LocalDate day, String status, int items, Instant sentAt, String error) {
    }

    private final JdbcClient jdbc;

    DigestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void addItem(UUID notificationId, UUID orgId, UUID userId, Instant at) {
        jdbc.sql("""
                INSERT INTO notification_digest_item (notification_id, org_id, user_id, created_at)
                VALUES (:id, :org, :user, :at) ON CONFLICT DO NOTHING""")
                .param("id", notificationId).param("org", orgId).param("user", userId).param("at", toDb(at)).update();
    }

    /** Members with notifications that no digest took yet, created up to the given time. */
    List<Recipient> waiting(Instant upTo) {
        return jdbc.sql("SELECT DISTINCT org_id, user_id FROM notification_digest_item WHERE digest_id IS NULL "
                        + "AND created_at <= :upTo")
                .param("upTo", toDb(upTo))
                .query((rs, i) -> new Recipient(rs.getObject("org_id", UUID.class), rs.getObject("user_id", UUID.class)))
                .list();
    }

    /** The claim: true for the one node whose insert of the member's digest for the day succeeded. */
    boolean claim(UUID id, Recipient r, LocalDate day, Instant at) {
        return jdbc.sql("""
                INSERT INTO notification_digest (id, org_id, user_id, digest_day, status, items, claimed_at)
                VALUES (:id, :org, :user, :day, 'SENDING', 0, :at) ON CONFLICT DO NOTHING""")
                .param("id", id).param("org", r.orgId()).param("user", r.userId()).param("day", day)
                .param("at", toDb(at)).update() == 1;
    }

    /** Moves the member's waiting notifications into the digest; returns how many. */
    int take(UUID digestId, Recipient r, Instant upTo) {
        return jdbc.sql("UPDATE notification_digest_item SET digest_id = :digest WHERE org_id = :org AND user_id = :user "
                        + "AND digest_id IS NULL AND created_at <= :upTo")
                .param("digest", digestId).param("org", r.orgId()).param("user", r.userId()).param("upTo", toDb(upTo))
                .update();
    }

    List<Line> lines(UUID orgId, UUID digestId) {
        return jdbc.sql("""
                SELECT n.subject, n.body, n.link FROM notification_digest_item i
                JOIN notification n ON n.id = i.notification_id AND n.org_id = i.org_id
                WHERE i.org_id = :org AND i.digest_id = :digest ORDER BY n.id""")
                .param("org", orgId).param("digest", digestId)
                .query((rs, i) -> new Line(rs.getString("subject"), rs.getString("body"), rs.getString("link")))
                .list();
    }

    void finish(UUID orgId, UUID digestId, String status, int items, Instant sentAt, String error) {
        jdbc.sql("UPDATE notification_digest SET status = :status, items = :items, sent_at = :sent, error = :error "
                        + "WHERE org_id = :org AND id = :id")
                .param("status", status).param("items", items).param("sent", toDb(sentAt))
                .param("error", error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("org", orgId).param("id", digestId).update();
    }

    /** A failed digest gives its notifications back to the next one. */
    void release(UUID orgId, UUID digestId) {
        jdbc.sql("UPDATE notification_digest_item SET digest_id = NULL WHERE org_id = :org AND digest_id = :digest")
                .param("org", orgId).param("digest", digestId).update();
    }

    List<Digest> recent(UUID orgId, UUID userId, int limit) {
        return jdbc.sql("SELECT * FROM notification_digest WHERE org_id = :org AND user_id = :user "
                        + "ORDER BY digest_day DESC LIMIT :limit")
                .param("org", orgId).param("user", userId).param("limit", limit)
                .query((rs, i) -> new Digest(rs.getObject("id", UUID.class), rs.getObject("digest_day", LocalDate.class),
                        rs.getString("status"), rs.getInt("items"),
                        dev.evident.shared.Timestamps.fromDb(rs.getObject("sent_at", java.time.OffsetDateTime.class)),
                        rs.getString("error")))
                .list();
    }
}
