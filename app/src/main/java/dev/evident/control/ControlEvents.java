package dev.evident.control;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events of the control module. All are audited; readiness recomputes on every {@link ControlsChanged}. */
public final class ControlEvents {

    private ControlEvents() {
    }

    /** Something about the organization's controls changed. */
    public sealed interface ControlsChanged extends Audited permits ControlCreated, ControlUpdated, ControlDeleted,
            ControlStatusChanged, ControlsAdopted, ControlsImported, ControlOwnerUnassigned {
        UUID orgId();
    }

    public record ControlCreated(Actor actor, Control control) implements ControlsChanged {
        public UUID orgId() {
            return control.orgId();
        }

        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("ref", control.ref());
            summary.put("title", control.title());
            summary.put("criteria", String.join(", ", control.criteria()));
            return List.of(AuditRecord.by(actor, "control.created", "control", control.id(), summary));
        }
    }

    /** @param changes field → {from, to} (or "changed" for long texts), as the audit log shows it */
    public record ControlUpdated(Actor actor, Control control, Map<String, Object> changes) implements ControlsChanged {
        public UUID orgId() {
            return control.orgId();
        }

        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("ref", control.ref());
            summary.putAll(changes);
            return List.of(AuditRecord.by(actor, "control.updated", "control", control.id(), summary));
        }
    }

    public record ControlDeleted(Actor actor, Control control) implements ControlsChanged {
        public UUID orgId() {
            return control.orgId();
        }

        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "control.deleted", "control", control.id(),
                    Map.of("ref", control.ref(), "title", control.title())));
        }
    }

    public record ControlStatusChanged(Actor actor, Control control, ControlStatus from, String reason)
            implements ControlsChanged {
        public UUID orgId() {
            return control.orgId();
        }

        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("ref", control.ref());
            summary.put("status", AuditRecord.change(from, control.status()));
            if (reason != null) {
                summary.put("reason", reason);
            }
            return List.of(AuditRecord.by(actor, "control.status_changed", "control", control.id(), summary));
        }
    }

    /** Library controls copied into the organization, recorded as one entry. */
    public record ControlsAdopted(Actor actor, UUID orgId, String library, String libraryVersion, List<String> refs,
                                  List<String> categories) implements ControlsChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("library", library + " " + libraryVersion);
            summary.put("categories", String.join(", ", categories));
            summary.put("count", refs.size());
            summary.put("refs", String.join(", ", refs));
            return List.of(AuditRecord.by(actor, "controls.adopted", "control_library", library, summary));
        }
    }

    /** A controls-as-code file applied, recorded as one entry with the file's hash. */
    public record ControlsImported(Actor actor, UUID orgId, String file, String sha256, List<String> added,
                                   List<String> changed, List<String> removed) implements ControlsChanged {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("file", file);
            summary.put("sha256", sha256);
            summary.put("added", String.join(", ", added));
            summary.put("changed", String.join(", ", changed));
            summary.put("removed", String.join(", ", removed));
            return List.of(AuditRecord.by(actor, "controls.imported", "control_import", sha256, summary));
        }
    }

    /** A control lost its owner because the owner left the organization. */
    public record ControlOwnerUnassigned(Actor actor, Control control, String formerOwner) implements ControlsChanged {
        public UUID orgId() {
            return control.orgId();
        }

        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "control.owner_unassigned", "control", control.id(),
                    Map.of("ref", control.ref(), "formerOwner", formerOwner, "reason", "owner removed from the organization")));
        }
    }
}
