package dev.evident.control;

import java.util.Optional;
import java.util.UUID;

/**
 * Lets another module object to deleting a control — the evidence module does while evidence is
 * linked to it, because deleting the control would orphan the proof an auditor tests. Controls
 * stay free of a dependency on those modules: they implement this interface.
 */
public interface ControlDeletionGuard {

    /** Why the control must not be deleted now, in a sentence for the person asking; empty when it may. */
    Optional<String> objection(UUID orgId, Control control);
}
