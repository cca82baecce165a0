package dev.evident.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * One resource in an organization's current inventory, as the last successful sync of its connection
 * collected it.
 *
 * @param attributesJson the connector's normalised attributes, a JSON object (docs/resources.md)
 * @param personEmail    the person the resource is an account of, lower-case: a manual identity link
 *                       if one exists, otherwise the account's own {@code email} attribute; null when
 *                       the resource is not an account or cannot be joined to a person
 * @param rawDigest      SHA-256 (hex) of the raw payload the connector built the resource from, or null
 */
public record InventoryResource(UUID connectionId, String connector, String type, String externalId, String displayName,
                                String attributesJson, String personEmail, Instant collectedAt, String rawDigest) {
}
