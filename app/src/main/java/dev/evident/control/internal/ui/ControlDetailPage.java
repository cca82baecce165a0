package dev.evident.control.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.internal.ControlRules;
import dev.evident.control.internal.ControlRulesFactory;
import dev.evident.control.internal.ControlService;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import dev.evident.control.internal.ui.ControlVocabulary.Option;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One control: everything about it, its lifecycle and history; status moves and deletion. */
@Controller
class ControlDetailPage {

    private final ControlService controls;
    private final ControlRulesFactory rules;
    private final ControlVocabulary vocabulary;
    private final ControlHistory history;

    ControlDetailPage(ControlService controls, ControlRulesFactory rules, ControlVocabulary vocabulary,
                      ControlHistory history) {
        this.controls = controls;
        this.rules = rules;
        this.vocabulary = vocabulary;
        this.history = history;
    }

    @GetMapping("/controls/{controlId}")
    @RequiresPermission(Permission.CONTROLS_READ)
    String control(Actor actor, @PathVariable String controlId, Model model) {
        Control control = controls.get(actor, Ids.parseOrNotFound(controlId, "Control"));
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        model.addAttribute("details", ControlDetails.of(control, orgRules, vocabulary, rules.library()));
        model.addAttribute("canManage", actor.can(Permission.CONTROLS_MANAGE));
        model.addAttribute("canMove", mayMove(actor, control));
        model.addAttribute("ownsIt", actor.userId() != null && actor.userId().equals(control.ownerUserId()));
        model.addAttribute("canOperate", actor.can(Permission.CONTROLS_OPERATE));
        model.addAttribute("canSeeEvidence", actor.can(Permission.EVIDENCE_READ));
        model.addAttribute("owners", orgRules.members().stream().filter(m -> m.role() != Role.AUDITOR)
                .map(m -> new Option(m.userId().toString(), m.displayName())).toList());
        if (actor.can(Permission.AUDIT_LOG_READ)) {
            model.addAttribute("history", history.of(control, orgRules.members()));
            model.addAttribute("historyLimit", ControlHistory.LIMIT);
        }
        return "control";
    }

    @PostMapping("/controls/{controlId}/status")
    @RequiresPermission(Permission.CONTROLS_OPERATE)
    String changeStatus(Actor actor, @PathVariable String controlId, @RequestParam(defaultValue = "") String status,
                        @RequestParam(required = false) Long version, RedirectAttributes redirect) {
        UUID id = Ids.parseOrNotFound(controlId, "Control");
        try {
            Control moved = controls.changeStatus(actor, id, status, version);
            redirect.addFlashAttribute("flash", moved.ref() + " is now " + moved.status().label() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.type() == ProblemType.STALE_VERSION
                    ? "Someone changed this control after you opened it, so its status was not changed. "
                    + "Here is the current version; check it and try again." : e.getMessage());
        }
        return "redirect:/controls/" + id;
    }

    @PostMapping("/controls/{controlId}/delete")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String delete(Actor actor, @PathVariable String controlId, RedirectAttributes redirect) {
        UUID id = Ids.parseOrNotFound(controlId, "Control");
        Control control = controls.get(actor, id);
        controls.delete(actor, id);
        redirect.addFlashAttribute("flash", control.ref() + " " + control.title() + " was deleted.");
        return "redirect:/controls";
    }

    /** Managers move any control; contributors only the controls they own (the service checks it again). */
    static boolean mayMove(Actor actor, Control control) {
        return actor.can(Permission.CONTROLS_MANAGE) || (actor.can(Permission.CONTROLS_OPERATE)
                && actor.userId() != null && actor.userId().equals(control.ownerUserId()));
    }
}
