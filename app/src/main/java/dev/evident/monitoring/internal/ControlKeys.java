package dev.evident.monitoring.internal;

import dev.evident.catalog.ControlLibrary;
import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Checks name controls by key: a control id of the built-in library (AC-02) matches the
 * organization's controls adopted from it, and a reference (AC-01) matches the organization's control
 * with that reference. Criteria follow from the library control.
 */
@Component
class ControlKeys {

    private final ControlLibrary library;
    private final ControlDirectory controls;

    ControlKeys(ControlLibrary library, ControlDirectory controls) {
        this.library = library;
        this.controls = controls;
    }

    Predicate<String> known(UUID orgId) {
        Set<String> refs = new LinkedHashSet<>();
        controls.controls(orgId).forEach(c -> refs.add(c.ref()));
        return key -> library.control(key).isPresent() || refs.contains(key);
    }

    /** The organization's controls a check's keys name, in reference order. */
    List<UUID> resolve(List<Control> all, List<String> keys) {
        List<UUID> ids = new ArrayList<>();
        for (Control c : all) {
            boolean adopted = c.source() != null && keys.contains(c.source().controlId());
            if (adopted || keys.contains(c.ref())) {
                ids.add(c.id());
            }
        }
        return ids;
    }

    List<UUID> resolve(UUID orgId, List<String> keys) {
        return keys.isEmpty() ? List.of() : resolve(controls.controls(orgId), keys);
    }

    /** The criteria the library says the keyed controls help meet. */
    List<String> criteria(List<String> keys) {
        Set<String> criteria = new LinkedHashSet<>();
        keys.forEach(k -> library.control(k).ifPresent(c -> criteria.addAll(c.criteria())));
        return List.copyOf(criteria);
    }
}
