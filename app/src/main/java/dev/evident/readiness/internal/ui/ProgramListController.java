package dev.evident.readiness.internal.ui;

import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.readiness.ProgramReadiness;
import dev.evident.readiness.Readiness;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.NavigationItem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The organization's programs, each with its score and Type I verdict. It lives with readiness
 * because the scores do; the program module cannot depend on readiness (readiness depends on it).
 */
@Controller
class ProgramListController {

    /** A program and where it stands. */
    record Card(Program program, Readiness readiness) {
    }

    private final ProgramDirectory programs;
    private final ProgramReadiness readiness;

    ProgramListController(ProgramDirectory programs, ProgramReadiness readiness) {
        this.programs = programs;
        this.readiness = readiness;
    }

    @Bean
    static NavigationItem programsNavigation() {
        return new NavigationItem("Program", "Programs", "/programs", Permission.PROGRAMS_READ, 10);
    }

    @GetMapping("/programs")
    @RequiresPermission(Permission.PROGRAMS_READ)
    String list(Actor actor, Model model) {
        Map<UUID, Readiness> scores = readiness.currentByProgram(actor.orgId());
        List<Card> cards = programs.programs(actor.orgId()).stream()
                .filter(p -> scores.containsKey(p.id()))
                .map(p -> new Card(p, scores.get(p.id()))).toList();
        model.addAttribute("cards", cards);
        model.addAttribute("canManage", actor.can(Permission.PROGRAMS_MANAGE));
        return "programs/list";
    }
}
