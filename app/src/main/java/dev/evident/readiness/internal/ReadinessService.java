package dev.evident.readiness.internal;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.control.ControlEvents.ControlsChanged;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.program.ProgramEvents.ProgramChanged;
import dev.evident.program.ReportType;
import dev.evident.readiness.ProgramReadiness;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.ReportVerdict;
import dev.evident.readiness.TypeTwoAssessor;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Computes readiness on request and keeps its history: every change to a program or to the
 * organization's controls records a snapshot of each affected program, inside the transaction that
 * made the change (at most one row per program and hour).
 */
@Service
public class ReadinessService implements ProgramReadiness {

    static final Duration DEFAULT_HISTORY = Duration.ofDays(180);
    static final int MAX_HISTORY_POINTS = 5000;

    private final ProgramDirectory programs;
    private final ControlDirectory controls;
    private final OrganizationDirectory directory;
    private final Catalog catalog;
    private final ReadinessSnapshots snapshots;
    private final ObjectProvider<TypeTwoAssessor> typeTwo;
    private final Clock clock;

    ReadinessService(ProgramDirectory programs, ControlDirectory controls, OrganizationDirectory directory, Catalog catalog,
                     ReadinessSnapshots snapshots, ObjectProvider<TypeTwoAssessor> typeTwo, Clock clock) {
        this.programs = programs;
        this.controls = controls;
        this.directory = directory;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.typeTwo = typeTwo;
        this.clock = clock;
    }

    public Program program(Actor actor, UUID programId) {
        return programs.program(actor.orgId(), programId).orElseThrow(() -> new NotFoundException("Program"));
    }

    public Readiness readiness(Actor actor, UUID programId) {
        Program program = program(actor, programId);
        return compute(program, controls.controls(actor.orgId()), owners(actor.orgId()));
    }

    public List<ReadinessSnapshots.Snapshot> history(Actor actor, UUID programId, Instant from, Instant to) {
        program(actor, programId);
        Instant end = to == null ? clock.instant().plusSeconds(1) : to;
        Instant start = from == null ? end.minus(DEFAULT_HISTORY) : from;
        if (!start.isBefore(end)) {
            throw new InvalidInputException("from", "must be before to");
        }
        return snapshots.history(actor.orgId(), programId, start, end, MAX_HISTORY_POINTS);
    }

    /** Members who may own controls, by id, with their names: anyone else counts as no owner. */
    Map<UUID, String> owners(UUID orgId) {
        return directory.members(orgId).stream().collect(Collectors.toMap(MemberSummary::userId, MemberSummary::displayName));
    }

    Readiness compute(Program program, List<Control> all, Map<UUID, String> owners) {
        FrameworkIndex framework = catalog.index(program.frameworkId()).orElseThrow();
        ReportVerdict typeTwoVerdict = program.reportType() != ReportType.TYPE_2 ? null : assessTypeTwo(program, all);
        return ReadinessCalculator.compute(program, framework, all, owners, typeTwoVerdict, Timestamps.now(clock));
    }

    private ReportVerdict assessTypeTwo(Program program, List<Control> all) {
        TypeTwoAssessor assessor = typeTwo.getIfAvailable();
        if (assessor == null) {
            return new ReportVerdict(ReportVerdict.Status.NOT_ASSESSED, "Type II readiness needs evidence that each "
                    + "control operated throughout the period (" + program.periodLabel() + "); it is assessed once "
                    + "evidence is collected for the program.");
        }
        return assessor.assess(program, all.stream().filter(Control::applicable).toList());
    }

    @EventListener
    void on(ProgramChanged changed) {
        Program program = changed.program();
        snapshot(program, controls.controls(program.orgId()), owners(program.orgId()));
    }

    @EventListener
    void on(ControlsChanged changed) {
        List<Program> affected = programs.programs(changed.orgId());
        if (affected.isEmpty()) {
            return;
        }
        List<Control> all = controls.controls(changed.orgId());
        Map<UUID, String> owners = owners(changed.orgId());
        affected.forEach(p -> snapshot(p, all, owners));
    }

    /** Records now as part of the history; the demo uses {@link #recordAt} to lay down past weeks. */
    private void snapshot(Program program, List<Control> all, Map<UUID, String> owners) {
        snapshots.record(program.orgId(), compute(program, all, owners), Timestamps.now(clock));
    }

    @Override
    public java.util.Optional<Readiness> current(UUID orgId, UUID programId) {
        return programs.program(orgId, programId).map(p -> compute(p, controls.controls(orgId), owners(orgId)));
    }

    @Override
    public Map<UUID, Readiness> currentByProgram(UUID orgId) {
        List<Program> all = programs.programs(orgId);
        Map<UUID, Readiness> result = new java.util.LinkedHashMap<>();
        if (all.isEmpty()) {
            return result;
        }
        List<Control> organizationControls = controls.controls(orgId);
        Map<UUID, String> owners = owners(orgId);
        all.forEach(p -> result.put(p.id(), compute(p, organizationControls, owners)));
        return result;
    }

    @Override
    public void recordAt(UUID orgId, UUID programId, Instant at) {
        Program program = programs.program(orgId, programId).orElseThrow(() -> new NotFoundException("Program"));
        snapshots.record(orgId, compute(program, controls.controls(orgId), owners(orgId)), at);
    }
}
