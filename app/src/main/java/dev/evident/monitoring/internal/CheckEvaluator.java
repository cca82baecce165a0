package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.CompiledCheck.JoinPlan;
import dev.evident.monitoring.internal.CompiledCheck.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static List<ResourceResult> evaluate(CompiledCheck check, Map<String, Object> params, InventorySnapshot snapshot,
                                         Instant now, SyncFailure failure) {
        CheckDefinition d = check.definition();
        String joinFailure = null;
        if (failure != null) {
            for (JoinPlan plan : check.joins()) {
                if (failure.covers(plan.join().type())) {
                    joinFailure = failure.reason(plan.join().type());
                    break;
                }
            }
        }
        boolean primaryFailed = failure != null && failure.covers(d.resourceType());
        Object celParams = ResourceValues.value(params);
        List<InventorySnapshot.Loaded> resources = snapshot.resources(d.resourceType());
        // Each join's index is looked up once per check, not once per resource.
        List<Map<String, List<Map<String, Object>>>> indexes = new ArrayList<>(check.joins().size());
        if (joinFailure == null && !resources.isEmpty()) {
            check.joins().forEach(plan -> indexes.add(snapshot.index(plan)));
        }
        List<ResourceResult> results = new ArrayList<>(resources.size());
        for (InventorySnapshot.Loaded l : resources) {
            var r = l.resource();
            String name = r.displayName() == null ? r.externalId() : r.displayName();
            Verdict verdict;
            if (primaryFailed && failure.connectionId().equals(r.connectionId())) {
                verdict = new Verdict(Outcome.ERROR, failure.reason(d.resourceType()));
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
        return results;
    }

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
