package dev.evident.control.internal;

import dev.evident.control.Control;
import java.util.List;
import java.util.Map;

/**
 * What importing a controls file does to the organization: the file is the source of truth for the
 * control definitions, so controls only in the file are added, controls in both are changed where
 * they differ, and controls only in the organization are removed.
 *
 * @param sha256    of the file's bytes exactly as received, lowercase hex
 * @param unchanged how many controls the file leaves as they are
 */
public record ImportPlan(String file, String sha256, List<Addition> added, List<Change> changed, List<Control> removed,
                         int unchanged) {

    public ImportPlan {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** @param source provenance from the file, for a control that did not exist */
    public record Addition(ControlDefinition definition, Control.Source source) {
        public String ref() {
            return definition.ref();
        }
    }

    /** @param changes field → {from, to}, or "changed" for long texts, as the audit log shows them */
    public record Change(Control before, ControlDefinition after, Map<String, Object> changes) {
        public String ref() {
            return before.ref();
        }
    }

    public boolean changesAnything() {
        return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
    }

    public List<String> addedRefs() {
        return added.stream().map(Addition::ref).toList();
    }

    public List<String> changedRefs() {
        return changed.stream().map(Change::ref).toList();
    }

    public List<String> removedRefs() {
        return removed.stream().map(Control::ref).toList();
    }
}
