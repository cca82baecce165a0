package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.MemberService;
import dev.evident.shared.Ids;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class MembersController {

    private final MemberService members;

    MembersController(MemberService members) {
        this.members = members;
    }

    @GetMapping("/members")
    @RequiresPermission(Permission.MEMBERS_READ)
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", members.list(actor, PageRequest.of(100, cursor), null));
        model.addAttribute("roles", Role.values());
        model.addAttribute("canManage", actor.can(Permission.MEMBERS_MANAGE));
        model.addAttribute("canInvite", actor.can(Permission.INVITATIONS_MANAGE));
        model.addAttribute("me", actor.userId());
        return "members";
    }

    @PostMapping("/members/{userId}/role")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    String changeRole(Actor actor, @PathVariable String userId, @RequestParam String role, @RequestParam long version,
                      RedirectAttributes redirect) {
        try {
            var member = members.changeRole(actor, Ids.parseOrNotFound(userId, "Member"), Role.parse(role), version);
            redirect.addFlashAttribute("flash", member.displayName() + " is now " + member.role().label() + ".");
        } catch (ProblemException | IllegalArgumentException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/members";
    }

    @PostMapping("/members/{userId}/remove")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    String remove(Actor actor, @PathVariable String userId, RedirectAttributes redirect) {
        try {
            var id = Ids.parseOrNotFound(userId, "Member");
            var member = members.get(actor, id);
            members.remove(actor, id);
            redirect.addFlashAttribute("flash", member.displayName() + " was removed from the organization.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/members";
    }
}
