package dev.evident.connectors.okta;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import dev.evident.connectors.http.Sleeper;
import dev.evident.connectors.http.TestClock;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the connector against a local stub and runs its collectors. */
final class OktaTestSupport {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String TOKEN = "00abcdefTestTokenValue";

    private OktaTestSupport() {
    }

    static Map<String, String> config(String orgUrl) {
        return new HashMap<>(Map.of("orgUrl", orgUrl, "apiToken", TOKEN, "allowHttpLocalhost", "true"));
    }

    static OktaConnector connector(Map<String, String> values, TestClock clock, Sleeper sleeper, Duration timeout) {
        return OktaConnectorFactory.create(ConnectorConfig.of(new OktaConnectorFactory().configSchema(), values),
                clock, sleeper, timeout);
    }

    static OktaConnector connector(String orgUrl, TestClock clock, Sleeper sleeper) {
        return connector(config(orgUrl), clock, sleeper, RestClient.REQUEST_TIMEOUT);
    }

    static List<CollectedResource> collect(OktaConnector connector, String type, TestClock clock)
            throws CollectionException {
        List<CollectedResource> resources = new ArrayList<>();
        connector.collectors().stream().filter(c -> c.resourceType().equals(type)).findFirst().orElseThrow()
                .collect(CollectionContext.of(clock, null)).forEachRemaining(resources::add);
        return resources;
    }

    static JsonNode attributes(CollectedResource resource) {
        return Json.MAPPER.readTree(resource.attributesJson());
    }

    /** A user as the Users API returns it. */
    static String user(String id, String status, String login, String email, String statusChanged) {
        return """
                {"id":"%s","status":"%s","created":"2025-01-10T09:00:00.000Z","activated":"2025-01-10T09:05:00.000Z",
                 "statusChanged":"%s","lastLogin":"2026-06-14T08:30:00.000Z","lastUpdated":"%s",
                 "passwordChanged":"2026-02-01T10:00:00.000Z","type":{"id":"oty1"},
                 "profile":{"firstName":"Ada","lastName":"Lovelace","mobilePhone":null,"secondEmail":null,
                  "login":"%s","email":"%s"},
                 "credentials":{"password":{},"provider":{"type":"OKTA","name":"OKTA"}},
                 "_links":{"self":{"href":"https://acme.okta.com/api/v1/users/%s"}}}"""
                .formatted(id, status, statusChanged, statusChanged, login, email, id);
    }
}
