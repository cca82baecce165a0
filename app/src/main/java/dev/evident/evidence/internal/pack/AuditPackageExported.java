package dev.evident.evidence.internal.pack;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Someone exported an audit package: who, which program and interval, how much, against which checkpoint. */
record AuditPackageExported(Actor actor, UUID programId, String programName, LocalDate from, LocalDate to, int items,
                            long bytes, long checkpointTreeSize) implements Audited {

    @Override
    public List<AuditRecord> auditRecords() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("program", programName);
        summary.put("interval", from + " to " + to);
        summary.put("items", items);
        summary.put("bytes", bytes);
        summary.put("checkpointTreeSize", checkpointTreeSize);
        return List.of(AuditRecord.by(actor, "evidence.package_exported", "program", programId, summary));
    }
}
