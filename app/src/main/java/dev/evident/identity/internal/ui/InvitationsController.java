package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.InvitationService;
import dev.evident.identity.internal.RoleInput;
import dev.evident.shared.Ids;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import dev.evident.shared.web.FormErrors;
import dev.evident.shared.web.PublicUrls;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class InvitationsController {

    private final InvitationService invitations;
    private final PublicUrls urls;
    private final Clock clock;

    InvitationsController(InvitationService invitations, PublicUrls urls, Clock clock) {
        this.invitations = invitations;
        this.urls = urls;
        this.clock = clock;
    }

    @GetMapping("/invitations")
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        populate(actor, cursor, model);
        return "invitations";
    }

    @PostMapping("/invitations")
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    String invite(Actor actor, @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String role,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Role parsed = RoleInput.parse("role", role);
            var created = invitations.invite(actor, email, parsed);
            redirect.addFlashAttribute("inviteLink", urls.absolute(created.acceptPath()));
            redirect.addFlashAttribute("inviteEmail", created.invitation().email());
            return "redirect:/invitations";
        } catch (ProblemException e) {
            FormErrors.add(model, e);
            model.addAttribute("email", email);
            model.addAttribute("selectedRole", role);
            response.setStatus(e.type().status().value());
            populate(actor, null, model);
            return "invitations";
        }
    }

    @PostMapping("/invitations/{id}/revoke")
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    String revoke(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        try {
            invitations.revoke(actor, Ids.parseOrNotFound(id, "Invitation"));
            redirect.addFlashAttribute("flash", "The invitation was revoked; its link no longer works.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/invitations";
    }

    private void populate(Actor actor, String cursor, Model model) {
        model.addAttribute("page", invitations.list(actor, PageRequest.of(100, cursor)));
        model.addAttribute("now", clock.instant());
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> actor.role().covers(r)).toList());
    }
}
