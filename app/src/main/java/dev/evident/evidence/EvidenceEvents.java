package dev.evident.evidence;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events of the evidence module. Each is audited (the audit log records who did what; the evidence
 * ledger records the evidence itself); coverage reacts to {@link EvidenceChanged}.
 */
public final class EvidenceEvents {

    private EvidenceEvents() {
    }

    /** Evidence of an organization was added, linked, unlinked or removed. */
    public sealed interface EvidenceChanged extends Audited permits EvidenceAdded, EvidenceLinked, EvidenceUnlinked,
            EvidenceRecordsAdded, EvidenceRemoved {
        UUID orgId();
    }

    public record EvidenceAdded(Actor actor, EvidenceItem item) implements EvidenceChanged {
        public UUID orgId() {
            return item.orgId();
        }

        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("title", item.title());
            summary.put("kind", item.kind().name());
            summary.put("sha256", item.contentSha256());
            summary.put("effective", item.effectiveFrom() + " to " + item.effectiveTo());
            summary.put("ledgerSeq", item.ledgerSeq());
            if (item.supersedes() != null) {
                summary.put("supersedes", item.supersedes().toString());
            }
            return List.of(AuditRecord.by(actor, "evidence.added", "evidence", item.id(), summary));
        }
    }

    /** A batch of records, audited as one entry. */
    public record EvidenceRecordsAdded(Actor actor, UUID orgId, int count, long firstSeq, long lastSeq)
            implements EvidenceChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "evidence.records_added", "evidence_ledger", orgId,
                    Map.of("count", count, "ledgerSeqFrom", firstSeq, "ledgerSeqTo", lastSeq)));
        }
    }

    public record EvidenceLinked(Actor actor, UUID orgId, UUID evidenceId, String targetType, UUID targetId, String label)
            implements EvidenceChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "evidence.linked", "evidence", evidenceId,
                    Map.of(targetType, label)));
        }
    }

    public record EvidenceUnlinked(Actor actor, UUID orgId, UUID evidenceId, String targetType, UUID targetId, String label)
            implements EvidenceChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "evidence.unlinked", "evidence", evidenceId,
                    Map.of(targetType, label)));
        }
    }

    /** Retention removed content; a tombstone stays in the ledger. */
    public record EvidenceRemoved(Actor actor, UUID orgId, int count, String reason) implements EvidenceChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "evidence.removed", "evidence_ledger", orgId,
                    Map.of("count", count, "reason", reason)));
        }
    }
}
