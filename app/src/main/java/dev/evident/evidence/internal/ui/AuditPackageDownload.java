package dev.evident.evidence.internal.ui;

import dev.evident.evidence.internal.pack.AuditPackages;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The export dialog of the program page: the same package as {@code POST
 * /api/v1/programs/{id}/audit-package} (which takes API tokens only) for a signed-in browser, with the
 * form's CSRF token. A request that cannot be exported goes back to the dialog with the reason.
 */
@Controller
class AuditPackageDownload {

    private static final Logger log = LoggerFactory.getLogger(AuditPackageDownload.class);

    private final AuditPackages packages;

    AuditPackageDownload(AuditPackages packages) {
        this.packages = packages;
    }

    @PostMapping("/programs/{programId}/audit-package")
    @RequiresPermission(Permission.EVIDENCE_EXPORT)
    ModelAndView export(Actor actor, @PathVariable String programId, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, HttpServletResponse response, RedirectAttributes redirect)
            throws IOException {
        UUID id = Ids.parseOrNotFound(programId, "Program");
        AuditPackages.Plan plan;
        try {
            plan = packages.plan(actor, id, blankToNull(from), blankToNull(to));
        } catch (ProblemException e) {
            if (e.type().status().value() == 404) {
                throw e;
            }
            String reason = e.errors() == null || e.errors().isEmpty() ? e.getMessage()
                    : (e.errors().get(0).field().equals("from") ? "From" : e.errors().get(0).field().equals("to") ? "To"
                    : e.errors().get(0).field()) + " " + e.errors().get(0).message();
            redirect.addFlashAttribute("flashError", "The audit package was not exported: " + reason + ".");
            return new ModelAndView("redirect:/programs/" + id + "#export");
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(plan.fileName())
                .build().toString());
        response.setHeader("X-Evidence-Items", String.valueOf(plan.rows().size()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 256 * 1024);
        try {
            packages.write(plan, out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the status line is gone: abort so the browser shows a failed download, not a short zip
            log.warn("Audit package export of program {} for organization {} failed after the response began: {}",
                    plan.program().id(), actor.orgId(), e.toString());
            throw e;
        }
        // written to the response: nothing to render
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
