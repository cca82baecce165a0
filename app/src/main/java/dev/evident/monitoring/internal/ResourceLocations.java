package dev.evident.monitoring.internal;

import dev.evident.integration.Inventory;
import dev.evident.monitoring.internal.LocationBreakdown.Location;
import dev.evident.monitoring.internal.ResultIntervals.Interval;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads from the current inventory what a check's page and API show beside its results: where each
 * resource is (account and region) and, for the resources that do not pass, their attributes as short
 * lines, and the names of the accounts found. One pass over the check's type, with its identity joins
 * worked out once.
 */
@Component
class ResourceLocations {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param locations    where each resource is, by resource key (only those whose attributes name an account)
     * @param lines        the attribute lines of the resources asked for, by resource key
     * @param accountNames the names of the accounts found, by account id (where the connector collects them)
     */
    record Scan(Map<String, Location> locations, Map<String, List<String>> lines, Map<String, String> accountNames) {
    }

    /** The breakdown of a check's current results, with the resources it could not place. */
    record Breakdown(List<LocationBreakdown.Row> rows, int unlocated) {

        public boolean empty() {
            return rows.isEmpty();
        }
    }

    private final CheckEvaluation evaluation;

    ResourceLocations(CheckEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    /**
     * @param state    the check's results: without any there is nothing to place, and the inventory is not read
     * @param linesFor the resource keys whose attributes are wanted as lines
     */
    Scan scan(UUID orgId, String type, List<Interval> state, Set<String> linesFor) {
        Set<String> known = AttributeNames.known(type);
        // A type whose attributes are known and have no account is only read for the lines asked for.
        boolean placeable = known == null || known.contains(LocationBreakdown.ACCOUNT_ID);
        Map<String, Location> locations = new HashMap<>();
        Map<String, List<String>> lines = new HashMap<>();
        if (state.isEmpty() || (!placeable && linesFor.isEmpty())) {
            return new Scan(locations, lines, Map.of());
        }
        Inventory.Reader reader = evaluation.inventory().reader(orgId);
        reader.forEach(type, r -> {
            String key = InventorySnapshot.resourceKey(r);
            boolean wanted = linesFor.contains(key);
            if (!wanted && !placeable) {
                return;
            }
            JsonNode attributes;
            try {
                attributes = r.attributesJson() == null ? null : JSON.readTree(r.attributesJson());
            } catch (tools.jackson.core.JacksonException e) {
                if (wanted) {
                    lines.put(key, List.of("attributes unreadable: " + e.getOriginalMessage()));
                }
                return;
            }
            Location at = Location.of(attributes);
            if (at != null) {
                locations.put(key, at);
            }
            if (wanted) {
                lines.put(key, CheckDetailModel.lines(attributes));
            }
        });
        return new Scan(locations, lines, locations.isEmpty() ? Map.of() : accountNames(reader, type));
    }

    /** The current results counted per account and region; empty when no resource names an account. */
    static Breakdown breakdown(List<Interval> state, Scan scan) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        state.forEach(i -> outcomes.put(i.resourceKey(), i.outcome()));
        if (scan.locations().isEmpty()) {
            return new Breakdown(List.of(), outcomes.size());
        }
        return new Breakdown(LocationBreakdown.rows(outcomes, scan.locations(), scan.accountNames()),
                LocationBreakdown.unlocated(outcomes, scan.locations()));
    }

    /**
     * Account names (an AWS account's name in its organization, say) from the {@code <namespace>.account}
     * resources of the check's connector, e.g. {@code aws.account} for a check over {@code aws.s3_bucket}.
     */
    private static Map<String, String> accountNames(Inventory.Reader reader, String type) {
        int dot = type.indexOf('.');
        if (dot < 0) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        reader.forEach(type.substring(0, dot) + ".account", r -> {
            try {
                LocationBreakdown.putName(names, r.attributesJson() == null ? null : JSON.readTree(r.attributesJson()));
            } catch (tools.jackson.core.JacksonException e) {
                // no name for this account then: its id still shows
            }
        });
        return names;
    }
}
