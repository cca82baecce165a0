package dev.evident.auditlog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One stored audit log entry with its position in the organization's hash chain. */
public record AuditEntry(UUID id, UUID orgId, long seq, Instant occurredAt, String actorType, String actorId,
                         String actorLabel, String clientIp, String action, String targetType, String targetId,
                         Map<String, Object> summary, String prevHash, String hash) {
}
