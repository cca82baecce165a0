package dev.evident.control.internal.ui;

import dev.evident.control.internal.ControlRulesFactory;
import dev.evident.control.internal.ControlService;
import dev.evident.control.internal.LibraryAdoption;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adopting controls from Evident's library, for all categories in scope or for chosen ones. */
@Controller
class AdoptionPage {

    private final LibraryAdoption adoption;
    private final ControlService controls;
    private final ControlRulesFactory rules;
    private final ScopeNotes scopeNotes;

    AdoptionPage(LibraryAdoption adoption, ControlService controls, ControlRulesFactory rules, ScopeNotes scopeNotes) {
        this.adoption = adoption;
        this.controls = controls;
        this.rules = rules;
        this.scopeNotes = scopeNotes;
    }

    @GetMapping("/controls/adopt")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String page(Actor actor, Model model) {
        return render(actor, null, model);
    }

    @PostMapping("/controls/adopt")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String adopt(Actor actor, @RequestParam(required = false) List<String> categories, Model model,
                 RedirectAttributes redirect, HttpServletResponse response) {
        // the service reads "no categories" as "all in scope"; a form with every box unticked means nothing
        if (categories == null || categories.isEmpty()) {
            model.addAttribute("errors", Map.of("categories", List.of("Choose at least one category.")));
            response.setStatus(400);
            return render(actor, List.of(), model);
        }
        try {
            LibraryAdoption.Result result = adoption.adopt(actor, new LibraryAdoption.Request(categories, null));
            redirect.addFlashAttribute("flash", message(result));
            return "redirect:/controls";
        } catch (ProblemException e) {
            FormErrors.add(model, e, categoryFields(e));
            response.setStatus(e.type().status().value());
            return render(actor, categories, model);
        }
    }

    private String render(Actor actor, List<String> chosen, Model model) {
        var library = rules.library();
        AdoptionPreview preview = AdoptionPreview.of(library, rules.framework(),
                rules.rulesFor(actor.orgId()).categoriesInScope(), scopeNotes.exclusions(actor.orgId()),
                controls.controls(actor.orgId()));
        model.addAttribute("preview", preview);
        model.addAttribute("library", library);
        model.addAttribute("chosen", chosen);
        model.addAttribute("anyProgram", scopeNotes.anyProgram(actor.orgId()));
        return "controls-adopt";
    }

    private static String message(LibraryAdoption.Result result) {
        int added = result.adopted().size();
        int skipped = result.skipped().size();
        String adopted = added == 0 ? "No new controls were adopted"
                : "Adopted " + added + (added == 1 ? " control" : " controls") + " from the Evident library";
        if (skipped == 0) {
            return adopted + ".";
        }
        return adopted + "; " + skipped + (skipped == 1 ? " was" : " were") + " skipped because you already have "
                + (skipped == 1 ? "it" : "them") + ".";
    }

    private static Map<String, String> categoryFields(ProblemException e) {
        Map<String, String> renames = new HashMap<>();
        e.errors().forEach(f -> renames.put(f.field(), "categories"));
        return renames;
    }
}
