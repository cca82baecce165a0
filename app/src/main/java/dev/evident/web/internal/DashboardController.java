package dev.evident.web.internal;

import dev.evident.auditlog.AuditLog;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.integration.ConnectionHealth;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.readiness.ProgramReadiness;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.ReportVerdict;
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

/** The organization's home page: who is here, what is pending, what happened lately. */
@Controller
class DashboardController {

    /** A program on the dashboard: how ready it is and whether a Type I could start. */
    record ProgramCard(UUID id, String name, String reportType, double percent, boolean typeOneReady) {
    }

    private final OrganizationDirectory directory;
    private final AuditLog auditLog;
    private final ProgramDirectory programs;
    private final ProgramReadiness readiness;
    private final ConnectionHealth connectionHealth;

    DashboardController(OrganizationDirectory directory, AuditLog auditLog, ProgramDirectory programs,
                        ProgramReadiness readiness, ConnectionHealth connectionHealth) {
        this.directory = directory;
        this.auditLog = auditLog;
        this.programs = programs;
        this.readiness = readiness;
        this.connectionHealth = connectionHealth;
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
        model.addAttribute("canSeePrograms", actor.can(Permission.PROGRAMS_READ));
        model.addAttribute("canManagePrograms", actor.can(Permission.PROGRAMS_MANAGE));
        if (actor.can(Permission.PROGRAMS_READ)) {
            model.addAttribute("programs", programCards(actor));
        }
        if (actor.can(Permission.AUDIT_LOG_READ)) {
            model.addAttribute("recent", auditLog.recent(actor.orgId(), 10));
        }
        model.addAttribute("failingConnections", actor.can(Permission.INTEGRATIONS_READ)
                ? connectionHealth.failing(actor.orgId()) : List.of());
        return "dashboard";
    }

    private List<ProgramCard> programCards(Actor actor) {
        Map<UUID, Readiness> scores = readiness.currentByProgram(actor.orgId());
        return programs.programs(actor.orgId()).stream().filter(p -> scores.containsKey(p.id())).map(p -> card(p, scores.get(p.id())))
                .toList();
    }

    private static ProgramCard card(Program p, Readiness r) {
        return new ProgramCard(p.id(), p.name(), p.reportType().label(), r.overall().percent(),
                r.typeOne().status() == ReportVerdict.Status.READY);
    }
}
