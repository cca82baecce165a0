package dev.evident.monitoring.internal;

import dev.evident.connector.ConnectorRegistry;
import dev.evident.monitoring.internal.CheckListView.Filter;
import dev.evident.monitoring.internal.CheckListView.Row;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.FormErrors;
import dev.evident.shared.web.NavigationItem;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Checks pages: the list with status counts and filters (GET parameters, so a filtered list can be
 * shared), a check's page with its failing resources (filtered by account and region the same way), its
 * breakdown by account and region, outcome chart, exceptions and versions, accepting
 * and revoking exceptions, enabling and disabling.
 */
@Controller
class CheckPages {

    static final int DEFAULT_EXCEPTION_DAYS = 90;

    private final CheckService checks;
    private final ResultIntervals intervals;
    private final ControlKeys controlKeys;
    private final dev.evident.catalog.ControlLibrary library;
    private final ConnectorRegistry connectors;
    private final CheckDetailModel detail;
    private final ExceptionService exceptions;
    private final Clock clock;

    CheckPages(CheckService checks, ResultIntervals intervals, ControlKeys controlKeys,
               dev.evident.catalog.ControlLibrary library, ConnectorRegistry connectors, CheckDetailModel detail,
               ExceptionService exceptions, Clock clock) {
        this.checks = checks;
        this.intervals = intervals;
        this.controlKeys = controlKeys;
        this.library = library;
        this.connectors = connectors;
        this.detail = detail;
        this.exceptions = exceptions;
        this.clock = clock;
    }

    @Bean
    static NavigationItem checksNavigation() {
        return new NavigationItem("Program", "Checks", "/checks", Permission.CHECKS_READ, 45);
    }

    @GetMapping("/checks")
    @RequiresPermission(Permission.CHECKS_READ)
    String list(Actor actor, @RequestParam(required = false) String control,
                @RequestParam(required = false) String criterion, @RequestParam(required = false) String severity,
                @RequestParam(required = false) String connector, @RequestParam(required = false) String status,
                @RequestParam(required = false) String q, Model model) {
        Map<UUID, Map<Outcome, Integer>> counts = intervals.openCounts(actor.orgId());
        Map<String, String> titles = new java.util.HashMap<>();
        List<Row> all = new ArrayList<>();
        for (CheckState c : checks.list(actor.orgId())) {
            List<String> keys = c.definition().controls();
            keys.forEach(k -> titles.computeIfAbsent(k, x -> library.control(x)
                    .map(dev.evident.catalog.LibraryControl::title).orElse(x)));
            all.add(CheckListView.row(c, counts.getOrDefault(c.row().id(), Map.of()), titles, controlKeys.criteria(keys)));
        }
        Filter filter = Filter.of(control, criterion, severity, connector, status, q);
        List<Row> shown = CheckListView.filter(all, filter);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", shown);
        model.addAttribute("total", all.size());
        model.addAttribute("totals", CheckListView.totals(all));
        model.addAttribute("controlOptions", CheckListView.controlOptions(all));
        model.addAttribute("criterionOptions", CheckListView.criterionOptions(all));
        model.addAttribute("connectorOptions", CheckListView.connectorOptions(all, connectors));
        model.addAttribute("severities", List.of("critical", "high", "medium", "low"));
        model.addAttribute("statuses", CheckListView.STATUSES);
        model.addAttribute("canManage", actor.can(Permission.CHECKS_MANAGE));
        return "checks/list";
    }

    @GetMapping("/checks/{check}")
    @RequiresPermission(Permission.CHECKS_READ)
    String show(Actor actor, @PathVariable String check, @RequestParam(required = false) Integer days,
                @RequestParam(required = false) String accept, @RequestParam(required = false) String account,
                @RequestParam(required = false) String region, Model model) {
        detailModel(actor, check, days, LocationBreakdown.Filter.of(account, region), model);
        model.addAttribute("form", new ExceptionForm(accept, "", defaultExpiry()));
        return "checks/detail";
    }

    /** What the "Accept exception" form holds, so a refused submission is shown again as typed. */
    record ExceptionForm(String resourceKey, String reason, String expiresOn) {
    }

    @PostMapping("/checks/{check}/exceptions")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String accept(Actor actor, @PathVariable String check, @RequestParam(required = false) String resourceKey,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String expiresOn,
                  Model model, RedirectAttributes redirect) {
        Instant expiresAt = expiry(expiresOn);
        boolean badDate = expiresAt == null && expiresOn != null && !expiresOn.isBlank();
        try {
            exceptions.grant(actor, check, resourceKey, reason, expiresAt);
            redirect.addFlashAttribute("flash", "The exception was accepted: the resource shows as excepted until it ends.");
            return "redirect:/checks/" + check;
        } catch (ProblemException refused) {
            ProblemException e = badDate ? withBadDate(refused, expiresOn) : refused;
            FormErrors.add(model, e, Map.of("expiresAt", "expiresOn"), Map.of("resourceKey", "Resource",
                    "reason", "Reason", "expiresAt", "Expiry date", "expiresOn", "Expiry date"));
            detailModel(actor, check, null, LocationBreakdown.Filter.NONE, model);
            model.addAttribute("form", new ExceptionForm(resourceKey, reason, expiresOn));
            return "checks/detail";
        }
    }

    @PostMapping("/checks/{check}/exceptions/{exceptionId}/revoke")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String revoke(Actor actor, @PathVariable String check, @PathVariable String exceptionId,
                  RedirectAttributes redirect) {
        try {
            exceptions.revoke(actor, check, Ids.parseOrNotFound(exceptionId, "Exception"));
            redirect.addFlashAttribute("flash", "The exception was revoked.");
        } catch (dev.evident.shared.problem.ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/checks/" + check;
    }

    @PostMapping("/checks/{check}/enable")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String enable(Actor actor, @PathVariable String check, RedirectAttributes redirect) {
        checks.setEnabled(actor, check, true);
        redirect.addFlashAttribute("flash", "The check is enabled; it is evaluated at the next sync of its resources.");
        return "redirect:/checks/" + check;
    }

    @PostMapping("/checks/{check}/disable")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String disable(Actor actor, @PathVariable String check, RedirectAttributes redirect) {
        checks.setEnabled(actor, check, false);
        redirect.addFlashAttribute("flash", "The check is disabled. Its history stays.");
        return "redirect:/checks/" + check;
    }

    private void detailModel(Actor actor, String check, Integer days, LocationBreakdown.Filter where, Model model) {
        detail.fill(actor.orgId(), check, days == null ? 30 : days, where, model);
        model.addAttribute("canManage", actor.can(Permission.CHECKS_MANAGE));
        model.addAttribute("approver", actor.label());
        model.addAttribute("maxExpiry", LocalDate.ofInstant(Timestamps.now(clock), ZoneOffset.UTC)
                .plusDays(ExceptionService.MAX_VALIDITY.toDays()).toString());
    }

    private String defaultExpiry() {
        return LocalDate.ofInstant(Timestamps.now(clock), ZoneOffset.UTC).plusDays(DEFAULT_EXCEPTION_DAYS).toString();
    }

    /** The form's date as the instant the exception ends: the start of that day, UTC; null when blank or not a date. */
    private static Instant expiry(String expiresOn) {
        if (expiresOn == null || expiresOn.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(expiresOn.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The service's errors with "is required" for the expiry replaced by why the typed date was not read. */
    private static ProblemException withBadDate(ProblemException refused, String expiresOn) {
        List<FieldError> errors = new ArrayList<>(refused.errors().stream()
                .filter(f -> !f.field().equals("expiresAt")).toList());
        errors.add(new FieldError("expiresOn", "must be a date such as 2026-03-31, was '" + expiresOn + "'"));
        return new InvalidInputException(errors);
    }
}
