package dev.evident.identity.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API tokens: only the SHA-256 of the secret is stored; the prefix identifies a token in lists. */
@Repository
public class ApiTokens {

    public record ApiToken(UUID id, UUID orgId, String name, Role role, String prefix, UUID createdBy,
                           Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        public boolean activeAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }

        public String status(Instant now) {
            if (revokedAt != null) {
                return "REVOKED";
            }
            return activeAt(now) ? "ACTIVE" : "EXPIRED";
        }
    }

    private static final String COLUMNS =
            "id, org_id, name, role, token_prefix, created_by, created_at, expires_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID orgId, String name, Role role, String hash, String prefix, UUID createdBy,
                Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO api_token (id, org_id, name, role, token_hash, token_prefix, created_by, created_at, expires_at)
                VALUES (:id, :org, :name, :role, :hash, :prefix, :by, :now, :expires)""")
                .param("id", id).param("org", orgId).param("name", name).param("role", role.name()).param("hash", hash)
                .param("prefix", prefix).param("by", createdBy).param("now", toDb(now)).param("expires", toDb(expiresAt))
                .update();
    }

    public Optional<ApiToken> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(ApiTokens::map).optional();
    }

    /** Authentication lookup: the hash of a presented bearer token is the only key. */
    Optional<ApiToken> findByHash(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = :hash")
                .param("hash", hash).query(ApiTokens::map).optional();
    }

    boolean existsByHash(String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = :hash").param("hash", hash)
                .query(Integer.class).single() > 0;
    }

    List<ApiToken> page(UUID orgId, PageRequest page) {
        return OrgPages.newestFirst(jdbc, COLUMNS, "api_token", orgId, page, ApiTokens::map);
    }

    List<ApiToken> activeCreatedBy(UUID orgId, UUID userId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE org_id = :org AND created_by = :user"
                        + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now) ORDER BY id")
                .param("org", orgId).param("user", userId).param("now", toDb(now)).query(ApiTokens::map).list();
    }

    int countActive(UUID orgId, Instant now) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM api_token WHERE org_id = :org AND revoked_at IS NULL
                  AND (expires_at IS NULL OR expires_at > :now)""")
                .param("org", orgId).param("now", toDb(now)).query(Integer.class).single();
    }

    boolean revoke(UUID orgId, UUID id, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE org_id = :org AND id = :id AND revoked_at IS NULL")
                .param("now", toDb(now)).param("org", orgId).param("id", id).update() == 1;
    }

    /** Written at most once a minute per token, so API traffic does not turn into write traffic. */
    void touch(UUID id, Instant now) {
        jdbc.sql("""
                UPDATE api_token SET last_used_at = :now
                WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :threshold)""")
                .param("now", toDb(now)).param("id", id).param("threshold", toDb(now.minusSeconds(60))).update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                Role.valueOf(rs.getString("role")), rs.getString("token_prefix"), rs.getObject("created_by", UUID.class),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)), fromDb(rs.getObject("expires_at", OffsetDateTime.class)),
                fromDb(rs.getObject("last_used_at", OffsetDateTime.class)), fromDb(rs.getObject("revoked_at", OffsetDateTime.class)));
    }
}
