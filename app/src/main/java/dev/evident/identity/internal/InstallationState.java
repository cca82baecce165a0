package dev.evident.identity.internal;

import static dev.evident.shared.Timestamps.toDb;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Installation-wide key/value state (not organization data). */
@Repository
class InstallationState {

    private final JdbcClient jdbc;

    InstallationState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> get(String key) {
        return jdbc.sql("SELECT state_value FROM installation_state WHERE state_key = :key").param("key", key)
                .query(String.class).optional();
    }

    void put(String key, String value, Instant now) {
        int updated = jdbc.sql("UPDATE installation_state SET state_value = :value, updated_at = :now WHERE state_key = :key")
                .param("value", value).param("now", toDb(now)).param("key", key).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO installation_state (state_key, state_value, updated_at) VALUES (:key, :value, :now)")
                    .param("key", key).param("value", value).param("now", toDb(now)).update();
        }
    }

    void delete(String key) {
        jdbc.sql("DELETE FROM installation_state WHERE state_key = :key").param("key", key).update();
    }
}
