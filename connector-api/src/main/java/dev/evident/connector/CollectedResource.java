package dev.evident.connector;

import java.time.Instant;

/**
 * A fact about one thing in a connected system, as checks will see it.
 *
 * @param type           the collector's resource type, e.g. {@code "okta.user"}
 * @param externalId     the identifier the source system uses; stable across runs
 * @param displayName    what people call it; falls back to the external id
 * @param attributesJson the attributes checks evaluate, as a JSON object
 * @param collectedAt    when it was read, from {@link CollectionContext#clock()}
 * @param rawDigest      lowercase hex SHA-256 of the raw source payload, so the exact response
 *                       can later be proven; null when the raw payload is not kept
 */
public record CollectedResource(String type, String externalId, String displayName, String attributesJson,
                                Instant collectedAt, String rawDigest) {

    public CollectedResource {
        requireText(type, "type");
        requireText(externalId, "externalId");
        requireText(attributesJson, "attributesJson");
        if (collectedAt == null) {
            throw new IllegalArgumentException("collectedAt is required");
        }
        if (rawDigest != null && !rawDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("rawDigest must be a lowercase hex SHA-256, was " + rawDigest);
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = externalId;
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
