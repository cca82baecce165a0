package dev.evident.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks were evaluated after a sync; the evidence module stores one ledger record per check. (An
 * event rather than a call, because the evidence module already depends on notification, which
 * depends on monitoring.)
 *
 * @param finishedAt when the sync finished: the records are effective on its day (UTC)
 */
public record ChecksEvaluated(UUID orgId, UUID syncId, String connector, Instant finishedAt, List<CheckRecord> checks) {

    public ChecksEvaluated {
        checks = List.copyOf(checks);
    }

    /**
     * What one check's record holds.
     *
     * @param query          {@code <check key>@<version> over <resource type>}
     * @param data           the facts: check, version, counts per outcome, resources not passing, sync
     * @param controlIds     the organization's controls the check maps to
     * @param idempotencyKey sync id and check key, so a repeated event stores nothing twice
     */
    public record CheckRecord(String title, String description, String query, Map<String, Object> data,
                              List<UUID> controlIds, String idempotencyKey) {
    }
}
