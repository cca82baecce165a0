package dev.evident.identity.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Organizations {

    public record Organization(UUID id, String slug, String name, Instant createdAt, long version) {
    }

    private final JdbcClient jdbc;

    Organizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String slug, String name, Instant now) {
        jdbc.sql("""
                INSERT INTO organization (id, slug, name, created_at, updated_at, version)
                VALUES (:id, :slug, :name, :now, :now, 0)""")
                .param("id", id).param("slug", slug).param("name", name).param("now", toDb(now)).update();
    }

    public Optional<Organization> find(UUID id) {
        return jdbc.sql("SELECT id, slug, name, created_at, version FROM organization WHERE id = :id")
                .param("id", id).query(Organizations::map).optional();
    }

    boolean slugExists(String slug) {
        return jdbc.sql("SELECT COUNT(*) FROM organization WHERE slug = :slug").param("slug", slug)
                .query(Integer.class).single() > 0;
    }

    /** Optimistic update: returns false when the version no longer matches. */
    boolean rename(UUID id, String name, long expectedVersion, Instant now) {
        return jdbc.sql("""
                UPDATE organization SET name = :name, updated_at = :now, version = version + 1
                WHERE id = :id AND version = :version""")
                .param("name", name).param("now", toDb(now)).param("id", id).param("version", expectedVersion)
                .update() == 1;
    }

    List<Organization> forUser(UUID userId) {
        return jdbc.sql("""
                SELECT o.id, o.slug, o.name, o.created_at, o.version FROM organization o
                JOIN membership m ON m.org_id = o.id WHERE m.user_id = :user ORDER BY o.name, o.id""")
                .param("user", userId).query(Organizations::map).list();
    }

    private static Organization map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Organization(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                fromDb(rs.getObject("created_at", java.time.OffsetDateTime.class)), rs.getLong("version"));
    }
}
