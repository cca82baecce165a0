package dev.evident.readiness;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Readiness for other modules: the dashboard, reports, and seeding of the demo company's history. */
public interface ProgramReadiness {

    /** The program's readiness now; empty when the organization has no such program. */
    Optional<Readiness> current(UUID orgId, UUID programId);

    /**
     * Records the program's current readiness in its history as of {@code at}. Changes record
     * themselves; this is for laying down history explicitly (the demo company's past weeks).
     */
    void recordAt(UUID orgId, UUID programId, Instant at);
}
