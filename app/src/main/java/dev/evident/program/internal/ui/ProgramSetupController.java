package dev.evident.program.internal.ui;

import dev.evident.catalog.Category;
import dev.evident.catalog.Framework;
import dev.evident.program.Program;
import dev.evident.program.ProgramInput;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The first two steps of a new program. Nothing is stored until the scope is chosen, because the
 * categories are decided when the program is created: step 1 is a GET form (refresh and Back are
 * safe), its values travel to step 2 in hidden fields, and step 2 creates the program. The later
 * steps edit the program that exists by then.
 */
@Controller
class ProgramSetupController {

    private final ProgramPages pages;

    ProgramSetupController(ProgramPages pages) {
        this.pages = pages;
    }

    @GetMapping("/programs/new")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String basics(Actor actor, @RequestParam Map<String, String> params, Model model) {
        BasicsForm form = params.containsKey("name") ? BasicsForm.from(params)
                : BasicsForm.defaults(pages.today(), pages.names(actor));
        return basicsPage(actor, form, model);
    }

    @GetMapping("/programs/new/scope")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String scope(Actor actor, @RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        BasicsForm basics = BasicsForm.from(params);
        Framework framework = pages.framework();
        ProgramInput everythingIncluded = ProgramInputs.withCategoriesIncluded(basics.applyTo(ProgramInputs.blank()),
                framework.categories().stream().map(Category::id).toList());
        try {
            pages.service().check(actor, everythingIncluded);
        } catch (InvalidInputException e) {
            PageErrors.add(model, e, BasicsForm::locate);
            response.setStatus(e.type().status().value());
            return basicsPage(actor, basics, model);
        }
        return scopePage(basics, ScopeForm.defaults(framework), model);
    }

    @PostMapping("/programs/new")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String create(Actor actor, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        BasicsForm basics = BasicsForm.from(params);
        Framework framework = pages.framework();
        ScopeForm scope = ScopeForm.from(params, framework);
        if ("add-criterion".equals(params.get("action"))) {
            return scopePage(basics, scope.withAnotherRow(), model);
        }
        try {
            Program created = pages.service().create(actor, scope.applyTo(basics.applyTo(ProgramInputs.blank()), framework));
            redirect.addFlashAttribute("flash", "Created “" + created.name() + "”. Next, describe the system, or skip "
                    + "ahead: the description is needed for the report, not for readiness.");
            return "redirect:" + ProgramPages.programPath(created.id()) + "/system?setup=true";
        } catch (InvalidInputException e) {
            PageErrors.add(model, e, error -> {
                PageErrors.Target onBasics = BasicsForm.locate(error);
                return onBasics != null ? new PageErrors.Target(PageErrors.FORM, "Step 1: " + onBasics.message())
                        : scope.locate(error, framework);
            });
            response.setStatus(e.type().status().value());
            return scopePage(basics, scope, model);
        }
    }

    private String basicsPage(Actor actor, BasicsForm form, Model model) {
        ProgramPages.common(model, null, true, 1);
        model.addAttribute("form", form);
        model.addAttribute("suggestions", suggestions(actor, form));
        model.addAttribute("action", "/programs/new/scope");
        model.addAttribute("back", "/programs");
        return "programs/basics";
    }

    private String scopePage(BasicsForm basics, ScopeForm form, Model model) {
        ProgramPages.common(model, null, true, 2);
        model.addAttribute("basics", basics);
        model.addAttribute("form", form);
        model.addAttribute("categories", CategoryGuide.entries(pages.framework()));
        model.addAttribute("series", CategoryGuide.series(pages.framework()));
        model.addAttribute("action", "/programs/new");
        // Back to step 1 with what was typed there.
        model.addAttribute("back", UriComponentsBuilder.fromPath("/programs/new").queryParam("name", basics.name())
                .queryParam("reportType", basics.reportType()).queryParam("periodStart", basics.periodStart())
                .queryParam("periodEnd", basics.periodEnd()).queryParam("asOfDate", basics.asOfDate())
                .encode().build().toUriString());
        return "programs/scope";
    }

    /** The names the page offers for each report type, so switching the type can switch an untouched name. */
    private Map<String, String> suggestions(Actor actor, BasicsForm form) {
        int year = pages.today().getYear() + 1;
        var taken = pages.names(actor);
        return Map.of(BasicsForm.TYPE_1, BasicsForm.suggestedName(BasicsForm.TYPE_1, year, taken),
                BasicsForm.TYPE_2, BasicsForm.suggestedName(BasicsForm.TYPE_2, year, taken));
    }
}
