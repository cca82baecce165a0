package dev.evident.program.internal.ui;

import dev.evident.program.Program;
import dev.evident.program.SystemDescription;
import dev.evident.program.SystemDescription.ComponentKind;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Steps 3 and 4: the system description (DC 200) and the responsibilities of customers and vendors. */
@Controller
class SystemDescriptionController {

    /** What a kind of component means, with an example line. */
    record ComponentHelp(String label, String meaning, String example) {
    }

    /** Help for each kind of component, in DC 200 order. */
    static final Map<ComponentKind, ComponentHelp> COMPONENT_HELP = componentHelp();

    private final ProgramPages pages;

    SystemDescriptionController(ProgramPages pages) {
        this.pages = pages;
    }

    @GetMapping("/programs/{programId}/system")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String system(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params, Model model) {
        Program program = pages.load(actor, programId);
        return systemPage(program, SystemForm.of(description(program)), ProgramPages.setup(params), model);
    }

    @PostMapping("/programs/{programId}/system")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String saveSystem(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        Program program = pages.load(actor, programId);
        SystemForm form = SystemForm.from(params);
        boolean setup = ProgramPages.setup(params);
        Program saved = pages.save(actor, program, form.applyTo(ProgramPages.inputAt(program, ProgramPages.version(params))),
                form::locate, model, response);
        if (saved == null) {
            return systemPage(program, form, setup, model);
        }
        return ProgramScopeController.next(saved, setup, "responsibilities", "The system description is saved.", redirect);
    }

    @GetMapping("/programs/{programId}/responsibilities")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String responsibilities(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params,
                            Model model) {
        Program program = pages.load(actor, programId);
        return responsibilitiesPage(program, ResponsibilitiesForm.of(description(program)), ProgramPages.setup(params),
                model);
    }

    @PostMapping("/programs/{programId}/responsibilities")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String saveResponsibilities(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params,
                                Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Program program = pages.load(actor, programId);
        ResponsibilitiesForm form = ResponsibilitiesForm.from(params);
        boolean setup = ProgramPages.setup(params);
        if ("add-subservice".equals(params.get("action"))) {
            model.addAttribute("version", ProgramPages.version(params));
            return responsibilitiesPage(program, form.withAnotherRow(), setup, model);
        }
        Program saved = pages.save(actor, program, form.applyTo(ProgramPages.inputAt(program, ProgramPages.version(params))),
                form::locate, model, response);
        if (saved == null) {
            return responsibilitiesPage(program, form, setup, model);
        }
        // The last step, Controls, belongs to the controls and readiness pages.
        return ProgramScopeController.next(saved, setup, "adopt", "The responsibilities are saved.", redirect);
    }

    private String systemPage(Program program, SystemForm form, boolean setup, Model model) {
        ProgramPages.common(model, program, setup, 3);
        model.addAttribute("form", form);
        model.addAttribute("componentHelp", COMPONENT_HELP);
        model.addAttribute("action", ProgramPages.programPath(program.id()) + "/system");
        model.addAttribute("back", ProgramPages.back(program, setup, "scope"));
        return "programs/system";
    }

    private String responsibilitiesPage(Program program, ResponsibilitiesForm form, boolean setup, Model model) {
        ProgramPages.common(model, program, setup, 4);
        model.addAttribute("form", form);
        model.addAttribute("action", ProgramPages.programPath(program.id()) + "/responsibilities");
        model.addAttribute("back", ProgramPages.back(program, setup, "system"));
        return "programs/responsibilities";
    }

    private static SystemDescription description(Program program) {
        return program.system() == null ? SystemDescription.empty() : program.system();
    }

    private static Map<ComponentKind, ComponentHelp> componentHelp() {
        Map<ComponentKind, ComponentHelp> help = new LinkedHashMap<>();
        help.put(ComponentKind.INFRASTRUCTURE, new ComponentHelp("Infrastructure",
                "Cloud accounts, networks, servers and managed services the system runs on.",
                "AWS eu-west-1 — production VPC, EKS cluster, RDS PostgreSQL, S3"));
        help.put(ComponentKind.SOFTWARE, new ComponentHelp("Software",
                "Applications, services and the tools that build and run them.",
                "Analytics API — Java services deployed on Kubernetes"));
        help.put(ComponentKind.PEOPLE, new ComponentHelp("People",
                "The teams that build, run and support the system.",
                "Engineering — 12 engineers who build and operate the platform"));
        help.put(ComponentKind.PROCEDURES, new ComponentHelp("Procedures",
                "The manual and automated ways work gets done.",
                "Change management — every change reviewed in a pull request and deployed by CI"));
        help.put(ComponentKind.DATA, new ComponentHelp("Data",
                "The information the system receives, stores and produces.",
                "Customer event data — sales transactions uploaded by retailers"));
        return help;
    }
}
