package dev.evident.shared.audit;

import java.util.List;

/**
 * Marks a domain event that belongs in the audit log. The audit log module listens synchronously,
 * inside the publishing transaction: if the entry cannot be written, the change is rolled back too.
 */
public interface Audited {

    List<AuditRecord> auditRecords();
}
