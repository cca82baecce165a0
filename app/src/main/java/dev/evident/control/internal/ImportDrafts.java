package dev.evident.control.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Files checked on the import page, waiting for "Apply these changes". Each belongs to one person in
 * one organization, who alone can apply it; there is at most one per person, and none older than
 * {@link #LIFETIME}.
 */
@Repository
class ImportDrafts {

    static final Duration LIFETIME = Duration.ofDays(1);

    /** @param basis the organization's controls fingerprint when the file was checked ({@link ControlsAsCode#basis}) */
    record Draft(UUID id, String fileName, String sha256, String basis, byte[] content, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    ImportDrafts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a checked file, replacing the person's previous one and purging the organization's stale ones. */
    void save(UUID orgId, UUID userId, Draft draft) {
        jdbc.sql("DELETE FROM control_import_draft WHERE org_id = :org AND (user_id = :user OR created_at < :cutoff)")
                .param("org", orgId).param("user", userId).param("cutoff", toDb(draft.createdAt().minus(LIFETIME)))
                .update();
        jdbc.sql("""
                INSERT INTO control_import_draft (id, org_id, user_id, file_name, sha256, basis, content, created_at)
                VALUES (:id, :org, :user, :fileName, :sha256, :basis, :content, :createdAt)""")
                .param("id", draft.id()).param("org", orgId).param("user", userId).param("fileName", draft.fileName())
                .param("sha256", draft.sha256()).param("basis", draft.basis()).param("content", draft.content())
                .param("createdAt", toDb(draft.createdAt())).update();
    }

    Optional<Draft> find(UUID orgId, UUID userId, UUID id, Instant now) {
        return jdbc.sql("""
                SELECT id, file_name, sha256, basis, content, created_at FROM control_import_draft
                WHERE id = :id AND org_id = :org AND user_id = :user AND created_at >= :cutoff""")
                .param("id", id).param("org", orgId).param("user", userId).param("cutoff", toDb(now.minus(LIFETIME)))
                .query((rs, i) -> new Draft(rs.getObject("id", UUID.class), rs.getString("file_name"),
                        rs.getString("sha256"), rs.getString("basis"), rs.getBytes("content"),
                        fromDb(rs.getObject("created_at", OffsetDateTime.class))))
                .optional();
    }

    void updateBasis(UUID orgId, UUID id, String basis) {
        jdbc.sql("UPDATE control_import_draft SET basis = :basis WHERE id = :id AND org_id = :org")
                .param("basis", basis).param("id", id).param("org", orgId).update();
    }

    void delete(UUID orgId, UUID id) {
        jdbc.sql("DELETE FROM control_import_draft WHERE id = :id AND org_id = :org").param("id", id).param("org", orgId)
                .update();
    }
}
