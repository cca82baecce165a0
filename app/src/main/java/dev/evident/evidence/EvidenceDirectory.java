package dev.evident.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read access to evidence for other modules (coverage, audits, reports). */
public interface EvidenceDirectory {

    Optional<EvidenceItem> item(UUID orgId, UUID evidenceId);

    /**
     * Current (not superseded, not removed) items linked to a control whose effective interval
     * overlaps [from, to], oldest interval first.
     */
    List<EvidenceItem> currentForControl(UUID orgId, UUID controlId, LocalDate from, LocalDate to);

    /** Current items linked to any of the given controls, overlapping [from, to]: one query for many controls. */
    List<EvidenceItem> currentForControls(UUID orgId, List<UUID> controlIds, LocalDate from, LocalDate to);
}
