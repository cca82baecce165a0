package dev.evident.control;

import dev.evident.catalog.AuditTest;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One of the organization's controls.
 *
 * @param ref         the stable, human id such as AC-01, unique within the organization
 * @param domain      a domain id of the control library (access-control, ...)
 * @param ownerUserId the member accountable for it, or null while nobody is
 * @param ownerRole   the role that should own it (from the library), a hint until a person is assigned
 * @param criteria    requirement ids of {@link #FRAMEWORK} the control helps meet, in framework order
 * @param source      where it was adopted from, or null for a control the organization wrote
 */
public record Control(UUID id, UUID orgId, String ref, String title, String description, String domain, ControlType type,
                      ControlNature nature, ControlFrequency frequency, UUID ownerUserId, String ownerRole,
                      AuditTest test, List<String> evidence, List<String> criteria, ControlStatus status,
                      Instant statusChangedAt, boolean applicable, String notApplicableReason, Source source,
                      Instant createdAt, Instant updatedAt, long version) {

    /** The framework whose requirements {@link #criteria()} refers to. */
    public static final String FRAMEWORK = "soc2-2017";

    public Control {
        evidence = List.copyOf(evidence);
        criteria = List.copyOf(criteria);
    }

    /** The library control a control was adopted from. */
    public record Source(String library, String controlId, String version) {
    }
}
