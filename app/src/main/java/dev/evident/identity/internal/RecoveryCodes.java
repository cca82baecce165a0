package dev.evident.identity.internal;

import static dev.evident.shared.Timestamps.toDb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One-time recovery codes for the second factor, stored as SHA-256 hashes. */
@Repository
class RecoveryCodes {

    private final JdbcClient jdbc;

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replace(UUID userId, List<String> hashes, java.time.Clock clock) {
        jdbc.sql("DELETE FROM recovery_code WHERE user_id = :user").param("user", userId).update();
        for (String hash : hashes) {
            jdbc.sql("INSERT INTO recovery_code (id, user_id, code_hash) VALUES (:id, :user, :hash)")
                    .param("id", dev.evident.shared.Ids.next(clock)).param("user", userId).param("hash", hash).update();
        }
    }

    /** Marks the code used; false if it does not exist or was used before. */
    boolean consume(UUID userId, String hash, Instant now) {
        return jdbc.sql("""
                UPDATE recovery_code SET used_at = :now WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL""")
                .param("now", toDb(now)).param("user", userId).param("hash", hash).update() == 1;
    }

    int remaining(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE user_id = :user AND used_at IS NULL")
                .param("user", userId).query(Integer.class).single();
    }

    void deleteAll(UUID userId) {
        jdbc.sql("DELETE FROM recovery_code WHERE user_id = :user").param("user", userId).update();
    }
}
