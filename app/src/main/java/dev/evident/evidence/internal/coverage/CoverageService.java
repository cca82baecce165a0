package dev.evident.evidence.internal.coverage;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.Coverage.Range;
import dev.evident.evidence.EvidenceCoverage;
import dev.evident.evidence.EvidenceDirectory;
import dev.evident.evidence.EvidenceItem;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Coverage of controls by evidence, read from the database and computed by {@link CoverageCalculator}.
 * A control serves a program when at least one of its criteria is in the program's scope.
 */
@Service
public class CoverageService implements EvidenceCoverage {

    private final ControlDirectory controls;
    private final ProgramDirectory programs;
    private final EvidenceDirectory evidence;
    private final CoverageQueries queries;
    private final Catalog catalog;
    private final Clock clock;

    CoverageService(ControlDirectory controls, ProgramDirectory programs, EvidenceDirectory evidence, CoverageQueries queries,
                    Catalog catalog, Clock clock) {
        this.queries = queries;
        this.controls = controls;
        this.programs = programs;
        this.evidence = evidence;
        this.catalog = catalog;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    public Coverage coverage(UUID orgId, UUID controlId, UUID programId) {
        Control control = controls.control(orgId, controlId).orElseThrow(() -> new NotFoundException("Control"));
        Program program = programs.program(orgId, programId).orElseThrow(() -> new NotFoundException("Program"));
        if (!serves(program, control)) {
            throw new InvalidInputException("programId", "names '" + program.name() + "', which " + control.ref()
                    + " does not serve: none of its criteria is in the program's scope");
        }
        Range span = CoverageCalculator.span(program);
        List<EvidenceItem> items = evidence.currentForControl(orgId, controlId, span.from(), span.to());
        return CoverageCalculator.compute(control, program, items, today());
    }

    @Override
    public List<Coverage> programCoverage(UUID orgId, UUID programId) {
        Program program = programs.program(orgId, programId).orElseThrow(() -> new NotFoundException("Program"));
        List<Control> serving = serving(program, controls.controls(orgId)).stream().filter(Control::applicable).toList();
        return compute(program, serving);
    }

    /** Coverage of the given controls (which must serve the program) from one evidence query. */
    public List<Coverage> compute(Program program, List<Control> serving) {
        return compute(program, serving, false);
    }

    /**
     * @param intervalsOnly read only the items' intervals (for the watch, which needs no titles): the
     *                      occurrences still name the evidence ids
     */
    List<Coverage> compute(Program program, List<Control> serving, boolean intervalsOnly) {
        if (serving.isEmpty()) {
            return List.of();
        }
        Range span = CoverageCalculator.span(program);
        List<UUID> ids = serving.stream().map(Control::id).toList();
        List<EvidenceItem> items = intervalsOnly ? queries.intervals(program.orgId(), ids, span.from(), span.to())
                : evidence.currentForControls(program.orgId(), ids, span.from(), span.to());
        Map<UUID, List<EvidenceItem>> byControl = new HashMap<>();
        for (EvidenceItem item : items) {
            for (EvidenceItem.Link link : item.links()) {
                if (link.targetType().equals("control")) {
                    byControl.computeIfAbsent(link.targetId(), k -> new ArrayList<>()).add(item);
                }
            }
        }
        LocalDate today = today();
        List<Coverage> result = new ArrayList<>(serving.size());
        for (Control control : serving) {
            result.add(CoverageCalculator.compute(control, program, byControl.getOrDefault(control.id(), List.of()), today));
        }
        return result;
    }

    /** The controls that serve the program (applicable or not), in the order given. */
    public List<Control> serving(Program program, List<Control> candidates) {
        FrameworkIndex framework = catalog.index(program.frameworkId()).orElse(null);
        if (framework == null) {
            return List.of();
        }
        return candidates.stream().filter(c -> serves(program, framework, c)).toList();
    }

    public boolean serves(Program program, Control control) {
        return catalog.index(program.frameworkId()).map(f -> serves(program, f, control)).orElse(false);
    }

    private static boolean serves(Program program, FrameworkIndex framework, Control control) {
        for (String criterion : control.criteria()) {
            if (framework.find(criterion).map(program::inScope).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
