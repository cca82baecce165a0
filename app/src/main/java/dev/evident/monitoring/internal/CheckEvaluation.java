package dev.evident.monitoring.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.integration.ConnectionSynced;
import dev.evident.integration.Inventory;
import dev.evident.monitoring.CheckStateChanged;
import dev.evident.monitoring.CheckStateChanges;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.CheckEvaluator.SyncFailure;
import dev.evident.monitoring.internal.CheckExceptions.CheckException;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs checks over the inventory and turns the results into history: after every sync (as a task of
 * its own, see {@link EvaluationTasks}) the checks that read a synced (or failed) type are evaluated, a failure someone accepted becomes {@code excepted},
 * changed outcomes close and open intervals, each change is published as {@link CheckStateChanged} and
 * all of one check's together as {@link CheckStateChanges},
 * and each evaluated check adds one evidence record to the ledger.
 */
@Service
class CheckEvaluation {

    private static final Logger log = LoggerFactory.getLogger(CheckEvaluation.class);
    static final String ACCEPTED = " | accepted by ";

    /** What one check's evaluation produced. */
    record Evaluated(CheckState check, List<ResourceResult> results, List<UUID> controlIds, int changes) {
    }

    private final CheckService checks;
    private final CheckCompiler compiler;
    private final ResultIntervals intervals;
    private final CheckExceptions exceptions;
    private final ControlKeys controlKeys;
    private final ControlDirectory controls;
    private final ObjectProvider<Inventory> inventory;
    private final MonitoringEvidence evidence;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CheckEvaluation(CheckService checks, CheckCompiler compiler, ResultIntervals intervals, CheckExceptions exceptions,
                    ControlKeys controlKeys, ControlDirectory controls, ObjectProvider<Inventory> inventory,
                    MonitoringEvidence evidence, TransactionTemplate transaction, ApplicationEventPublisher events,
                    Clock clock) {
        this.checks = checks;
        this.compiler = compiler;
        this.intervals = intervals;
        this.exceptions = exceptions;
        this.controlKeys = controlKeys;
        this.controls = controls;
        this.inventory = inventory;
        this.evidence = evidence;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** The inventory of the integration module; an empty one until that module provides it. */
    Inventory inventory() {
        Inventory i = inventory.getIfAvailable();
        return i != null ? i : new Inventory() {
            @Override
            public void forEach(UUID orgId, String type, java.util.function.Consumer<dev.evident.integration.InventoryResource> c) {
            }

            @Override
            public List<String> types(UUID orgId) {
                return List.of();
            }
        };
    }

    /** Evaluates the checks a sync touched; run by {@link EvaluationTasks}, outside any transaction. */
    List<Evaluated> afterSync(ConnectionSynced synced) {
        Set<String> touched = new HashSet<>();
        touched.addAll(synced.resourceTypes() == null ? List.of() : synced.resourceTypes());
        List<String> failedTypes = synced.failedTypes() == null ? List.of() : synced.failedTypes();
        touched.addAll(failedTypes);
        List<CheckState> affected = checks.list(synced.orgId(), checks.builtInReadsAny(touched)).stream()
                .filter(c -> c.row().enabled() && c.definition().typesRead().stream().anyMatch(touched::contains))
                .toList();
        SyncFailure failure = failedTypes.isEmpty() ? null
                : new SyncFailure(synced.connectionId(), synced.connector(), failedTypes, synced.error());
        List<Evaluated> evaluated = evaluate(synced.orgId(), affected, failure);
        evidence.record(synced, evaluated);
        return evaluated;
    }

    /** Evaluates checks against the current inventory and records the changes. */
    List<Evaluated> evaluate(UUID orgId, List<CheckState> list, SyncFailure failure) {
        InventorySnapshot snapshot = new InventorySnapshot(inventory(), orgId);
        List<Control> orgControls = controls.controls(orgId);
        List<Evaluated> out = new ArrayList<>();
        for (CheckState check : list) {
            try {
                out.add(evaluateOne(orgId, check, snapshot, orgControls, failure));
            } catch (RuntimeException e) {
                log.warn("Check {} of organization {} could not be evaluated: {}", check.row().key(), orgId,
                        e.getMessage(), e);
            }
        }
        return out;
    }

    private Evaluated evaluateOne(UUID orgId, CheckState check, InventorySnapshot snapshot, List<Control> orgControls,
                                  SyncFailure failure) {
        Instant now = Timestamps.now(clock);
        CheckDefinition d = check.definition();
        CompiledCheck compiled = compiler.compile(d);
        List<ResourceResult> raw = CheckEvaluator.evaluate(compiled, d.parameters(), snapshot, now,
                snapshot.failures(failure));
        List<ResourceResult> results = applyExceptions(exceptions.valid(orgId, check.row().id(), now), raw);
        List<UUID> controlIds = controlKeys.resolve(orgControls, d.controls());
        int changes = record(orgId, check, results, controlIds, now, true);
        return new Evaluated(check, results, controlIds, changes);
    }

    /** Fails covered by a valid exception become EXCEPTED, with who accepted them and why. */
    static List<ResourceResult> applyExceptions(Map<String, CheckException> valid, List<ResourceResult> results) {
        if (valid.isEmpty()) {
            return results;
        }
        List<ResourceResult> out = new ArrayList<>(results.size());
        for (ResourceResult r : results) {
            CheckException e = valid.get(r.resourceKey());
            out.add(r.outcome() == Outcome.FAIL && e != null ? excepted(r, e) : r);
        }
        return out;
    }

    static ResourceResult excepted(ResourceResult r, CheckException e) {
        String failing = r.detail() == null ? "fails" : r.detail();
        return new ResourceResult(r.resourceType(), r.resourceKey(), r.resourceName(), r.connectionId(), Outcome.EXCEPTED,
                failing + ACCEPTED + e.approvedByLabel() + " until " + e.expiresAt() + ": " + e.reason());
    }

    /**
     * Writes the changes one evaluation makes to a check's history, in one transaction, then publishes
     * them. {@code complete} means the results cover every resource, so open intervals of resources not
     * among them are closed.
     */
    int record(UUID orgId, CheckState check, List<ResourceResult> results, List<UUID> controlIds, Instant at,
               boolean complete) {
        UUID checkId = check.row().id();
        int version = check.row().currentVersion();
        boolean[] first = {false};
        IntervalPlan plan = transaction.execute(status -> {
            intervals.lock(orgId, checkId);
            Map<String, IntervalPlan.Open> open = intervals.open(orgId, checkId);
            first[0] = open.isEmpty();
            IntervalPlan p = IntervalPlan.of(open, results, version, complete);
            intervals.apply(orgId, checkId, version, p, at);
            return p;
        });
        CheckDefinition d = check.definition();
        List<CheckStateChanged> published = new ArrayList<>(plan.changes().size());
        for (IntervalPlan.Change c : plan.changes()) {
            ResourceResult r = c.result();
            CheckStateChanged changed = new CheckStateChanged(orgId, checkId, check.row().key(), d.title(), version,
                    d.severity().id(), r.resourceType(), r.resourceKey(), r.resourceName(), r.outcome().id(),
                    c.previous() == null ? null : c.previous().id(), r.detail(), at, controlIds);
            events.publishEvent(changed);
            published.add(changed);
        }
        if (!published.isEmpty()) {
            events.publishEvent(new CheckStateChanges(orgId, checkId, check.row().key(), d.title(), version,
                    d.severity().id(), at, controlIds, first[0], published));
        }
        return plan.changes().size();
    }

    /**
     * Brings open intervals of a check in line with its exceptions without a new evaluation: a FAIL
     * with a valid exception becomes EXCEPTED, an EXCEPTED without one (expired, revoked) FAILs again.
     */
    int reconcileExceptions(UUID orgId, CheckState check) {
        Instant now = Timestamps.now(clock);
        Map<String, CheckException> valid = exceptions.valid(orgId, check.row().id(), now);
        List<ResourceResult> changed = new ArrayList<>();
        intervals.open(orgId, check.row().id()).forEach((key, open) -> {
            ResourceResult current = new ResourceResult(open.resourceType(), key, open.resourceName(), null, open.outcome(),
                    open.detail());
            if (open.outcome() == Outcome.FAIL && valid.containsKey(key)) {
                changed.add(excepted(current, valid.get(key)));
            } else if (open.outcome() == Outcome.EXCEPTED && !valid.containsKey(key)) {
                String detail = open.detail() == null ? null : open.detail().split(java.util.regex.Pattern.quote(ACCEPTED), 2)[0];
                changed.add(new ResourceResult(open.resourceType(), key, open.resourceName(), null, Outcome.FAIL,
                        "exception ended; " + detail));
            }
        });
        if (changed.isEmpty()) {
            return 0;
        }
        return record(orgId, check, changed, controlKeys.resolve(orgId, check.definition().controls()), now, false);
    }
}
