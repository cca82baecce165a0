package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.guardduty_detector}: one resource per account and region, so a region without a
 * detector is visible as such ({@code enabled: false}, {@code detectorId: null}) rather than
 * missing. GuardDuty has no SDK module in this build, so its REST-JSON API (ListDetectors,
 * GetDetector) is called through {@link SignedJsonClient}.
 */
final class GuardDutyCollector extends AwsCollector {

    static final String TYPE = "aws.guardduty_detector";

    private final SignedJsonClient json;

    GuardDutyCollector(AwsAccounts accounts, SignedJsonClient json) {
        super(accounts, TYPE, true);
        this.json = json;
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        URI endpoint = endpoint(scope);
        String region = scope.region().id();
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("maxResults", "50");
            if (next != null) {
                query.put("nextToken", next);
            }
            JsonNode page = scope.call("guardduty:ListDetectors", () -> json.get(endpoint, "/detector", query,
                    "guardduty", region, scope.account().credentials()));
            page.path("detectorIds").forEach(id -> ids.add(id.asString()));
            next = page.path("nextToken").asString(null);
        } while (next != null && !next.isEmpty());

        ObjectNode attributes = scope.attributes();
        if (ids.isEmpty()) {
            attributes.putNull("detectorId");
            attributes.putNull("status");
            attributes.put("enabled", false);
            attributes.putNull("findingPublishingFrequency");
            attributes.putNull("createdAt");
            attributes.putArray("features");
        } else {
            String id = ids.get(0); // GuardDuty allows one detector per account and region
            JsonNode detector = scope.call("guardduty:GetDetector", () -> json.get(endpoint, "/detector/" + id,
                    Map.of(), "guardduty", region, scope.account().credentials()));
            String status = detector.path("status").asString(null);
            attributes.put("detectorId", id);
            attributes.put("status", status);
            attributes.put("enabled", "ENABLED".equals(status));
            attributes.put("findingPublishingFrequency", detector.path("findingPublishingFrequency").asString(null));
            attributes.put("createdAt", detector.path("createdAt").asString(null));
            ArrayNode features = attributes.putArray("features");
            for (JsonNode feature : detector.path("features")) {
                features.addObject().put("name", feature.path("name").asString(null))
                        .put("status", feature.path("status").asString(null));
            }
        }
        String name = "GuardDuty " + scope.account().id() + " " + region;
        return List.of(scope.resource(TYPE, scope.account().id() + ":" + region, name, attributes));
    }

    private URI endpoint(Scope scope) {
        if (accounts.settings().endpoint() != null) {
            return accounts.settings().endpoint();
        }
        String region = scope.region().id();
        return URI.create("https://guardduty." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
    }
}
