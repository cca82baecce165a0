package dev.evident.identity.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who belongs to which organization with which role. Every query names the organization. */
@Repository
public class Memberships {

    /** A member as shown in lists: membership joined with the user's public profile. */
    public record Member(UUID orgId, UUID userId, String email, String displayName, Role role, boolean twoFactor,
                         Instant lastSignInAt, Instant joinedAt, long version) {
    }

    private static final String SELECT = """
            SELECT m.org_id, m.user_id, u.email, u.display_name, m.role, u.totp_enabled, u.last_sign_in_at,
                   m.created_at, m.version
            FROM membership m JOIN app_user u ON u.id = m.user_id""";

    private final JdbcClient jdbc;

    Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID orgId, UUID userId, Role role, Instant now) {
        jdbc.sql("""
                INSERT INTO membership (org_id, user_id, role, created_at, updated_at, version)
                VALUES (:org, :user, :role, :now, :now, 0)""")
                .param("org", orgId).param("user", userId).param("role", role.name()).param("now", toDb(now)).update();
    }

    public Optional<Member> find(UUID orgId, UUID userId) {
        return jdbc.sql(SELECT + " WHERE m.org_id = :org AND m.user_id = :user")
                .param("org", orgId).param("user", userId).query(Memberships::map).optional();
    }

    public Optional<Role> roleOf(UUID orgId, UUID userId) {
        return jdbc.sql("SELECT role FROM membership WHERE org_id = :org AND user_id = :user")
                .param("org", orgId).param("user", userId).query(String.class).optional().map(Role::valueOf);
    }

    List<Member> page(UUID orgId, PageRequest page, Role roleFilter) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE m.org_id = :org");
        if (page.afterId() != null) {
            sql.append(" AND m.user_id > :after");
        }
        if (roleFilter != null) {
            sql.append(" AND m.role = :role");
        }
        var statement = jdbc.sql(sql.append(" ORDER BY m.user_id LIMIT :limit").toString())
                .param("org", orgId).param("limit", page.fetchSize());
        if (page.afterId() != null) {
            statement = statement.param("after", page.afterId());
        }
        if (roleFilter != null) {
            statement = statement.param("role", roleFilter.name());
        }
        return statement.query(Memberships::map).list();
    }

    /** Every member of an organization, by name; an organization has at most a few thousand. */
    List<Member> all(UUID orgId) {
        return jdbc.sql(SELECT + " WHERE m.org_id = :org ORDER BY LOWER(u.display_name), u.email")
                .param("org", orgId).query(Memberships::map).list();
    }

    public List<UUID> orgIdsOf(UUID userId) {
        return jdbc.sql("SELECT org_id FROM membership WHERE user_id = :user ORDER BY org_id")
                .param("user", userId).query(UUID.class).list();
    }

    boolean updateRole(UUID orgId, UUID userId, Role role, long expectedVersion, Instant now) {
        return jdbc.sql("""
                UPDATE membership SET role = :role, updated_at = :now, version = version + 1
                WHERE org_id = :org AND user_id = :user AND version = :version""")
                .param("role", role.name()).param("now", toDb(now)).param("org", orgId).param("user", userId)
                .param("version", expectedVersion).update() == 1;
    }

    void delete(UUID orgId, UUID userId) {
        jdbc.sql("DELETE FROM membership WHERE org_id = :org AND user_id = :user")
                .param("org", orgId).param("user", userId).update();
    }

    int countAdmins(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM membership WHERE org_id = :org AND role = 'ADMIN'")
                .param("org", orgId).query(Integer.class).single();
    }

    Map<Role, Integer> countByRole(UUID orgId) {
        Map<Role, Integer> counts = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            counts.put(r, 0);
        }
        jdbc.sql("SELECT role, COUNT(*) AS n FROM membership WHERE org_id = :org GROUP BY role")
                .param("org", orgId)
                .query((rs, i) -> counts.put(Role.valueOf(rs.getString("role")), rs.getInt("n"))).list();
        return counts;
    }

    int countWithoutTwoFactor(UUID orgId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM membership m JOIN app_user u ON u.id = m.user_id
                WHERE m.org_id = :org AND u.totp_enabled = FALSE""").param("org", orgId).query(Integer.class).single();
    }

    private static Member map(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getObject("org_id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("email"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("totp_enabled"),
                fromDb(rs.getObject("last_sign_in_at", OffsetDateTime.class)),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)), rs.getLong("version"));
    }
}
