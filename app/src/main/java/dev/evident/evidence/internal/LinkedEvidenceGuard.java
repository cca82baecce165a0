package dev.evident.evidence.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlDeletionGuard;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A control with linked evidence is not deleted: the proof would lose what it proves. */
@Component
class LinkedEvidenceGuard implements ControlDeletionGuard {

    private final EvidenceItems items;

    LinkedEvidenceGuard(EvidenceItems items) {
        this.items = items;
    }

    @Override
    public Optional<String> objection(UUID orgId, Control control) {
        long linked = items.countLinkedTo(orgId, "control", control.id());
        if (linked == 0) {
            return Optional.empty();
        }
        return Optional.of(control.ref() + " has " + linked + (linked == 1 ? " evidence item" : " evidence items")
                + " linked to it and cannot be deleted; mark it not applicable instead, or unlink the evidence first.");
    }
}
