package dev.evident.evidence.internal.coverage;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.control.ControlLifecycle;
import dev.evident.control.ControlStatus;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.Coverage.Occurrence;
import dev.evident.evidence.Coverage.State;
import dev.evident.evidence.EvidenceEvents.EvidenceAdded;
import dev.evident.evidence.EvidenceEvents.EvidenceChanged;
import dev.evident.evidence.EvidenceEvents.EvidenceLinked;
import dev.evident.evidence.EvidenceEvents.EvidenceRecordsAdded;
import dev.evident.evidence.EvidenceEvents.EvidenceRemoved;
import dev.evident.evidence.EvidenceEvents.EvidenceUnlinked;
import dev.evident.evidence.EvidenceItem;
import dev.evident.notification.Notifications;
import dev.evident.notification.Notifications.Notice;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.program.ReportType;
import dev.evident.shared.security.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps controls' Evidenced status in step with coverage and tells owners when evidence goes
 * stale. Runs when evidence changes (for the controls it touches) and daily for every organization
 * that collects evidence, since occurrences fall due with time alone.
 * <ul>
 *   <li>An Implemented control moves to Evidenced when its coverage keeps up ({@link Coverage#covered()})
 *   in every program it serves whose period has something due; an Evidenced control moves back to
 *   Implemented when one of them shows a gap. Programs with nothing due yet neither count nor block;
 *   a control serving no such program stays where it is. Defined and Tested controls are left alone.</li>
 *   <li>The daily sweep notifies the control's owner when its coverage of a program is stale, once per
 *   missing occurrence (the key names control, program and the occurrence's first day).</li>
 * </ul>
 */
@Component
public class CoverageWatch {

    private static final Logger log = LoggerFactory.getLogger(CoverageWatch.class);

    /** What one evaluation did, for tests and logs. */
    public record Outcome(int evidenced, int backToImplemented, int notified) {
    }

    private final CoverageService coverage;
    private final CoverageQueries queries;
    private final ControlDirectory controls;
    private final ProgramDirectory programs;
    private final ControlLifecycle lifecycle;
    private final Notifications notifications;
    /** Each move and notification commits on its own: one refused move must not undo the others. */
    private final TransactionTemplate own;

    CoverageWatch(CoverageService coverage, CoverageQueries queries, ControlDirectory controls, ProgramDirectory programs,
                  ControlLifecycle lifecycle, Notifications notifications, PlatformTransactionManager transactions) {
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.coverage = coverage;
        this.queries = queries;
        this.controls = controls;
        this.programs = programs;
        this.lifecycle = lifecycle;
        this.notifications = notifications;
    }

    /**
     * After the change committed (or at once when it was published outside a transaction). Evidence
     * that was only added cannot open a gap, so then only Implemented controls are looked at, and
     * nothing is read at all when the organization has none (a bulk ingest into controls not yet
     * implemented costs one read of the controls per batch).
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EvidenceChanged changed) {
        try {
            boolean additive = changed instanceof EvidenceRecordsAdded || changed instanceof EvidenceLinked
                    || changed instanceof EvidenceAdded added && added.item().supersedes() == null;
            List<Control> all = controls.controls(changed.orgId());
            if (additive && all.stream().noneMatch(c -> c.applicable() && c.status() == ControlStatus.IMPLEMENTED)) {
                return;
            }
            Set<UUID> affected = affected(changed);
            if (affected != null && affected.isEmpty()) {
                return;
            }
            evaluate(changed.orgId(), all, affected, additive, false);
        } catch (RuntimeException e) {
            // The evidence is stored; the daily sweep catches up with the status.
            log.warn("Could not update control status after an evidence change in organization {}: {}", changed.orgId(),
                    e.getMessage(), e);
        }
    }

    /** The controls an event can affect; null for "any control of the organization". */
    private Set<UUID> affected(EvidenceChanged changed) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (changed instanceof EvidenceAdded added) {
            // a correction carries the superseded item's links, so the same controls are named
            added.item().links().stream().filter(l -> l.targetType().equals("control")).map(EvidenceItem.Link::targetId)
                    .forEach(ids::add);
        } else if (changed instanceof EvidenceLinked linked) {
            if (linked.targetType().equals("control")) {
                ids.add(linked.targetId());
            }
        } else if (changed instanceof EvidenceUnlinked unlinked) {
            if (unlinked.targetType().equals("control")) {
                ids.add(unlinked.targetId());
            }
        } else if (changed instanceof EvidenceRecordsAdded batch) {
            ids.addAll(queries.controlsLinkedBetween(batch.orgId(), batch.firstSeq(), batch.lastSeq()));
        } else if (changed instanceof EvidenceRemoved) {
            return null;
        }
        return ids;
    }

    /** The daily sweep: every organization that collects evidence, every control, with stale notifications. */
    public Outcome sweep() {
        int evidenced = 0;
        int back = 0;
        int notified = 0;
        for (UUID orgId : queries.organizationsWithEvidence()) {
            try {
                Outcome o = evaluate(orgId, null, true);
                evidenced += o.evidenced();
                back += o.backToImplemented();
                notified += o.notified();
            } catch (RuntimeException e) {
                log.warn("Coverage sweep failed for organization {}: {}", orgId, e.getMessage(), e);
            }
        }
        return new Outcome(evidenced, back, notified);
    }

    /**
     * Re-evaluates the given controls (all when null) of an organization.
     *
     * @param notify whether to notify owners of stale coverage (the sweep does; evidence changes do not
     *               make coverage stale, except unlinking, which the next sweep reports)
     */
    public Outcome evaluate(UUID orgId, Set<UUID> controlIds, boolean notify) {
        return evaluate(orgId, controls.controls(orgId), controlIds, false, notify);
    }

    /** @param onlyImplemented look only at Implemented controls (after evidence was only added) */
    private Outcome evaluate(UUID orgId, List<Control> organizationControls, Set<UUID> controlIds, boolean onlyImplemented,
                             boolean notify) {
        List<Program> all = programs.programs(orgId);
        if (all.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        List<Control> candidates = organizationControls.stream()
                .filter(c -> c.applicable() && (controlIds == null || controlIds.contains(c.id()))
                        && (!onlyImplemented || c.status() == ControlStatus.IMPLEMENTED)).toList();
        if (candidates.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        Map<UUID, List<Coverage>> byControl = new LinkedHashMap<>();
        Map<UUID, Program> programById = new LinkedHashMap<>();
        for (Program program : all) {
            programById.put(program.id(), program);
            for (Coverage c : coverage.compute(program, coverage.serving(program, candidates), true)) {
                byControl.computeIfAbsent(c.controlId(), k -> new ArrayList<>()).add(c);
            }
        }
        Actor system = Actor.system(orgId, "evidence coverage");
        int evidenced = 0;
        int back = 0;
        int notified = 0;
        for (Control control : candidates) {
            List<Coverage> relevant = byControl.getOrDefault(control.id(), List.of()).stream()
                    .filter(c -> c.status() != Coverage.Status.NOT_STARTED).toList();
            if (relevant.isEmpty()) {
                continue;
            }
            List<Coverage> gaps = relevant.stream().filter(c -> !c.covered()).toList();
            try {
                if (control.status() == ControlStatus.IMPLEMENTED && gaps.isEmpty()) {
                    String reason = reason(relevant, programById, true);
                    own.executeWithoutResult(t -> lifecycle.moveBySystem(system, control.id(), ControlStatus.EVIDENCED, reason));
                    evidenced++;
                } else if (control.status() == ControlStatus.EVIDENCED && !gaps.isEmpty()) {
                    String reason = reason(gaps, programById, false);
                    own.executeWithoutResult(t -> lifecycle.moveBySystem(system, control.id(), ControlStatus.IMPLEMENTED, reason));
                    back++;
                }
            } catch (RuntimeException e) {
                // changed concurrently (a person moved it, or another node did): the next run decides again
                log.info("Coverage left {} as it is: {}", control.ref(), e.getMessage());
            }
            if (notify && control.ownerUserId() != null) {
                for (Coverage c : relevant) {
                    if (c.stale() && notifyStale(orgId, control, programById.get(c.programId()), c)) {
                        notified++;
                    }
                }
            }
        }
        return new Outcome(evidenced, back, notified);
    }

    private boolean notifyStale(UUID orgId, Control control, Program program, Coverage c) {
        Occurrence last = null;
        for (Occurrence o : c.occurrences()) {
            if (o.state() != State.NOT_DUE) {
                last = o;
            }
        }
        if (last == null || last.state() != State.MISSING) {
            return false;
        }
        String what = c.frequency() == dev.evident.catalog.ControlFrequency.CONTINUOUS ? "the days from " + last.from()
                : "the " + CoverageCalculator.unit(c.frequency(), 1) + " " + last.from() + " to " + last.to();
        String subject = control.ref() + ": evidence missing for " + what;
        String body = control.ref() + " " + control.title() + " has no evidence for " + what + " in '" + program.name()
                + "' (" + program.periodLabel() + "). " + c.summary() + " Upload or record the evidence, or explain the gap "
                + "to your auditor.";
        Notice notice = new Notice(orgId, control.ownerUserId(), "evidence.stale", subject, body, "/controls/" + control.id(),
                "evidence.stale:" + control.id() + ":" + program.id() + ":" + last.from());
        return Boolean.TRUE.equals(own.execute(t -> notifications.notify(notice)));
    }

    /** "evidence covers 4 of 4 quarters in 'SOC 2 Type II 2027'" or the gaps that moved it back. */
    private static String reason(List<Coverage> coverages, Map<UUID, Program> programs, boolean covered) {
        List<String> parts = new ArrayList<>();
        for (Coverage c : coverages) {
            String name = "'" + programs.get(c.programId()).name() + "'";
            if (c.status() == Coverage.Status.PER_EVENT) {
                parts.add((covered ? "evidence of events in " : "no evidence of any event in ") + (covered ? c.evidenced()
                        + " of " + c.due() + " months of " : "") + name);
            } else if (programs.get(c.programId()).reportType() == ReportType.TYPE_1) {
                parts.add((covered ? "evidence covers " : "no evidence for ") + "the " + CoverageCalculator.unit(c.frequency(), 1)
                        + " up to the as-of date of " + name);
            } else {
                String unit = CoverageCalculator.unit(c.frequency(), c.due());
                parts.add("evidence covers " + c.evidenced() + " of " + c.due() + " " + unit + " due in " + name
                        + (c.missing().isEmpty() ? "" : "; missing " + CoverageCalculator.rangesText(c.missing())));
            }
        }
        return String.join("; ", parts);
    }
}
