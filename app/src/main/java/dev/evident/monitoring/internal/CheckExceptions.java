package dev.evident.monitoring.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for exceptions. Every statement names the organization. */
@Repository
class CheckExceptions {

    /** A failing (check, resource) someone accepted until {@code expiresAt}, unless revoked. */
    record CheckException(UUID id, UUID checkId, String resourceKey, String reason, UUID approvedBy,
                          String approvedByLabel, Instant createdAt, Instant expiresAt, Instant revokedAt,
                          String revokedByLabel) {

        boolean validAt(Instant at) {
            return revokedAt == null && expiresAt.isAfter(at);
        }
    }

    private final JdbcClient jdbc;

    CheckExceptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID orgId, CheckException e) {
        jdbc.sql("""
                INSERT INTO monitoring_check_exception (id, org_id, check_id, resource_key, reason, approved_by,
                    approved_by_label, created_at, expires_at)
                VALUES (:id, :org, :check, :key, :reason, :by, :label, :created, :expires)""")
                .param("id", e.id()).param("org", orgId).param("check", e.checkId()).param("key", e.resourceKey())
                .param("reason", e.reason()).param("by", e.approvedBy()).param("label", e.approvedByLabel())
                .param("created", toDb(e.createdAt())).param("expires", toDb(e.expiresAt())).update();
    }

    boolean revoke(UUID orgId, UUID id, String by, Instant at) {
        return jdbc.sql("""
                UPDATE monitoring_check_exception SET revoked_at = :at, revoked_by_label = :by
                WHERE org_id = :org AND id = :id AND revoked_at IS NULL""")
                .param("at", toDb(at)).param("by", by).param("org", orgId).param("id", id).update() == 1;
    }

    Optional<CheckException> find(UUID orgId, UUID checkId, UUID id) {
        return jdbc.sql("SELECT * FROM monitoring_check_exception WHERE org_id = :org AND check_id = :check AND id = :id")
                .param("org", orgId).param("check", checkId).param("id", id).query(CheckExceptions::row).optional();
    }

    List<CheckException> list(UUID orgId, UUID checkId) {
        return jdbc.sql("""
                SELECT * FROM monitoring_check_exception WHERE org_id = :org AND check_id = :check
                ORDER BY created_at DESC, id DESC""")
                .param("org", orgId).param("check", checkId).query(CheckExceptions::row).list();
    }

    /** The exceptions of a check valid at an instant, by resource key (the latest when several are). */
    Map<String, CheckException> valid(UUID orgId, UUID checkId, Instant at) {
        Map<String, CheckException> out = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM monitoring_check_exception
                WHERE org_id = :org AND check_id = :check AND revoked_at IS NULL AND expires_at > :at
                ORDER BY created_at""")
                .param("org", orgId).param("check", checkId).param("at", toDb(at)).query(CheckExceptions::row).list()
                .forEach(e -> out.put(e.resourceKey(), e));
        return out;
    }

    private static CheckException row(ResultSet rs, int n) throws SQLException {
        return new CheckException(rs.getObject("id", UUID.class), rs.getObject("check_id", UUID.class),
                rs.getString("resource_key"), rs.getString("reason"), rs.getObject("approved_by", UUID.class),
                rs.getString("approved_by_label"), fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                fromDb(rs.getObject("expires_at", OffsetDateTime.class)),
                fromDb(rs.getObject("revoked_at", OffsetDateTime.class)), rs.getString("revoked_by_label"));
    }
}
