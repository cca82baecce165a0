package dev.evident.notification.internal.email;

import static dev.evident.shared.Timestamps.toDb;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Immediate emails waiting to be sent, with their tries; the content is the notification's. */
@Repository
class EmailOutbox {

    /** A waiting email with what it says. */
    record Pending(UUID id, UUID orgId, UUID userId, int attempts, String subject, String body, String link) {
    }

    private final JdbcClient jdbc;

    EmailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(UUID id, UUID notificationId, UUID orgId, UUID userId, Instant at) {
        jdbc.sql("""
                INSERT INTO notification_email_outbox (id, org_id, notification_id, user_id, status, attempts,
                    next_attempt_at, created_at)
                VALUES (:id, :org, :notification, :user, 'PENDING', 0, :at, :at)""")
                .param("id", id).param("org", orgId).param("notification", notificationId).param("user", userId)
                .param("at", toDb(at)).update();
    }

    Optional<Pending> pending(UUID orgId, UUID id) {
        return jdbc.sql("""
                SELECT o.id, o.org_id, o.user_id, o.attempts, n.subject, n.body, n.link
                FROM notification_email_outbox o JOIN notification n ON n.id = o.notification_id AND n.org_id = o.org_id
                WHERE o.org_id = :org AND o.id = :id AND o.status = 'PENDING'""")
                .param("org", orgId).param("id", id)
                .query((rs, i) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getInt("attempts"), rs.getString("subject"),
                        rs.getString("body"), rs.getString("link")))
                .optional();
    }

    void finish(UUID orgId, UUID id, String status, int attempts, Instant at, String error) {
        jdbc.sql("""
                UPDATE notification_email_outbox SET status = :status, attempts = :attempts, last_error = :error,
                    sent_at = CASE WHEN :status = 'SENT' THEN CAST(:at AS TIMESTAMP WITH TIME ZONE) ELSE sent_at END
                WHERE org_id = :org AND id = :id""")
                .param("status", status).param("attempts", attempts).param("error", clip(error)).param("at", toDb(at))
                .param("org", orgId).param("id", id).update();
    }

    void retryAt(UUID orgId, UUID id, int attempts, Instant next, String error) {
        jdbc.sql("""
                UPDATE notification_email_outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error
                WHERE org_id = :org AND id = :id""")
                .param("attempts", attempts).param("next", toDb(next)).param("error", clip(error))
                .param("org", orgId).param("id", id).update();
    }

    /** Waiting emails of every organization due before {@code before}, for the sweep that re-plans lost ones. */
    List<Pending> dueBefore(Instant before) {
        return jdbc.sql("""
                SELECT id, org_id, user_id, attempts FROM notification_email_outbox
                WHERE status = 'PENDING' AND next_attempt_at < :before""")
                .param("before", toDb(before))
                .query((rs, i) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getInt("attempts"), null, null, null))
                .list();
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
