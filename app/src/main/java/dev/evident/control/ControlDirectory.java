package dev.evident.control;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read access to an organization's controls for other modules (readiness, evidence, audit). */
public interface ControlDirectory {

    /** Every control of the organization with its mappings, in reference order (AC-01, AC-02, ..., AC-10). */
    List<Control> controls(UUID orgId);

    Optional<Control> control(UUID orgId, UUID controlId);
}
