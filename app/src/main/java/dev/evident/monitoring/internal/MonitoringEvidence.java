package dev.evident.monitoring.internal;

import dev.evident.integration.ConnectionSynced;
import dev.evident.monitoring.ChecksEvaluated;
import dev.evident.monitoring.ChecksEvaluated.CheckRecord;
import dev.evident.monitoring.internal.CheckEvaluation.Evaluated;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The ledger record of each check evaluated after a sync: what was checked (check key and version over
 * a resource type, from which connector and payload), the counts per outcome and the resources that did
 * not pass, for the check's controls. Published as {@link ChecksEvaluated}; the evidence module stores
 * it, effective on the sync's day, once per sync and check.
 */
@Component
class MonitoringEvidence {

    static final int MAX_LISTED = 100;

    private final ApplicationEventPublisher events;

    MonitoringEvidence(ApplicationEventPublisher events) {
        this.events = events;
    }

    void record(ConnectionSynced synced, List<Evaluated> evaluated) {
        if (evaluated.isEmpty()) {
            return;
        }
        events.publishEvent(evaluated(synced, evaluated));
    }

    /** The event {@link #record} publishes. */
    static ChecksEvaluated evaluated(ConnectionSynced synced, List<Evaluated> evaluated) {
        return new ChecksEvaluated(synced.orgId(), synced.syncId(), synced.connector(), synced.finishedAt(),
                evaluated.stream().map(e -> record(synced, e)).toList());
    }

    static CheckRecord record(ConnectionSynced synced, Evaluated e) {
        CheckDefinition d = e.check().definition();
        int version = e.check().row().currentVersion();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        List<Map<String, Object>> notPassing = new ArrayList<>();
        int notPassingCount = 0;
        for (ResourceResult r : e.results()) {
            counts.merge(r.outcome(), 1, Integer::sum);
            if (r.outcome() != Outcome.PASS) {
                notPassingCount++;
                if (notPassing.size() < MAX_LISTED) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("resource", r.resourceKey());
                    item.put("name", ResultIntervals.truncate(r.resourceName(), 200));
                    item.put("outcome", r.outcome().id());
                    item.put("detail", ResultIntervals.truncate(r.detail(), 300));
                    notPassing.add(item);
                }
            }
        }
        Map<String, Object> countMap = new LinkedHashMap<>();
        counts.forEach((o, n) -> countMap.put(o.id(), n));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("check", d.key());
        data.put("checkId", e.check().row().id().toString());
        data.put("checkVersion", version);
        data.put("title", d.title());
        data.put("severity", d.severity().id());
        data.put("resourceType", d.resourceType());
        data.put("syncId", synced.syncId().toString());
        data.put("connectionId", synced.connectionId().toString());
        data.put("connector", synced.connector());
        data.put("payloadDigest", synced.payloadDigest());
        data.put("evaluated", e.results().size());
        data.put("counts", countMap);
        data.put("notPassing", notPassing);
        data.put("notPassingListed", notPassing.size() < notPassingCount ? "first " + MAX_LISTED + " of " + notPassingCount
                : "all");
        if (synced.error() != null) {
            data.put("syncError", ResultIntervals.truncate(synced.error(), 500));
        }
        String title = "Check " + d.key() + " v" + version + ": " + counts.get(Outcome.PASS) + " pass, "
                + counts.get(Outcome.FAIL) + " fail, " + counts.get(Outcome.ERROR) + " error"
                + (counts.get(Outcome.EXCEPTED) > 0 ? ", " + counts.get(Outcome.EXCEPTED) + " excepted" : "");
        return new CheckRecord(title, d.title(), d.key() + "@" + version + " over " + d.resourceType(), data,
                e.controlIds(), "monitoring:" + synced.syncId() + ":" + d.key());
    }
}
