package dev.evident.program;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Events of the program module; each is audited, and readiness listens to them. */
public final class ProgramEvents {

    private ProgramEvents() {
    }

    /** Any change to a program's existence or scope: readiness recomputes on these. */
    public sealed interface ProgramChanged extends Audited permits ProgramCreated, ProgramUpdated {
        Program program();
    }

    public record ProgramCreated(Actor actor, Program program) implements ProgramChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "program.created", "program", program.id(), describe(program)));
        }
    }

    public record ProgramUpdated(Actor actor, Program before, Program program) implements ProgramChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> old = describe(before);
            Map<String, Object> now = describe(program);
            Map<String, Object> changes = new LinkedHashMap<>();
            now.forEach((key, value) -> {
                if (!Objects.equals(old.get(key), value)) {
                    changes.put(key, AuditRecord.change(old.get(key), value));
                }
            });
            if (!Objects.equals(before.system(), program.system())) {
                changes.put("systemDescription", "changed");
            }
            return List.of(AuditRecord.by(actor, "program.updated", "program", program.id(), changes));
        }
    }

    public record ProgramDeleted(Actor actor, Program program) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "program.deleted", "program", program.id(),
                    Map.of("name", program.name())));
        }
    }

    private static Map<String, Object> describe(Program p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("reportType", p.reportType().name());
        m.put("period", p.periodLabel());
        m.put("includedCategories", String.join(", ", p.includedCategories()));
        List<String> excluded = p.categories().stream().filter(c -> !c.included())
                .map(c -> c.categoryId() + ": " + c.exclusionReason()).toList();
        m.put("excludedCategories", String.join("; ", excluded));
        m.put("notRelevantCriteria", String.join("; ", p.notRelevantCriteria().stream()
                .map(c -> c.criterionId() + ": " + c.reason()).toList()));
        return m;
    }
}
