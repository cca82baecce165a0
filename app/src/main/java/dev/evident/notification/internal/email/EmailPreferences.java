package dev.evident.notification.internal.email;

import static dev.evident.shared.Timestamps.toDb;

import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Each member's email preference per organization; a member who never chose gets emails immediately. */
@Repository
public class EmailPreferences {

    private final JdbcClient jdbc;
    private final Clock clock;

    EmailPreferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public EmailMode mode(UUID orgId, UUID userId) {
        return jdbc.sql("SELECT email_mode FROM notification_preference WHERE org_id = :org AND user_id = :user")
                .param("org", orgId).param("user", userId).query(String.class).optional()
                .map(EmailMode::valueOf).orElse(EmailMode.IMMEDIATE);
    }

    @Transactional
    public void set(UUID orgId, UUID userId, EmailMode mode) {
        var now = toDb(Timestamps.now(clock));
        int updated = jdbc.sql("UPDATE notification_preference SET email_mode = :mode, updated_at = :at "
                        + "WHERE org_id = :org AND user_id = :user")
                .param("mode", mode.name()).param("at", now).param("org", orgId).param("user", userId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO notification_preference (org_id, user_id, email_mode, updated_at)
                    VALUES (:org, :user, :mode, :at) ON CONFLICT DO NOTHING""")
                    .param("org", orgId).param("user", userId).param("mode", mode.name()).param("at", now).update();
        }
    }
}
