package dev.evident.connectors.github;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Sleeper;
import dev.evident.connectors.http.TestClock;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shortcuts to build and run the connector against a stub. */
final class GitHubTestSupport {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private GitHubTestSupport() {
    }

    static GitHubConnector connector(String baseUrl, TestClock clock, Sleeper sleeper, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                "apiBaseUrl", baseUrl, "organization", "acme", "authMode", "token", "token", "ghp_good",
                "readProfiles", "false"));
        values.putAll(overrides);
        return GitHubConnectorFactory.create(ConnectorConfig.of(new GitHubConnectorFactory().configSchema(), values),
                clock, sleeper);
    }

    static Collector collector(GitHubConnector connector, String type) {
        return connector.collectors().stream().filter(c -> c.resourceType().equals(type)).findFirst().orElseThrow();
    }

    static List<CollectedResource> collect(GitHubConnector connector, String type, Clock clock, Instant since)
            throws CollectionException {
        List<CollectedResource> resources = new ArrayList<>();
        collector(connector, type).collect(CollectionContext.of(clock, since)).forEachRemaining(resources::add);
        return resources;
    }

    static JsonNode attributes(CollectedResource resource) {
        return Json.MAPPER.readTree(resource.attributesJson());
    }

    static String sha256(String raw) {
        return Json.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
