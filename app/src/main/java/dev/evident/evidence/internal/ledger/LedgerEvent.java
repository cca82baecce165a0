package dev.evident.evidence.internal.ledger;

import java.util.UUID;

/**
 * One evidence event to append to the ledger (docs/evidence-format.md lists the fields).
 *
 * @param targetType "control" or "program" for link events, else null
 * @param related    the superseded item for an addition, the new item for a supersession, else null
 */
public record LedgerEvent(String event, UUID evidenceId, String contentSha256, String metadataSha256, String targetType,
                          UUID targetId, UUID related) {

    public static final String ADDED = "evidence.added";
    public static final String SUPERSEDED = "evidence.superseded";
    public static final String LINKED = "evidence.linked";
    public static final String UNLINKED = "evidence.unlinked";
    public static final String REMOVED = "evidence.removed";

    public static LedgerEvent added(UUID evidenceId, String contentSha256, String metadataSha256, UUID supersedes) {
        return new LedgerEvent(ADDED, evidenceId, contentSha256, metadataSha256, null, null, supersedes);
    }

    public static LedgerEvent superseded(UUID oldId, UUID newId) {
        return new LedgerEvent(SUPERSEDED, oldId, null, null, null, null, newId);
    }

    public static LedgerEvent linked(UUID evidenceId, String targetType, UUID targetId) {
        return new LedgerEvent(LINKED, evidenceId, null, null, targetType, targetId, null);
    }

    public static LedgerEvent unlinked(UUID evidenceId, String targetType, UUID targetId) {
        return new LedgerEvent(UNLINKED, evidenceId, null, null, targetType, targetId, null);
    }

    public static LedgerEvent removed(UUID evidenceId, String contentSha256) {
        return new LedgerEvent(REMOVED, evidenceId, contentSha256, null, null, null, null);
    }
}
