package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one evaluation of a check changes in its history: which open intervals close and which open.
 * An interval changes only when the outcome or the check version changes; a resource that is no longer
 * in the inventory has its interval closed and nothing opened.
 */
record IntervalPlan(List<Long> close, List<ResourceResult> open, List<Change> changes) {

    /** The interval currently open for a resource. */
    record Open(long id, int version, Outcome outcome, String detail, String resourceType, String resourceName) {
    }

    /** An outcome change, published as CheckStateChanged; {@code previous} is null for a new resource. */
    record Change(ResourceResult result, Outcome previous) {
    }

    static IntervalPlan of(Map<String, Open> open, List<ResourceResult> results, int version, boolean removeMissing) {
        List<Long> close = new ArrayList<>();
        List<ResourceResult> opened = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ResourceResult r : results) {
            if (!seen.add(r.resourceKey())) {
                continue;
            }
            Open current = open.get(r.resourceKey());
            if (current == null) {
                opened.add(r);
                changes.add(new Change(r, null));
            } else if (current.outcome() != r.outcome() || current.version() != version) {
                close.add(current.id());
                opened.add(r);
                if (current.outcome() != r.outcome()) {
                    changes.add(new Change(r, current.outcome()));
                }
            }
        }
        if (removeMissing) {
            open.forEach((key, interval) -> {
                if (!seen.contains(key)) {
                    close.add(interval.id());
                }
            });
        }
        return new IntervalPlan(close, opened, changes);
    }

    boolean isEmpty() {
        return close.isEmpty() && open.isEmpty();
    }
}
