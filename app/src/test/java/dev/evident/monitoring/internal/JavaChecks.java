package dev.evident.monitoring.internal;

import dev.cel.common.values.NullValue;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark's yardstick: the same checks as hand-written Java predicates over the same snapshot
 * values (the maps CEL reads), with the same joins made through hash indexes built once per snapshot.
 * What CEL costs on top of this is the price of checks being data instead of code.
 */
final class JavaChecks {

    /** How a join finds the joined resources; both functions null means by person, {@code all} every resource. */
    record Join(String id, String type, boolean all, Function<Map<String, Object>, String> key,
                Function<Map<String, Object>, String> resourceKey) {

        static Join person(String type) {
            return new Join(type + "|person", type, false, null, null);
        }

        static Join all(String type) {
            return new Join(type + "|all", type, true, null, null);
        }

        /** Joins where the joined resource's attribute equals the evaluated resource's attribute. */
        static Join by(String type, String attribute, String resourceAttribute) {
            return new Join(type + "|" + attribute, type, false, v -> text(v, attribute), v -> text(v, resourceAttribute));
        }

        static Join byLowerCase(String type, String attribute, String resourceAttribute) {
            return new Join(type + "|lower " + attribute, type, false, v -> lower(text(v, attribute)),
                    v -> lower(text(v, resourceAttribute)));
        }

        String keyOf(Map<String, Object> resource, boolean joined) {
            if (all) {
                return "";
            }
            if (key == null) {
                return ResourceValues.identityKey(resource);
            }
            return joined ? key.apply(resource) : resourceKey.apply(resource);
        }
    }

    /** A check's verdict in Java: pass or not, given the resource, the joined lists (in join order) and now. */
    interface Predicate {
        boolean pass(Map<String, Object> resource, List<List<Map<String, Object>>> joined, Instant now);
    }

    /** A check as Java: its resource type, its joins and its predicate. */
    record Check(String resourceType, List<Join> joins, Predicate predicate) {

        static Check of(String type, Predicate predicate, Join... joins) {
            return new Check(type, List.of(joins), predicate);
        }
    }

    private JavaChecks() {
    }

    /** Evaluates one check over the snapshot's resources of its type, in the snapshot's order, like CheckEvaluator. */
    static List<ResourceResult> evaluate(Check check, InventorySnapshot snapshot, Map<String, Map<String, List<Map<String, Object>>>> indexes,
                                         Instant now) {
        List<Map<String, List<Map<String, Object>>>> used = new ArrayList<>(check.joins().size());
        for (Join j : check.joins()) {
            used.add(indexes.computeIfAbsent(j.id(), id -> index(j, snapshot)));
        }
        List<ResourceResult> results = new ArrayList<>();
        List<List<Map<String, Object>>> joined = new ArrayList<>(check.joins().size());
        for (InventorySnapshot.Loaded l : snapshot.resources(check.resourceType())) {
            var r = l.resource();
            joined.clear();
            for (int i = 0; i < check.joins().size(); i++) {
                String key = check.joins().get(i).keyOf(l.value(), false);
                joined.add(key == null ? List.of() : used.get(i).getOrDefault(key, List.of()));
            }
            boolean pass = check.predicate().pass(l.value(), joined, now);
            results.add(new ResourceResult(check.resourceType(), l.key(), r.displayName() == null ? r.externalId() : r.displayName(),
                    r.connectionId(), pass ? Outcome.PASS : Outcome.FAIL, null));
        }
        return results;
    }

    private static Map<String, List<Map<String, Object>>> index(Join j, InventorySnapshot snapshot) {
        Map<String, List<Map<String, Object>>> index = new HashMap<>();
        for (InventorySnapshot.Loaded l : snapshot.resources(j.type())) {
            String key = j.keyOf(l.value(), true);
            if (key != null) {
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(l.value());
            }
        }
        return index;
    }

    // Reading the CEL values: attributes are maps, JSON null is CEL's NullValue.

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> resource, String attribute) {
        Object v = ((Map<String, Object>) resource.get("attributes")).get(attribute);
        return v instanceof NullValue ? null : v;
    }

    @SuppressWarnings("unchecked")
    static boolean has(Map<String, Object> resource, String attribute) {
        return ((Map<String, Object>) resource.get("attributes")).containsKey(attribute);
    }

    static String text(Map<String, Object> resource, String attribute) {
        return at(resource, attribute) instanceof String s ? s : null;
    }

    static boolean isTrue(Map<String, Object> resource, String attribute) {
        return Boolean.TRUE.equals(at(resource, attribute));
    }

    static boolean isFalse(Map<String, Object> resource, String attribute) {
        return Boolean.FALSE.equals(at(resource, attribute));
    }

    static long number(Map<String, Object> resource, String attribute) {
        return ((Number) at(resource, attribute)).longValue();
    }

    static boolean is(Map<String, Object> resource, String attribute, String value) {
        return value.equals(at(resource, attribute));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> resource, String attribute) {
        return (List<Object>) at(resource, attribute);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Whole days from one instant to another, rounded down, as the checks' daysBetween(). */
    static long daysBetween(Instant from, Instant to) {
        return Math.floorDiv(Duration.between(from, to).getSeconds(), 86_400L);
    }

    /** An ISO date (midnight UTC) or date-time, as the checks' date(). */
    static Instant date(String value) {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                : OffsetDateTime.parse(value).toInstant();
    }
}
