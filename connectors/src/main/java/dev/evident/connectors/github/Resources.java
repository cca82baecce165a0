package dev.evident.connectors.github;

import dev.evident.connector.CollectedResource;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds resources with attributes as JSON and the digest of the raw responses they came from. */
final class Resources {

    private Resources() {
    }

    static CollectedResource of(String type, String externalId, String displayName, ObjectNode attributes,
                                Instant collectedAt, byte[]... raw) {
        return new CollectedResource(type, externalId, displayName, Json.write(attributes), collectedAt, Json.sha256(raw));
    }

    /** Encodes a path segment (repository or branch name); keeps slashes, as GitHub expects them raw in branch names. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
