package dev.evident.notification.internal.webhook;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A change to a webhook endpoint, for the audit log: created, updated, deleted, secret_rotated,
 * redelivered. Secrets never appear in the summary.
 */
record WebhookAudit(Actor actor, String action, UUID endpointId, Map<String, Object> summary) implements Audited {

    @Override
    public List<AuditRecord> auditRecords() {
        return List.of(AuditRecord.by(actor, "webhook." + action, "webhook", endpointId, summary));
    }
}
