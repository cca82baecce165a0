package dev.evident.evidence;

import dev.evident.shared.security.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Adding small files as evidence from other modules (generated reports, the demo company), with the
 * same checks, content-type detection and ledger entries as an upload. People and scripts upload
 * through {@code POST /api/v1/evidence}, which streams.
 */
public interface EvidenceFiles {

    /**
     * @param content        the bytes, held in memory: for small generated files only
     * @param effectiveTo    null for a point in time
     * @param collectedAt    null for now
     * @param idempotencyKey optional; a file whose key exists already is not stored again
     */
    record NewFile(String fileName, byte[] content, String title, String description, LocalDate effectiveFrom,
                   LocalDate effectiveTo, Instant collectedAt, List<UUID> controlIds, List<UUID> programIds,
                   String idempotencyKey) {
    }

    /** The stored item (or the one stored before under the same key or with the same content, title and interval). */
    EvidenceItem addFile(Actor actor, NewFile file);
}
