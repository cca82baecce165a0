package dev.evident.control.internal;

import dev.evident.catalog.AuditTest;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.control.Control;
import java.util.List;
import java.util.UUID;

/**
 * What a person decides about a control, validated: everything but its lifecycle status and
 * bookkeeping. Forms, the API and controls-as-code files all produce one of these.
 */
public record ControlDefinition(String ref, String title, String description, String domain, ControlType type,
                                ControlNature nature, ControlFrequency frequency, UUID ownerUserId, String ownerRole,
                                AuditTest test, List<String> evidence, List<String> criteria, boolean applicable,
                                String notApplicableReason) {

    public ControlDefinition {
        evidence = List.copyOf(evidence);
        criteria = List.copyOf(criteria);
    }

    public static ControlDefinition of(Control c) {
        return new ControlDefinition(c.ref(), c.title(), c.description(), c.domain(), c.type(), c.nature(), c.frequency(),
                c.ownerUserId(), c.ownerRole(), c.test(), c.evidence(), c.criteria(), c.applicable(),
                c.notApplicableReason());
    }
}
