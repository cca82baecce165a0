package dev.evident.monitoring.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.integration.ConnectionSynced;
import dev.evident.monitoring.ChecksBackfilled;
import dev.evident.monitoring.ChecksEvaluated;
import dev.evident.monitoring.MonitoringHistory;
import dev.evident.monitoring.internal.CheckEvaluation.Evaluated;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.CheckService.CheckInput;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.monitoring.internal.ResultIntervals.Interval;
import dev.evident.shared.security.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes history after the fact (see {@link MonitoringHistory}): intervals straight into the store,
 * without publishing state changes, and the evidence records of past syncs computed from those intervals
 * by the same {@link MonitoringEvidence} a live evaluation uses, published together as {@link ChecksBackfilled}.
 */
@Service
class HistoryBackfill implements MonitoringHistory {

    private final CheckService checks;
    private final ResultIntervals intervals;
    private final ExceptionService exceptions;
    private final ControlKeys controlKeys;
    private final ControlDirectory controls;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final EvaluationTasks evaluations;

    HistoryBackfill(CheckService checks, ResultIntervals intervals, ExceptionService exceptions, ControlKeys controlKeys,
                    ControlDirectory controls, ApplicationEventPublisher events, TransactionTemplate transaction,
                    EvaluationTasks evaluations) {
        this.checks = checks;
        this.intervals = intervals;
        this.exceptions = exceptions;
        this.controlKeys = controlKeys;
        this.controls = controls;
        this.events = events;
        this.transaction = transaction;
        this.evaluations = evaluations;
    }

    @Override
    public void evaluateNow(UUID orgId, UUID connectionId) {
        evaluations.evaluatePending(orgId, connectionId);
    }

    @Override
    public Set<UUID> checkedControls(UUID orgId) {
        List<String> keys = checks.list(orgId).stream().filter(c -> c.row().enabled())
                .flatMap(c -> c.current().definition().controls().stream()).distinct().toList();
        return Set.copyOf(controlKeys.resolve(orgId, keys));
    }

    @Override
    public List<OpenResult> openResults(UUID orgId) {
        Map<UUID, String> keys = checks.list(orgId).stream().collect(Collectors.toMap(c -> c.row().id(), c -> c.row().key()));
        return intervals.allOpen(orgId).stream().map(i -> new OpenResult(keys.get(i.checkId()), i.resourceType(),
                i.resourceKey(), i.resourceName(), i.outcome().id(), i.detail(), i.from())).toList();
    }

    @Override
    public int backfill(UUID orgId, Instant before, List<PastResult> past) {
        Map<String, CheckState> byKey = checks.list(orgId).stream()
                .collect(Collectors.toMap(c -> c.row().key(), c -> c));
        Map<String, List<PastResult>> byCheck = past.stream()
                .collect(Collectors.groupingBy(PastResult::checkKey, LinkedHashMap::new, Collectors.toList()));
        Integer written = transaction.execute(status -> {
            int n = 0;
            for (var entry : byCheck.entrySet()) {
                CheckState check = byKey.get(entry.getKey());
                if (check == null) {
                    throw new IllegalArgumentException("no check " + entry.getKey() + " in the organization");
                }
                n += backfill(orgId, check, before, entry.getValue());
            }
            return n;
        });
        return written == null ? 0 : written;
    }

    private int backfill(UUID orgId, CheckState check, Instant before, List<PastResult> past) {
        UUID checkId = check.row().id();
        int version = check.row().currentVersion();
        intervals.lock(orgId, checkId);
        intervals.deleteClosedSince(orgId, checkId, before);
        Map<String, IntervalPlan.Open> open = intervals.open(orgId, checkId);
        List<Interval> closed = new ArrayList<>();
        int moved = 0;
        for (PastResult p : past) {
            Outcome outcome = Outcome.of(p.outcome());
            if (p.to() == null) {
                IntervalPlan.Open current = open.get(p.resourceKey());
                if (current == null || current.outcome() != outcome) {
                    throw new IllegalArgumentException(check.row().key() + " has no open " + p.outcome() + " result for "
                            + p.resourceKey());
                }
                intervals.moveOpenStart(orgId, current.id(), p.from());
                moved++;
            } else if (p.from().isBefore(p.to())) {
                closed.add(new Interval(0L, checkId, version, p.resourceType(), p.resourceKey(), p.resourceName(),
                        outcome, p.detail(), p.from(), p.to()));
            }
        }
        intervals.insertClosed(orgId, checkId, version, closed);
        return moved + closed.size();
    }

    @Override
    public int recordEvidence(UUID orgId, List<PastSync> syncs) {
        if (syncs.isEmpty()) {
            return 0;
        }
        Instant first = syncs.stream().map(PastSync::finishedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = syncs.stream().map(PastSync::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
        List<Control> orgControls = controls.controls(orgId);
        List<CheckState> enabled = checks.list(orgId).stream().filter(c -> c.row().enabled()).toList();
        Map<UUID, List<Interval>> history = new HashMap<>();
        Map<UUID, List<UUID>> controlIds = new HashMap<>();
        for (CheckState c : enabled) {
            history.put(c.row().id(), intervals.overlapping(orgId, c.row().id(), null, null, first, last.plusSeconds(1)));
            controlIds.put(c.row().id(), controlKeys.resolve(orgControls, c.definition().controls()));
        }
        int records = 0;
        List<ChecksEvaluated> evaluations = new ArrayList<>();
        for (PastSync sync : syncs) {
            List<Evaluated> evaluated = new ArrayList<>();
            for (CheckState c : enabled) {
                if (c.definition().typesRead().stream().noneMatch(sync.resourceTypes()::contains)) {
                    continue;
                }
                List<ResourceResult> results = history.get(c.row().id()).stream()
                        .filter(i -> !i.from().isAfter(sync.finishedAt())
                                && (i.to() == null || i.to().isAfter(sync.finishedAt())))
                        .map(i -> new ResourceResult(i.resourceType(), i.resourceKey(), i.resourceName(), null,
                                i.outcome(), i.detail()))
                        .toList();
                evaluated.add(new Evaluated(c, results, controlIds.get(c.row().id()), 0));
            }
            if (!evaluated.isEmpty()) {
                evaluations.add(MonitoringEvidence.evaluated(new ConnectionSynced(orgId, sync.connectionId(), sync.connector(),
                        sync.syncId(), sync.finishedAt(), sync.resourceTypes(), List.of(), null, sync.payloadDigest()), evaluated));
                records += evaluated.size();
            }
        }
        events.publishEvent(new ChecksBackfilled(orgId, evaluations));
        return records;
    }

    @Override
    public void setParameters(Actor actor, String checkKey, Map<String, Object> parameters) {
        CheckDefinition d = checks.get(actor.orgId(), checkKey).definition();
        Map<String, Object> merged = new LinkedHashMap<>(d.parameters());
        merged.putAll(parameters);
        checks.update(actor, checkKey, new CheckInput(d.key(), d.title(), d.description(), d.resourceType(),
                d.expression(), d.severity().id(), d.controls(), d.remediation(), merged, d.joins()), null);
    }

    @Override
    public void accept(Actor actor, String checkKey, String resourceKey, String reason, Instant expiresAt) {
        exceptions.grant(actor, checkKey, resourceKey, reason, expiresAt);
    }
}
