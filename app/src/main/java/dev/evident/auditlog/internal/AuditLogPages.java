package dev.evident.auditlog.internal;

import dev.evident.auditlog.AuditLog;
import dev.evident.auditlog.AuditQuery;
import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.NavigationItem;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The audit log page: filters, "load more" paging via htmx, chain verification and export. */
@Controller
class AuditLogPages {

    private final AuditLog auditLog;

    AuditLogPages(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Bean
    static NavigationItem auditLogNavigation() {
        return new NavigationItem("Organization", "Audit log", "/audit-log", Permission.AUDIT_LOG_READ, 40);
    }

    @GetMapping("/audit-log")
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    String page(Actor actor, @RequestParam(required = false) String action, @RequestParam(required = false) String actorId,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String cursor,
                @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        Instant fromInstant = day(from, model, "From");
        Instant toInstant = day(to, model, "To");
        toInstant = toInstant == null ? null : toInstant.plusSeconds(86_400); // "to" is inclusive of that day
        var query = new AuditQuery(blankToNull(action), blankToNull(actorId), null, null, fromInstant, toInstant);
        // a filter that could not be read shows nothing rather than everything
        model.addAttribute("page", model.containsAttribute("filterError") ? new dev.evident.shared.Page<>(java.util.List.of(), null)
                : auditLog.search(actor.orgId(), query, PageRequest.of(50, cursor)));
        model.addAttribute("action", action);
        model.addAttribute("actorId", actorId);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        // htmx "load more" asks only for the next rows
        return htmx != null && cursor != null ? "audit-log :: rows" : "audit-log";
    }

    @PostMapping("/audit-log/verify")
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    String verify(Actor actor, Model model) {
        model.addAttribute("verification", auditLog.verify(actor.orgId()));
        return "audit-log :: verification";
    }

    @GetMapping("/audit-log/export")
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    ResponseEntity<StreamingResponseBody> export(Actor actor) {
        StreamingResponseBody body = out -> auditLog.export(actor.orgId(), new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.jsonl\"")
                .contentType(MediaType.parseMediaType("application/x-ndjson")).body(body);
    }

    private static Instant day(String value, Model model, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            model.addAttribute("filterError", "The " + field + " date must look like 2026-01-31.");
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
