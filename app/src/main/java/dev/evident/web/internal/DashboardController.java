package dev.evident.web.internal;

import dev.evident.auditlog.AuditLog;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The organization's home page: who is here, what is pending, what happened lately. */
@Controller
class DashboardController {

    private final OrganizationDirectory directory;
    private final AuditLog auditLog;

    DashboardController(OrganizationDirectory directory, AuditLog auditLog) {
        this.directory = directory;
        this.auditLog = auditLog;
    }

    @Bean
    static NavigationItem dashboardNavigation() {
        return new NavigationItem("Overview", "Dashboard", "/", Permission.ORGANIZATION_READ, 0);
    }

    @GetMapping("/")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    String dashboard(Actor actor, Model model) {
        model.addAttribute("overview", directory.overview(actor.orgId()));
        model.addAttribute("canSeeActivity", actor.can(Permission.AUDIT_LOG_READ));
        model.addAttribute("canSeeMembers", actor.can(Permission.MEMBERS_READ));
        model.addAttribute("canInvite", actor.can(Permission.INVITATIONS_MANAGE));
        model.addAttribute("canManageTokens", actor.can(Permission.TOKENS_MANAGE));
        if (actor.can(Permission.AUDIT_LOG_READ)) {
            model.addAttribute("recent", auditLog.recent(actor.orgId(), 10));
        }
        return "dashboard";
    }
}
