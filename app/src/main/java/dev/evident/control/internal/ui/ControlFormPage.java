package dev.evident.control.internal.ui;

import dev.evident.catalog.ControlDomain;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.catalog.TestMethod;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.control.internal.ControlRules;
import dev.evident.control.internal.ControlRulesFactory;
import dev.evident.control.internal.ControlService;
import dev.evident.control.internal.ui.ControlVocabulary.Option;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Writing and editing a control; also the owner shortcut of the control page. */
@Controller
class ControlFormPage {

    private final ControlService controls;
    private final ControlRulesFactory rules;
    private final ControlVocabulary vocabulary;
    private final ScopeNotes scopeNotes;

    ControlFormPage(ControlService controls, ControlRulesFactory rules, ControlVocabulary vocabulary,
                    ScopeNotes scopeNotes) {
        this.controls = controls;
        this.rules = rules;
        this.vocabulary = vocabulary;
        this.scopeNotes = scopeNotes;
    }

    @GetMapping("/controls/new")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String newControl(Actor actor, @RequestParam(required = false) String domain, Model model) {
        String suggested = suggestRef(actor, domain);
        model.addAttribute("form", ControlForm.blank(suggested.isEmpty() ? "" : domain, suggested));
        return render(actor, null, suggested, model);
    }

    /** The reference field again for another domain; a reference the person typed themselves is kept. */
    @GetMapping("/controls/new/ref")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String refField(Actor actor, @RequestParam(defaultValue = "") String domain, @RequestParam(defaultValue = "") String ref,
                    @RequestParam(defaultValue = "") String suggestedRef, Model model) {
        String suggested = suggestRef(actor, domain);
        boolean typedByPerson = !ref.isBlank() && !ref.strip().equals(suggestedRef);
        model.addAttribute("form", ControlForm.blank(domain, typedByPerson ? ref : suggested));
        model.addAttribute("suggestedRef", suggested);
        return "control-form :: ref";
    }

    @PostMapping("/controls/new")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String create(Actor actor, @ModelAttribute("form") ControlForm form, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        try {
            Control created = controls.create(actor, form.toInput(true));
            redirect.addFlashAttribute("flash", created.ref() + " " + created.title() + " was created.");
            return "redirect:/controls/" + created.id();
        } catch (ProblemException e) {
            ControlFormErrors.add(model, e, true);
            response.setStatus(e.type().status().value());
            return render(actor, null, suggestRef(actor, form.domain()), model);
        }
    }

    @GetMapping("/controls/{controlId}/edit")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String edit(Actor actor, @PathVariable String controlId, Model model) {
        Control control = controls.get(actor, Ids.parseOrNotFound(controlId, "Control"));
        model.addAttribute("form", ControlForm.of(control));
        return render(actor, control, null, model);
    }

    @PostMapping("/controls/{controlId}/edit")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String update(Actor actor, @PathVariable String controlId, @ModelAttribute("form") ControlForm form, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        UUID id = Ids.parseOrNotFound(controlId, "Control");
        try {
            Control saved = controls.update(actor, id, form.toInput(false));
            redirect.addFlashAttribute("flash", "Saved " + saved.ref() + ".");
            return "redirect:/controls/" + id;
        } catch (ProblemException e) {
            Control current = controls.get(actor, id);
            response.setStatus(e.type().status().value());
            if (e.type() == ProblemType.STALE_VERSION) {
                // keep what the person typed, on top of the version now saved, so saving again is a decision
                model.addAttribute("form", form.withVersion(current.version()));
                model.addAttribute("stale", true);
            } else {
                ControlFormErrors.add(model, e, false);
            }
            return render(actor, current, null, model);
        }
    }

    @PostMapping("/controls/{controlId}/owner")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String assignOwner(Actor actor, @PathVariable String controlId, @RequestParam(defaultValue = "") String owner,
                       @RequestParam long version, RedirectAttributes redirect) {
        UUID id = Ids.parseOrNotFound(controlId, "Control");
        ControlForm form = ControlForm.of(controls.get(actor, id)).withOwner(owner).withVersion(version);
        try {
            Control saved = controls.update(actor, id, form.toInput(false));
            String name = saved.ownerUserId() == null ? null : rules.rulesFor(actor.orgId()).memberById(saved.ownerUserId())
                    .displayName();
            redirect.addFlashAttribute("flash", name == null ? saved.ref() + " has no owner now."
                    : name + " now owns " + saved.ref() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.type() == ProblemType.STALE_VERSION
                    ? "Someone changed this control after you opened it, so the owner was not changed. "
                    + "Here is the current version; check it and try again."
                    : e.errors().isEmpty() ? e.getMessage() : "The owner was not changed: " + e.errors().get(0).message());
        }
        return "redirect:/controls/" + id;
    }

    private String render(Actor actor, Control control, String suggestedRef, Model model) {
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        ControlForm form = (ControlForm) model.getAttribute("form");
        model.addAttribute("control", control);
        model.addAttribute("suggestedRef", suggestedRef);
        model.addAttribute("domains", vocabulary.domains());
        model.addAttribute("types", ControlVocabulary.options(ControlType.class));
        model.addAttribute("natures", ControlVocabulary.options(ControlNature.class));
        model.addAttribute("frequencies", ControlVocabulary.frequencies());
        model.addAttribute("methods", ControlVocabulary.options(TestMethod.class));
        model.addAttribute("statuses", List.of(
                new Option(ControlStatus.DEFINED.name(), "Defined: written down, not yet in place"),
                new Option(ControlStatus.IMPLEMENTED.name(), "Implemented: already operating")));
        model.addAttribute("owners", orgRules.members().stream().filter(m -> m.role() != Role.AUDITOR)
                .map(m -> new Option(m.userId().toString(), m.displayName() + " (" + m.role().label() + ")")).toList());
        model.addAttribute("grid", CriteriaGrid.of(vocabulary, orgRules, scopeNotes.exclusions(actor.orgId()),
                form.selectedCriteria()));
        return "control-form";
    }

    private String suggestRef(Actor actor, String domainId) {
        Optional<ControlDomain> domain = vocabulary.domains().stream().filter(d -> d.id().equals(domainId)).findFirst();
        return domain.map(d -> NextRef.suggest(d, controls.controls(actor.orgId()).stream().map(Control::ref).toList()))
                .orElse("");
    }
}
