package dev.evident.evidence.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.EvidenceCoverage;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.program.ReportType;
import dev.evident.shared.problem.ProblemException;
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

    /** Programs with a period (Type II), first; coverage is measured over a period. */
    List<Program> programsWithPeriods(UUID orgId) {
        return programs.programs(orgId).stream()
                .filter(p -> p.reportType() == ReportType.TYPE_2 && p.periodStart() != null && p.periodEnd() != null)
                .sorted(Comparator.comparing(Program::periodStart).reversed()).toList();
    }

    /**
     * Adds {@code coverage*} attributes: the control, the programs to choose from, the chosen one, and
     * the timeline (null with a {@code coverageMessage} saying why when there is none).
     */
    void addTo(Model model, Actor actor, Control control, UUID requestedProgram) {
        List<Program> candidates = programsWithPeriods(actor.orgId());
        Program chosen = candidates.stream().filter(p -> p.id().equals(requestedProgram)).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.get(0));
        model.addAttribute("coverageControl", control);
        model.addAttribute("coveragePrograms", candidates);
        model.addAttribute("coverageProgram", chosen);
        EvidenceCoverage engine = coverage.getIfAvailable();
        CoverageTimeline timeline = null;
        String message = null;
        if (engine == null) {
            message = "Coverage is not measured in this installation.";
        } else if (chosen == null) {
            message = "Coverage is measured over a Type II program's period; this organization has no Type II program yet.";
        } else {
            try {
                timeline = CoverageTimeline.of(engine.coverage(actor.orgId(), control.id(), chosen.id()));
            } catch (ProblemException e) {
                message = e.getMessage();
            }
        }
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
