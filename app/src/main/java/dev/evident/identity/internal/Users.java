package dev.evident.identity.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** User accounts are installation-wide; organization access goes through {@link Memberships}. */
@Repository
public class Users {

    public record UserAccount(UUID id, String email, String displayName, String passwordHash, String totpSecret,
                              boolean totpEnabled, int failedSignIns, Instant lockedUntil, Instant lastSignInAt,
                              UUID lastOrgId, Instant createdAt, long version) {
    }

    private static final String COLUMNS = """
            id, email, display_name, password_hash, totp_secret, totp_enabled, failed_sign_ins, locked_until,
            last_sign_in_at, last_org_id, created_at, version""";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String email, String displayName, String passwordHash, Instant now) {
        jdbc.sql("""
                INSERT INTO app_user (id, email, display_name, password_hash, created_at, updated_at)
                VALUES (:id, :email, :name, :hash, :now, :now)""")
                .param("id", id).param("email", email).param("name", displayName).param("hash", passwordHash)
                .param("now", toDb(now)).update();
    }

    public Optional<UserAccount> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id").param("id", id)
                .query(Users::map).optional();
    }

    public Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE email = :email").param("email", email)
                .query(Users::map).optional();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    void recordFailure(UUID id, int failures, Instant lockedUntil, Instant now) {
        jdbc.sql("UPDATE app_user SET failed_sign_ins = :f, locked_until = :locked, updated_at = :now WHERE id = :id")
                .param("f", failures).param("locked", toDb(lockedUntil)).param("now", toDb(now)).param("id", id).update();
    }

    void recordSuccess(UUID id, Instant now) {
        jdbc.sql("""
                UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = :now, updated_at = :now
                WHERE id = :id""").param("now", toDb(now)).param("id", id).update();
    }

    void updatePassword(UUID id, String hash, Instant now) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash, updated_at = :now, version = version + 1 WHERE id = :id")
                .param("hash", hash).param("now", toDb(now)).param("id", id).update();
    }

    void updateDisplayName(UUID id, String name, Instant now) {
        jdbc.sql("UPDATE app_user SET display_name = :name, updated_at = :now, version = version + 1 WHERE id = :id")
                .param("name", name).param("now", toDb(now)).param("id", id).update();
    }

    void updateTotp(UUID id, String encryptedSecret, boolean enabled, Instant now) {
        jdbc.sql("""
                UPDATE app_user SET totp_secret = :secret, totp_enabled = :enabled, updated_at = :now, version = version + 1
                WHERE id = :id""")
                .param("secret", encryptedSecret).param("enabled", enabled).param("now", toDb(now)).param("id", id).update();
    }

    /** Stores the last accepted TOTP step; returns false if that step (or a later one) was already used. */
    boolean advanceTotpStep(UUID id, long step) {
        return jdbc.sql("""
                UPDATE app_user SET totp_last_step = :step
                WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)""")
                .param("step", step).param("id", id).update() == 1;
    }

    /** The organization a user lands in next time they sign in. */
    public void updateLastOrg(UUID id, UUID orgId) {
        jdbc.sql("UPDATE app_user SET last_org_id = :org WHERE id = :id").param("org", orgId).param("id", id).update();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getString("totp_secret"), rs.getBoolean("totp_enabled"),
                rs.getInt("failed_sign_ins"), fromDb(rs.getObject("locked_until", OffsetDateTime.class)),
                fromDb(rs.getObject("last_sign_in_at", OffsetDateTime.class)), rs.getObject("last_org_id", UUID.class),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)), rs.getLong("version"));
    }
}
