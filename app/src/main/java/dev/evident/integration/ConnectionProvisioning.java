package dev.evident.integration;

import dev.evident.shared.security.Actor;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Setting connections up without a person at the form: the demo company's connections. Goes through the
 * same validation, secret sealing, audit and sync engine as the pages and the API.
 */
public interface ConnectionProvisioning {

    /** What a sync came to: {@code ok}, {@code partial} or {@code failed}, resources per collected type. */
    record SyncSummary(UUID syncId, String status, Map<String, Integer> counts, String payloadDigest, String error) {
    }

    /** The organization's connection with this display name, if any. */
    Optional<UUID> connectionNamed(UUID orgId, String displayName);

    /** Creates a connection (validated against the connector's schema, audited, scheduled). */
    UUID create(Actor actor, String connector, String displayName, Map<String, String> settings, int syncIntervalMinutes);

    /** Changes settings (audited when anything changes; secrets given as the mask are kept). */
    void updateSettings(Actor actor, UUID connectionId, Map<String, String> settings);

    /** Uploads the document of a file setting. */
    void upload(Actor actor, UUID connectionId, String field, String fileName, byte[] content);

    /**
     * Links an account of the connection to the person who owns it (a service account to its owner), as
     * Integrations > People and accounts does: validated and audited.
     */
    void linkAccount(Actor actor, UUID connectionId, String resourceType, String externalId, String personEmail);

    /** Syncs the connection in this thread (its checks are evaluated afterwards, as after any sync). */
    SyncSummary syncNow(UUID orgId, UUID connectionId);

    /**
     * Adds a finished sync to the connection's log with the given times and the counts and digest of a
     * real one (history written after the fact; nothing is collected or evaluated).
     */
    void recordPastSync(UUID orgId, UUID connectionId, UUID syncId, Instant startedAt, Instant finishedAt,
                        SyncSummary like);

}
