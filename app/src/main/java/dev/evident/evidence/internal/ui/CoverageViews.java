package dev.evident.evidence.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.EvidenceCoverage;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.program.ReportType;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The coverage timeline's model, shared by the control page's fragment and the evidence library
 * filtered by a control. Coverage comes from {@link EvidenceCoverage} when the installation has it;
 * pages render without it and say so.
 */
@Component
class CoverageViews {

    private final ObjectProvider<EvidenceCoverage> coverage;
    private final ProgramDirectory programs;
    private final ControlDirectory controls;

    CoverageViews(ObjectProvider<EvidenceCoverage> coverage, ProgramDirectory programs, ControlDirectory controls) {
        this.coverage = coverage;
        this.programs = programs;
        this.controls = controls;
    }

    boolean available() {
        return coverage.getIfAvailable() != null;
    }

    /** Programs to measure coverage in: Type II periods first (newest first), then Type I windows. */
    List<Program> programsWithPeriods(UUID orgId) {
        List<Program> all = programs.programs(orgId);
        List<Program> out = new java.util.ArrayList<>(all.stream()
                .filter(p -> p.reportType() == ReportType.TYPE_2 && p.periodStart() != null && p.periodEnd() != null)
                .sorted(Comparator.comparing(Program::periodStart).reversed()).toList());
        all.stream().filter(p -> p.reportType() == ReportType.TYPE_1 && p.asOfDate() != null).forEach(out::add);
        return out;
    }

    /**
     * Adds {@code coverage*} attributes: the control, the programs to choose from, the chosen one, and
     * the timeline (null with a {@code coverageMessage} saying why when there is none).
     */
    void addTo(Model model, Actor actor, Control control, UUID requestedProgram) {
        List<Program> candidates = programsWithPeriods(actor.orgId());
        Program requested = candidates.stream().filter(p -> p.id().equals(requestedProgram)).findFirst().orElse(null);
        EvidenceCoverage engine = coverage.getIfAvailable();
        Program chosen = requested;
        CoverageTimeline timeline = null;
        String message = null;
        if (engine == null) {
            message = "Coverage is not measured in this installation.";
        } else if (candidates.isEmpty()) {
            message = "Coverage is measured over a program's period; this organization has no program yet.";
        } else {
            // the requested program, or the first one the control serves
            for (Program p : requested != null ? List.of(requested) : candidates) {
                try {
                    timeline = CoverageTimeline.of(engine.coverage(actor.orgId(), control.id(), p.id()));
                    chosen = p;
                    break;
                } catch (InvalidInputException e) {
                    chosen = chosen == null ? p : chosen;
                    message = control.ref() + " does not serve " + p.name()
                            + ": none of its criteria is in that program's scope.";
                }
            }
            if (timeline == null && requested == null) {
                message = control.ref() + " serves no program: none of its criteria is in a program's scope.";
            }
        }
        model.addAttribute("coverageControl", control);
        model.addAttribute("coveragePrograms", candidates);
        model.addAttribute("coverageProgram", chosen);
        model.addAttribute("timeline", timeline);
        model.addAttribute("coverageMessage", message);
    }

    Control control(Actor actor, UUID controlId) {
        return controls.control(actor.orgId(), controlId).orElseThrow(() ->
                new dev.evident.shared.problem.NotFoundException("Control"));
    }

    /**
     * The controls whose coverage is stale (their latest due occurrence has no evidence) in the given
     * program, or in any program with a period; null when coverage is not measured here.
     */
    Set<UUID> staleControls(Actor actor, UUID programId) {
        EvidenceCoverage engine = coverage.getIfAvailable();
        if (engine == null) {
            return null;
        }
        Set<UUID> stale = new HashSet<>();
        for (Program p : programsWithPeriods(actor.orgId())) {
            if (programId == null || p.id().equals(programId)) {
                engine.programCoverage(actor.orgId(), p.id()).stream().filter(Coverage::stale)
                        .forEach(c -> stale.add(c.controlId()));
            }
        }
        return stale;
    }
}
