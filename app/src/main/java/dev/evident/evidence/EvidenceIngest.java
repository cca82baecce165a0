package dev.evident.evidence;

import dev.evident.shared.security.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adding records as evidence from other modules (connectors, policy acceptances, access reviews),
 * in batches, with the same validation and ledger entries as the API.
 */
public interface EvidenceIngest {

    /**
     * A record to store: {@code data} is any JSON-like object (maps, lists, strings, whole numbers,
     * booleans); its canonical JSON is the content that is hashed.
     *
     * @param idempotencyKey optional; a record whose key exists already is not stored again
     */
    record NewRecord(EvidenceKind kind, String title, String description, Map<String, Object> data, LocalDate effectiveFrom,
                     LocalDate effectiveTo, Instant collectedAt, String connector, String query, List<UUID> controlIds,
                     List<UUID> programIds, String idempotencyKey) {
    }

    /** What happened to each record, in the order given: the item, and whether it existed already. */
    record Stored(EvidenceItem item, boolean existed) {
    }

    List<Stored> addRecords(Actor actor, List<NewRecord> records);
}
