package dev.evident.evidence.internal.coverage;

import dev.evident.control.ControlDirectory;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.Coverage.Status;
import dev.evident.evidence.EvidenceCoverage;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Coverage", description = "How evidence covers the occurrences a control's frequency expects in a program's period")
class CoverageApi {

    /** Counts over a program's applicable controls. */
    record Totals(int controls, int complete, int gaps, int notStarted, int perEvent, int stale) {
        static Totals of(List<Coverage> all) {
            return new Totals(all.size(), count(all, Status.COMPLETE), count(all, Status.GAPS), count(all, Status.NOT_STARTED),
                    count(all, Status.PER_EVENT), (int) all.stream().filter(Coverage::stale).count());
        }

        private static int count(List<Coverage> all, Status status) {
            return (int) all.stream().filter(c -> c.status() == status).count();
        }
    }

    record ProgramCoverageView(UUID programId, LocalDate asOf, Totals totals, String summary, List<Coverage> controls) {
    }

    private final EvidenceCoverage coverage;
    private final CoverageService service;
    private final ControlDirectory controls;

    CoverageApi(EvidenceCoverage coverage, CoverageService service, ControlDirectory controls) {
        this.coverage = coverage;
        this.service = service;
        this.controls = controls;
    }

    @GetMapping("/api/v1/controls/{controlId}/coverage")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "A control's evidence coverage of a program's period", description = "The occurrences the "
            + "control's frequency expects in the period, which are due, which have evidence, the missing ones as date "
            + "ranges, and whether the most recent due occurrence lacks evidence (stale). programId is required; the "
            + "control must serve the program (one of its criteria in the program's scope)")
    Coverage control(Actor actor, @PathVariable("controlId") String controlId,
                     @RequestParam(value = "programId", required = false) String programId) {
        UUID control = Ids.parseOrNotFound(controlId, "Control");
        if (controls.control(actor.orgId(), control).isEmpty()) {
            throw new NotFoundException("Control");
        }
        if (programId == null || programId.isBlank()) {
            throw new InvalidInputException("programId", "is required: the program whose period the coverage is about");
        }
        return coverage.coverage(actor.orgId(), control, Ids.parseOrNotFound(programId.strip(), "Program"));
    }

    @GetMapping("/api/v1/programs/{programId}/coverage")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "Evidence coverage of every applicable control serving a program", description = "One "
            + "coverage per control in reference order, with totals")
    ProgramCoverageView program(Actor actor, @PathVariable("programId") String programId) {
        UUID id = Ids.parseOrNotFound(programId, "Program");
        List<Coverage> all = coverage.programCoverage(actor.orgId(), id);
        Totals totals = Totals.of(all);
        String summary = all.isEmpty() ? "No applicable control serves this program yet."
                : totals.complete() + " of " + totals.controls() + " controls have evidence for every due occurrence; "
                + totals.gaps() + " have gaps, " + totals.notStarted() + " have nothing due yet, " + totals.perEvent()
                + " are per-event.";
        return new ProgramCoverageView(id, service.today(), totals, summary, all);
    }
}
