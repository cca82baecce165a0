package dev.evident.evidence.internal.ui;

import dev.evident.shared.Ids;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A control's coverage timeline as a fragment: the control page loads it with htmx (and links to the
 * evidence library filtered by the control, where the same timeline is part of the page, without
 * JavaScript).
 */
@Controller
class CoverageFragment {

    private final CoverageViews coverage;

    CoverageFragment(CoverageViews coverage) {
        this.coverage = coverage;
    }

    @GetMapping("/controls/{controlId}/coverage")
    @RequiresPermission(Permission.EVIDENCE_READ)
    String timeline(Actor actor, @PathVariable String controlId, @RequestParam(required = false) String program,
                    Model model) {
        UUID programId = null;
        if (program != null && !program.isBlank()) {
            try {
                programId = UUID.fromString(program.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("program", "must be an id");
            }
        }
        coverage.addTo(model, actor, coverage.control(actor, Ids.parseOrNotFound(controlId, "Control")), programId);
        model.addAttribute("coverageAvailable", coverage.available());
        return "evidence/coverage :: timeline";
    }
}
