package dev.evident.program.internal.ui;

import dev.evident.catalog.Framework;
import dev.evident.program.Program;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Steps 1 and 2 of a program that exists: in the setup flow ({@code setup=true}, "Next" goes on
 * to the following step) or edited later from the program's page ("Save" goes back to it). Also
 * deleting a program.
 */
@Controller
class ProgramScopeController {

    private final ProgramPages pages;

    ProgramScopeController(ProgramPages pages) {
        this.pages = pages;
    }

    @GetMapping("/programs/{programId}/basics")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String basics(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params, Model model) {
        Program program = pages.load(actor, programId);
        return basicsPage(program, BasicsForm.of(program, pages.today()), ProgramPages.setup(params), model);
    }

    @PostMapping("/programs/{programId}/basics")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String saveBasics(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        Program program = pages.load(actor, programId);
        BasicsForm form = BasicsForm.from(params);
        boolean setup = ProgramPages.setup(params);
        Program saved = pages.save(actor, program, form.applyTo(ProgramPages.inputAt(program, ProgramPages.version(params))),
                BasicsForm::locate, model, response);
        if (saved == null) {
            return basicsPage(program, form, setup, model);
        }
        return next(saved, setup, "scope", "The name, report type and dates are saved.", redirect);
    }

    @GetMapping("/programs/{programId}/scope")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String scope(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params, Model model) {
        Program program = pages.load(actor, programId);
        return scopePage(program, ScopeForm.of(program, pages.framework()), ProgramPages.setup(params), model);
    }

    @PostMapping("/programs/{programId}/scope")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String saveScope(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params, Model model,
                     HttpServletResponse response, RedirectAttributes redirect) {
        Program program = pages.load(actor, programId);
        Framework framework = pages.framework();
        ScopeForm form = ScopeForm.from(params, framework);
        boolean setup = ProgramPages.setup(params);
        if ("add-criterion".equals(params.get("action"))) {
            model.addAttribute("version", ProgramPages.version(params));
            return scopePage(program, form.withAnotherRow(), setup, model);
        }
        Program saved = pages.save(actor, program,
                form.applyTo(ProgramPages.inputAt(program, ProgramPages.version(params)), framework),
                error -> form.locate(error, framework), model, response);
        if (saved == null) {
            return scopePage(program, form, setup, model);
        }
        return next(saved, setup, "system", "The scope is saved; readiness now counts the criteria of "
                + String.join(", ", saved.includedCategories().stream().map(this::categoryName).toList()) + ".", redirect);
    }

    @PostMapping("/programs/{programId}/delete")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String delete(Actor actor, @PathVariable String programId, RedirectAttributes redirect) {
        Program program = pages.load(actor, programId);
        pages.service().delete(actor, program.id());
        redirect.addFlashAttribute("flash", "“" + program.name() + "” and its readiness history are deleted. "
                + "Your controls stay.");
        return "redirect:/programs";
    }

    /** Setup goes on to the next step; an edit returns to the program's page. */
    static String next(Program saved, boolean setup, String nextStep, String message, RedirectAttributes redirect) {
        if (setup) {
            return "redirect:" + ProgramPages.programPath(saved.id()) + "/" + nextStep + "?setup=true";
        }
        redirect.addFlashAttribute("flash", message);
        return "redirect:" + ProgramPages.programPath(saved.id());
    }

    private String categoryName(String id) {
        return pages.framework().category(id).map(c -> c.name()).orElse(id);
    }

    private String basicsPage(Program program, BasicsForm form, boolean setup, Model model) {
        ProgramPages.common(model, program, setup, 1);
        model.addAttribute("form", form);
        model.addAttribute("suggestions", Map.of());
        model.addAttribute("action", ProgramPages.programPath(program.id()) + "/basics");
        model.addAttribute("back", ProgramPages.programPath(program.id()));
        return "programs/basics";
    }

    private String scopePage(Program program, ScopeForm form, boolean setup, Model model) {
        ProgramPages.common(model, program, setup, 2);
        model.addAttribute("form", form);
        model.addAttribute("categories", CategoryGuide.entries(pages.framework()));
        model.addAttribute("series", CategoryGuide.series(pages.framework()));
        model.addAttribute("action", ProgramPages.programPath(program.id()) + "/scope");
        model.addAttribute("back", ProgramPages.back(program, setup, "basics"));
        return "programs/scope";
    }
}
