package dev.evident.readiness.internal.ui;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.control.ControlManagement;
import dev.evident.program.Program;
import dev.evident.readiness.internal.ReadinessService;
import dev.evident.shared.Ids;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The last setup step: adopt Evident's control library for the program's categories, or skip.
 * It sits with readiness because the program module cannot use the control module (controls
 * depend on programs for their scope).
 */
@Controller
class AdoptionPageController {

    private final ReadinessService readiness;
    private final ControlDirectory controls;
    private final ControlManagement management;
    private final ControlLibrary library;
    private final Catalog catalog;

    AdoptionPageController(ReadinessService readiness, ControlDirectory controls, ControlManagement management,
                           ControlLibrary library, Catalog catalog) {
        this.readiness = readiness;
        this.controls = controls;
        this.management = management;
        this.library = library;
        this.catalog = catalog;
    }

    @GetMapping("/programs/{programId}/adopt")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    String plan(Actor actor, @PathVariable String programId, @RequestParam Map<String, String> params, Model model) {
        Program program = readiness.program(actor, Ids.parseOrNotFound(programId, "Program"));
        FrameworkIndex framework = catalog.index(program.frameworkId()).orElseThrow();
        List<String> names = program.includedCategories().stream()
                .map(id -> framework.framework().category(id).map(c -> c.name()).orElse(id)).toList();
        boolean setup = "true".equals(params.get("setup"));
        model.addAttribute("program", program);
        model.addAttribute("programId", program.id());
        model.addAttribute("setup", setup);
        model.addAttribute("step", 5);
        model.addAttribute("plan", AdoptionPlan.of(program, framework, library, controls.controls(actor.orgId()), names));
        model.addAttribute("canAdopt", actor.can(Permission.CONTROLS_MANAGE));
        model.addAttribute("back", setup ? "/programs/" + program.id() + "/responsibilities?setup=true"
                : "/programs/" + program.id());
        model.addAttribute("errors", Map.of());
        return "programs/adopt";
    }

    @PostMapping("/programs/{programId}/adopt")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String adopt(Actor actor, @PathVariable String programId, RedirectAttributes redirect) {
        UUID id = Ids.parseOrNotFound(programId, "Program");
        Program program = readiness.program(actor, id);
        List<Control> adopted = management.adopt(actor, List.copyOf(program.includedCategories()), List.of());
        redirect.addFlashAttribute("flash", adopted.isEmpty()
                ? "Nothing new to adopt: you already have every library control for these categories."
                : "Adopted " + adopted.size() + " controls from Evident's library. Next: give each control an owner "
                  + "and mark the ones you already do as implemented; the list below says where to start.");
        return "redirect:/programs/" + id;
    }
}
