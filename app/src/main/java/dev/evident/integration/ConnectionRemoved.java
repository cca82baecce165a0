package dev.evident.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * A connection was deleted, and with it every resource it had collected; published in the deleting
 * transaction. Monitoring ends the open results of those resources, which no longer exist to pass or fail.
 */
public record ConnectionRemoved(UUID orgId, UUID connectionId, String connector, Instant at) {
}
