package dev.evident.readiness;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Readiness for other modules: the dashboard, reports, and seeding of the demo company's history. */
public interface ProgramReadiness {

    /** The program's readiness now; empty when the organization has no such program. */
    Optional<Readiness> current(UUID orgId, UUID programId);

    /**
     * The current readiness of every program of the organization, by program id in program order
     * (oldest first), computed from one read of its controls: for overviews such as the dashboard.
     */
    Map<UUID, Readiness> currentByProgram(UUID orgId);

    /**
     * Records the program's current readiness in its history as of {@code at}. Changes record
     * themselves; this is for laying down history explicitly (the demo company's past weeks).
     */
    void recordAt(UUID orgId, UUID programId, Instant at);
}
