package dev.evident.monitoring;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Audited changes to checks and exceptions. Evaluation results are not audited; they are history. */
public final class CheckEvents {

    private CheckEvents() {
    }

    /** A custom check was created (version 1). */
    public record CheckCreated(Actor actor, UUID checkId, String key, String resourceType, String severity)
            implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("key", key);
            summary.put("resourceType", resourceType);
            summary.put("severity", severity);
            summary.put("version", 1);
            return List.of(AuditRecord.by(actor, "check.created", "check", checkId, summary));
        }
    }

    /** A check got a new version; {@code changes} maps each changed field to {from, to}. */
    public record CheckUpdated(Actor actor, UUID checkId, String key, int fromVersion, int toVersion,
                               Map<String, Object> changes) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("key", key);
            summary.put("version", AuditRecord.change(fromVersion, toVersion));
            summary.putAll(changes);
            return List.of(AuditRecord.by(actor, "check.updated", "check", checkId, summary));
        }
    }

    /** A check was disabled (no longer evaluated) or enabled again. */
    public record CheckEnabledChanged(Actor actor, UUID checkId, String key, boolean enabled) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, enabled ? "check.enabled" : "check.disabled", "check", checkId,
                    Map.of("key", key)));
        }
    }

    /** A failing resource was accepted until {@code expiresAt}. */
    public record CheckExceptionGranted(Actor actor, UUID checkId, String key, UUID exceptionId, String resourceKey,
                                        String reason, Instant expiresAt) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("check", key);
            summary.put("resource", resourceKey);
            summary.put("reason", reason);
            summary.put("expiresAt", expiresAt.toString());
            return List.of(AuditRecord.by(actor, "check.exception_granted", "check_exception", exceptionId, summary));
        }
    }

    /** An exception was withdrawn before it expired. */
    public record CheckExceptionRevoked(Actor actor, UUID checkId, String key, UUID exceptionId, String resourceKey)
            implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("check", key);
            summary.put("resource", resourceKey);
            return List.of(AuditRecord.by(actor, "check.exception_revoked", "check_exception", exceptionId, summary));
        }
    }
}
