package dev.evident.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Which connections keep failing, for the dashboard and anyone who must not trust their data blindly. */
public interface ConnectionHealth {

    /**
     * A connection whose last syncs in a row failed (entirely or in part) at least as often as
     * {@code evident.integration.failing-after} says.
     *
     * @param lastSuccessAt when a sync last succeeded entirely, or null if never
     */
    record FailingConnection(UUID id, String displayName, String connector, int consecutiveFailures,
                             Instant lastSuccessAt, String lastError) {
    }

    List<FailingConnection> failing(UUID orgId);
}
