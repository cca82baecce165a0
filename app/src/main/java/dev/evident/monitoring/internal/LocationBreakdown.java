package dev.evident.monitoring.internal;

import dev.evident.shared.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Where a check's resources are, by the cloud account and region their attributes name, and how many
 * pass, fail, err or are excepted in each. Not tied to one connector: any resource whose attributes
 * have an {@code accountId} is placed (the AWS connector's all do); one without a {@code region}, or
 * with the region {@code global} (IAM, the account itself, S3's account-level settings), is global.
 */
final class LocationBreakdown {

    static final String ACCOUNT_ID = "accountId";
    static final String REGION = "region";
    static final String GLOBAL = "global";
    /** Longest account or region filter accepted; real ones are far shorter. */
    static final int MAX_FILTER = 200;

    private LocationBreakdown() {
    }

    /** A resource's account and region ({@link #GLOBAL} for global resources). */
    record Location(String accountId, String region) {

        /** The location named by a resource's attributes, or null when they name no account. */
        static Location of(JsonNode attributes) {
            String account = text(attributes == null ? null : attributes.get(ACCOUNT_ID));
            if (account == null) {
                return null;
            }
            String region = text(attributes.get(REGION));
            return new Location(account, region == null ? GLOBAL : region);
        }

        private static String text(JsonNode node) {
            if (node == null || node.isNull() || node.isContainer()) {
                return null;
            }
            String text = node.asString().strip();
            return text.isEmpty() ? null : text;
        }
    }

    /**
     * The account and region to show the resources of (GET parameters {@code account} and
     * {@code region}); either may be absent.
     */
    record Filter(String account, String region) {

        static final Filter NONE = new Filter(null, null);

        static Filter of(String account, String region) {
            return new Filter(parameter("account", account), parameter("region", region));
        }

        private static String parameter(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            if (value.length() > MAX_FILTER) {
                throw new InvalidInputException(field, "must be at most " + MAX_FILTER + " characters");
            }
            return value.strip();
        }

        public boolean active() {
            return account != null || region != null;
        }

        /** Whether a resource at this location is shown; one without a location only when no filter is set. */
        boolean matches(Location location) {
            if (!active()) {
                return true;
            }
            return location != null && (account == null || account.equals(location.accountId()))
                    && (region == null || region.equals(location.region()));
        }
    }

    /** One account and region with the number of resources per current outcome. */
    record Row(String accountId, String accountName, String region, int pass, int fail, int error, int excepted) {

        public int total() {
            return pass + fail + error + excepted;
        }

        /** The counts by outcome id, in the order of {@link Outcome}, as the API gives them elsewhere. */
        Map<String, Integer> counts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put(Outcome.PASS.id(), pass);
            counts.put(Outcome.FAIL.id(), fail);
            counts.put(Outcome.ERROR.id(), error);
            counts.put(Outcome.EXCEPTED.id(), excepted);
            return counts;
        }
    }

    /**
     * The counts per account and region, ordered by account, then global before the regions, then
     * region. Resources without a location are left out (see {@link #unlocated}).
     *
     * @param outcomes     each resource key's current outcome
     * @param locations    where each resource is, by resource key
     * @param accountNames account names (aliases) by account id, where known
     */
    static List<Row> rows(Map<String, Outcome> outcomes, Map<String, Location> locations,
                          Map<String, String> accountNames) {
        Map<Location, Map<Outcome, Integer>> counts = new HashMap<>();
        outcomes.forEach((key, outcome) -> {
            Location at = locations.get(key);
            if (at != null) {
                counts.computeIfAbsent(at, l -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
            }
        });
        List<Row> rows = new ArrayList<>(counts.size());
        counts.forEach((at, c) -> rows.add(new Row(at.accountId(), accountNames.get(at.accountId()), at.region(),
                c.getOrDefault(Outcome.PASS, 0), c.getOrDefault(Outcome.FAIL, 0), c.getOrDefault(Outcome.ERROR, 0),
                c.getOrDefault(Outcome.EXCEPTED, 0))));
        rows.sort(Comparator.comparing(Row::accountId)
                .thenComparing(r -> !GLOBAL.equals(r.region()))
                .thenComparing(Row::region));
        return rows;
    }

    /** How many of the resources with an outcome have no location. */
    static int unlocated(Map<String, Outcome> outcomes, Map<String, Location> locations) {
        return (int) outcomes.keySet().stream().filter(k -> locations.get(k) == null).count();
    }

    /** The name an account is known by: the first non-blank {@code name} seen for it wins. */
    static void putName(Map<String, String> names, JsonNode attributes) {
        Location at = Location.of(attributes);
        JsonNode name = attributes == null ? null : attributes.get("name");
        if (at != null && name != null && name.isString() && !name.asString().isBlank()) {
            names.putIfAbsent(at.accountId(), name.asString().strip());
        }
    }
}
