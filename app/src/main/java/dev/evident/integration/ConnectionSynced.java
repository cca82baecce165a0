package dev.evident.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A connection's sync finished. On success the inventory now holds what it collected; on failure the
 * inventory keeps the previous resources and {@code error} says why, so that checks over the failed
 * resource types report <em>error</em> instead of pass or fail.
 *
 * @param resourceTypes      the types the sync collected successfully
 * @param failedTypes        the types whose collection failed in this sync (empty on full success)
 * @param error              a human-readable reason when anything failed, else null
 * @param payloadDigest      SHA-256 (hex) over the raw digests of every resource collected, in order
 */
public record ConnectionSynced(UUID orgId, UUID connectionId, String connector, UUID syncId, Instant finishedAt,
                               List<String> resourceTypes, List<String> failedTypes, String error, String payloadDigest) {
}
