package dev.evident.monitoring.internal;

import dev.evident.evidence.EvidenceIngest;
import dev.evident.evidence.EvidenceIngest.NewRecord;
import dev.evident.evidence.EvidenceKind;
import dev.evident.integration.ConnectionSynced;
import dev.evident.monitoring.internal.CheckEvaluation.Evaluated;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One ledger record per check evaluated after a sync: what was checked (check key and version over a
 * resource type, from which connector and payload), the counts per outcome and the resources that did
 * not pass, linked to the check's controls and effective on the sync's day (UTC). The sync id and
 * check key form the idempotency key, so a repeated event adds nothing.
 */
@Component
class MonitoringEvidence {

    static final int MAX_LISTED = 100;
    private static final Logger log = LoggerFactory.getLogger(MonitoringEvidence.class);

    private final EvidenceIngest ingest;
    private final ProgramDirectory programs;

    MonitoringEvidence(EvidenceIngest ingest, ProgramDirectory programs) {
        this.ingest = ingest;
        this.programs = programs;
    }

    void record(ConnectionSynced synced, List<Evaluated> evaluated) {
        if (evaluated.isEmpty()) {
            return;
        }
        if (programs.programs(synced.orgId()).isEmpty()) {
            log.debug("No evidence for sync {}: organization {} has no program yet", synced.syncId(), synced.orgId());
            return;
        }
        List<NewRecord> records = evaluated.stream().map(e -> record(synced, e)).toList();
        try {
            ingest.addRecords(Actor.system(synced.orgId(), "Monitoring"), records);
        } catch (InvalidInputException e) {
            // the sync's day lies outside every program period: there is nothing for the record to prove
            log.info("No evidence for sync {} of organization {}: {}", synced.syncId(), synced.orgId(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Could not add check evidence for sync {} of organization {}: {}", synced.syncId(), synced.orgId(),
                    e.getMessage(), e);
        }
    }

    static NewRecord record(ConnectionSynced synced, Evaluated e) {
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
        LocalDate day = LocalDate.ofInstant(synced.finishedAt(), ZoneOffset.UTC);
        String title = "Check " + d.key() + " v" + version + ": " + counts.get(Outcome.PASS) + " pass, "
                + counts.get(Outcome.FAIL) + " fail, " + counts.get(Outcome.ERROR) + " error"
                + (counts.get(Outcome.EXCEPTED) > 0 ? ", " + counts.get(Outcome.EXCEPTED) + " excepted" : "");
        return new NewRecord(EvidenceKind.CONNECTOR_RECORD, title, d.title(), data, day, day, synced.finishedAt(),
                synced.connector(), d.key() + "@" + version + " over " + d.resourceType(), e.controlIds(), List.of(),
                "monitoring:" + synced.syncId() + ":" + d.key());
    }
}
