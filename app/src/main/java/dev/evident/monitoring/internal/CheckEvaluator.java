package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.CompiledCheck.JoinPlan;
import dev.evident.monitoring.internal.CompiledCheck.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates one compiled check over every resource of its type, with its joins. Pure: reads the
 * snapshot, writes nothing.
 */
final class CheckEvaluator {

    private CheckEvaluator() {
    }

    /** One resource's result. */
    record ResourceResult(String resourceType, String resourceKey, String resourceName, UUID connectionId,
                          Outcome outcome, String detail) {
    }

    /**
     * A sync that could not collect some types: results that depend on them are errors with its reason.
     *
     * @param connectionId the connection whose sync failed; its own resources of a failed type are errors,
     *                     and every resource is an error when a joined type failed
     */
    record SyncFailure(UUID connectionId, String connector, List<String> failedTypes, String error) {

        boolean covers(String type) {
            return failedTypes.contains(type);
        }

        String reason(String type) {
            return "not evaluated: the last sync of " + connector + " could not collect " + type
                    + (error == null || error.isBlank() ? "" : ": " + error);
        }
    }

    /**
     * Evaluates the check with every current collection failure in mind: a failed type of a connection
     * makes that connection's resources of it errors, and when the connection holds none of them (the
     * type was never collected), one error result for the connection says so, so a service denied from
     * the first sync shows as an error and not as nothing to check. A failed joined type makes every
     * result an error.
     */
    static List<ResourceResult> evaluate(CompiledCheck check, Map<String, Object> params, InventorySnapshot snapshot,
                                         Instant now, List<SyncFailure> failures) {
        CheckDefinition d = check.definition();
        String joinFailure = null;
        for (SyncFailure failure : failures) {
            for (JoinPlan plan : check.joins()) {
                if (joinFailure == null && failure.covers(plan.join().type())) {
                    joinFailure = failure.reason(plan.join().type());
                }
            }
        }
        Map<UUID, SyncFailure> primaryFailed = new HashMap<>();
        failures.stream().filter(f -> f.covers(d.resourceType())).forEach(f -> primaryFailed.putIfAbsent(f.connectionId(), f));
        Object celParams = ResourceValues.value(params);
        List<InventorySnapshot.Loaded> resources = snapshot.resources(d.resourceType());
        // Each join's index is looked up once per check, not once per resource.
        List<Map<String, List<Map<String, Object>>>> indexes = new ArrayList<>(check.joins().size());
        if (joinFailure == null && !resources.isEmpty()) {
            check.joins().forEach(plan -> indexes.add(snapshot.index(plan)));
        }
        List<ResourceResult> results = new ArrayList<>(resources.size());
        Set<UUID> failedWithResources = new HashSet<>();
        for (InventorySnapshot.Loaded l : resources) {
            var r = l.resource();
            String name = r.displayName() == null ? r.externalId() : r.displayName();
            SyncFailure own = primaryFailed.get(r.connectionId());
            Verdict verdict;
            if (own != null) {
                failedWithResources.add(r.connectionId());
                verdict = new Verdict(Outcome.ERROR, own.reason(d.resourceType()));
            } else if (joinFailure != null) {
                verdict = new Verdict(Outcome.ERROR, joinFailure);
            } else if (l.value() == null) {
                verdict = new Verdict(Outcome.ERROR, l.problem());
            } else {
                verdict = check.evaluate(variables(check, l.value(), celParams, indexes, now));
            }
            results.add(new ResourceResult(d.resourceType(), l.key(), name, r.connectionId(), verdict.outcome(),
                    verdict.detail()));
        }
        primaryFailed.forEach((connectionId, failure) -> {
            if (!failedWithResources.contains(connectionId)) {
                results.add(new ResourceResult(d.resourceType(), dev.evident.monitoring.MonitoringHistory.resourceKey(connectionId, UNCOLLECTED + d.resourceType()),
                        failure.connector() + ": " + d.resourceType() + " not collected", connectionId, Outcome.ERROR,
                        failure.reason(d.resourceType())));
            }
        });
        return results;
    }

    /** Starts the external-id part of the result key that stands for a type a connection never collected. */
    static final String UNCOLLECTED = "\u2205collection:";

    private static Map<String, Object> variables(CompiledCheck check, Map<String, Object> resource, Object params,
                                                 List<Map<String, List<Map<String, Object>>>> indexes, Instant now) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("resource", resource);
        vars.put("now", now);
        vars.put("params", params);
        for (int i = 0; i < check.joins().size(); i++) {
            JoinPlan plan = check.joins().get(i);
            CheckJoin j = plan.join();
            String key = j.onAll() ? ""
                    : j.byPerson() ? ResourceValues.identityKey(resource)
                    : CompiledCheck.key(plan.resourceKey(), resource);
            List<Map<String, Object>> joined = key == null ? List.of() : indexes.get(i).getOrDefault(key, List.of());
            vars.put(j.as(), joined);
        }
        return vars;
    }
}
