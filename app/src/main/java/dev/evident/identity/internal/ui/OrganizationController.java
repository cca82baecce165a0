package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.OrganizationService;
import dev.evident.identity.internal.Users;
import dev.evident.identity.internal.security.ActorResolver;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.SignedIn;
import dev.evident.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Switching, creating and renaming organizations. */
@Controller
class OrganizationController {

    private final OrganizationService organizations;
    private final UserOrgPreference preference;

    OrganizationController(OrganizationService organizations, UserOrgPreference preference) {
        this.organizations = organizations;
        this.preference = preference;
    }

    @PostMapping("/organizations/switch")
    @SignedIn
    String switchTo(Actor actor, @RequestParam String orgId, HttpServletRequest request, RedirectAttributes redirect) {
        UUID target = Ids.parseOrNotFound(orgId, "Organization");
        boolean member = organizations.organizationsOf(actor.userId()).stream().anyMatch(o -> o.id().equals(target));
        if (!member) {
            redirect.addFlashAttribute("flashError", "You are not a member of that organization.");
            return "redirect:/";
        }
        preference.remember(actor.userId(), target, request);
        return "redirect:/";
    }

    @GetMapping("/organizations/none")
    @SignedIn
    String none(Actor actor) {
        return actor.orgId() != null ? "redirect:/" : "no-organization";
    }

    @GetMapping("/organizations/new")
    @RequiresPermission(Permission.ORGANIZATION_CREATE)
    String newOrganization() {
        return "organization-new";
    }

    @PostMapping("/organizations/new")
    @RequiresPermission(Permission.ORGANIZATION_CREATE)
    String create(Actor actor, @RequestParam(defaultValue = "") String name, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            var org = organizations.create(actor, actor.userId(), name);
            preference.remember(actor.userId(), org.id(), request);
            redirect.addFlashAttribute("flash", "Organization " + org.name() + " was created; you are its admin.");
            return "redirect:/";
        } catch (ProblemException e) {
            FormErrors.add(model, e);
            model.addAttribute("name", name);
            response.setStatus(e.type().status().value());
            return "organization-new";
        }
    }

    @GetMapping("/settings")
    @RequiresPermission(Permission.ORGANIZATION_MANAGE)
    String settings(Actor actor, Model model) {
        model.addAttribute("organization", organizations.get(actor.orgId()));
        return "settings";
    }

    @PostMapping("/settings")
    @RequiresPermission(Permission.ORGANIZATION_MANAGE)
    String rename(Actor actor, @RequestParam(defaultValue = "") String name, @RequestParam long version, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            organizations.rename(actor, name, version);
            redirect.addFlashAttribute("flash", "The organization was renamed.");
            return "redirect:/settings";
        } catch (ProblemException e) {
            FormErrors.add(model, e);
            model.addAttribute("organization", organizations.get(actor.orgId()));
            response.setStatus(e.type().status().value());
            return "settings";
        }
    }

    /** Remembers the chosen organization in the session and as the user's default for next time. */
    @org.springframework.stereotype.Component
    static class UserOrgPreference {
        private final Users users;
        private final ActorResolver actors;

        UserOrgPreference(Users users, ActorResolver actors) {
            this.users = users;
            this.actors = actors;
        }

        void remember(UUID userId, UUID orgId, HttpServletRequest request) {
            request.getSession().setAttribute(ActorResolver.CURRENT_ORG, orgId);
            users.updateLastOrg(userId, orgId);
            actors.forget(request);
        }
    }
}
