package dev.evident.readiness.internal.ui;

import dev.evident.catalog.Catalog;
import dev.evident.program.Program;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.Readiness.RemediationItem;
import dev.evident.readiness.internal.ReadinessService;
import dev.evident.shared.Ids;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A program's readiness page: where it stands, how it got there, what to fix first, and its scope. */
@Controller
class ReadinessPageController {

    /** Enough to act on; the rest is one click away. */
    static final int TOP_REMEDIATION = 10;

    private final ReadinessService readiness;
    private final Catalog catalog;
    private final ReadinessLabels labels;
    private final Clock clock;

    ReadinessPageController(ReadinessService readiness, Catalog catalog, ReadinessLabels labels, Clock clock) {
        this.readiness = readiness;
        this.catalog = catalog;
        this.labels = labels;
        this.clock = clock;
    }

    @GetMapping("/programs/{programId}")
    @RequiresPermission(Permission.PROGRAMS_READ)
    String readiness(Actor actor, @PathVariable String programId,
                     @RequestParam(required = false) String remediation, Model model) {
        UUID id = Ids.parseOrNotFound(programId, "Program");
        Program program = readiness.program(actor, id);
        Readiness r = readiness.readiness(actor, id);
        boolean all = "all".equals(remediation);
        List<RemediationItem> items = all || r.remediation().size() <= TOP_REMEDIATION ? r.remediation()
                : r.remediation().subList(0, TOP_REMEDIATION);
        model.addAttribute("program", program);
        model.addAttribute("readiness", r);
        model.addAttribute("remediation", items);
        model.addAttribute("remediationHidden", r.remediation().size() - items.size());
        model.addAttribute("chart", ReadinessChart.of(readiness.history(actor, id, null, null), clock.instant(), labels));
        model.addAttribute("scope", ScopeSummary.of(program, catalog.index(program.frameworkId()).orElseThrow()));
        model.addAttribute("canManage", actor.can(Permission.PROGRAMS_MANAGE));
        model.addAttribute("canAdopt", actor.can(Permission.CONTROLS_MANAGE));
        model.addAttribute("canExport", actor.can(Permission.EVIDENCE_EXPORT));
        return "programs/readiness";
    }
}
