package dev.evident.auditlog;

import java.time.Instant;

/**
 * Filters for the audit log; every field is optional. {@code action} matches exactly, or as a
 * prefix when it ends with {@code *} (e.g. {@code member.*}).
 */
public record AuditQuery(String action, String actorId, String targetType, String targetId, Instant from, Instant to) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }
}
