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

@Repository
public class Invitations {

    public enum Status { PENDING, ACCEPTED, REVOKED, EXPIRED }

    public record Invitation(UUID id, UUID orgId, String email, Role role, UUID invitedBy, Instant createdAt,
                             Instant expiresAt, Instant acceptedAt, Instant revokedAt) {
        public Status status(Instant now) {
            if (acceptedAt != null) {
                return Status.ACCEPTED;
            }
            if (revokedAt != null) {
                return Status.REVOKED;
            }
            return now.isBefore(expiresAt) ? Status.PENDING : Status.EXPIRED;
        }
    }

    private static final String COLUMNS =
            "id, org_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at";

    private final JdbcClient jdbc;

    Invitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID orgId, String email, Role role, String tokenHash, UUID invitedBy, Instant now,
                Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO invitation (id, org_id, email, role, token_hash, invited_by, created_at, expires_at)
                VALUES (:id, :org, :email, :role, :hash, :by, :now, :expires)""")
                .param("id", id).param("org", orgId).param("email", email).param("role", role.name())
                .param("hash", tokenHash).param("by", invitedBy).param("now", toDb(now)).param("expires", toDb(expiresAt))
                .update();
    }

    public Optional<Invitation> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(Invitations::map).optional();
    }

    /** Looks an invitation up by its secret link; the only unscoped query, since the link is the credential. */
    Optional<Invitation> findByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE token_hash = :hash")
                .param("hash", tokenHash).query(Invitations::map).optional();
    }

    List<Invitation> page(UUID orgId, PageRequest page) {
        return OrgPages.newestFirst(jdbc, COLUMNS, "invitation", orgId, page, Invitations::map);
    }

    boolean hasPending(UUID orgId, String email, Instant now) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM invitation WHERE org_id = :org AND email = :email
                  AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now""")
                .param("org", orgId).param("email", email).param("now", toDb(now)).query(Integer.class).single() > 0;
    }

    int countPending(UUID orgId, Instant now) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM invitation WHERE org_id = :org
                  AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now""")
                .param("org", orgId).param("now", toDb(now)).query(Integer.class).single();
    }

    boolean markAccepted(UUID id, UUID userId, Instant now) {
        return jdbc.sql("""
                UPDATE invitation SET accepted_at = :now, accepted_by = :user
                WHERE id = :id AND accepted_at IS NULL AND revoked_at IS NULL""")
                .param("now", toDb(now)).param("user", userId).param("id", id).update() == 1;
    }

    boolean markRevoked(UUID orgId, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE invitation SET revoked_at = :now
                WHERE org_id = :org AND id = :id AND accepted_at IS NULL AND revoked_at IS NULL""")
                .param("now", toDb(now)).param("org", orgId).param("id", id).update() == 1;
    }

    private static Invitation map(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getObject("invited_by", UUID.class),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)), fromDb(rs.getObject("expires_at", OffsetDateTime.class)),
                fromDb(rs.getObject("accepted_at", OffsetDateTime.class)), fromDb(rs.getObject("revoked_at", OffsetDateTime.class)));
    }
}
