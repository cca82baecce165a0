package dev.evident.evidence.internal.ui;

import dev.evident.evidence.internal.pack.AuditPackages;
import dev.evident.evidence.internal.pack.PackageResponse;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
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

    private final AuditPackages packages;

    AuditPackageDownload(AuditPackages packages) {
        this.packages = packages;
    }

    @PostMapping("/programs/{programId}/audit-package")
    @RequiresPermission(Permission.EVIDENCE_EXPORT)
    ModelAndView export(Actor actor, @PathVariable String programId, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, HttpServletResponse response, RedirectAttributes redirect)
            throws IOException {
        long start = System.nanoTime();
        UUID id = Ids.parseOrNotFound(programId, "Program");
        AuditPackages.Plan plan;
        try {
            plan = packages.plan(actor, id, blankToNull(from), blankToNull(to));
        } catch (ProblemException e) {
            if (e.type().status().value() == 404) {
                throw e;
            }
            String reason = e.getMessage();
            if (e.errors() != null && !e.errors().isEmpty()) {
                var first = e.errors().get(0);
                reason = capitalized(first.field()) + " " + first.message();
            }
            redirect.addFlashAttribute("flashError", "The audit package was not exported: " + reason + ".");
            return new ModelAndView("redirect:/programs/" + id + "#export");
        }
        PackageResponse.send(packages, plan, actor, response, start);
        // written to the response: nothing to render
        return null;
    }

    private static String capitalized(String field) {
        return field == null || field.isEmpty() ? "" : Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
