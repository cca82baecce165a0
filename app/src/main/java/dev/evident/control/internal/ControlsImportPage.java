package dev.evident.control.internal;

import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Controls as code for people: download the controls file, upload an edited one, see what it would
 * change (or every problem, by line), then apply it. The uploaded file waits in {@link ImportDrafts}
 * between the check and "Apply these changes", and is checked again when applied.
 */
@Controller
class ControlsImportPage {

    private final ControlsAsCode controlsAsCode;
    private final ImportDrafts drafts;
    private final Clock clock;

    ControlsImportPage(ControlsAsCode controlsAsCode, ImportDrafts drafts, Clock clock) {
        this.controlsAsCode = controlsAsCode;
        this.drafts = drafts;
        this.clock = clock;
    }

    @GetMapping("/controls/export")
    @RequiresPermission(Permission.CONTROLS_READ)
    ResponseEntity<byte[]> export(Actor actor) {
        return ResponseEntity.ok().contentType(ControlsAsCodeApi.YAML)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(ControlsFile.DEFAULT_NAME).build().toString())
                .body(controlsAsCode.export(actor));
    }

    @GetMapping("/controls/import")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String form(Model model) {
        model.addAttribute("maxSize", ImportPreview.size(controlsAsCode.maxSize()));
        return "controls-import";
    }

    @PostMapping("/controls/import")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String check(Actor actor, @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                 HttpServletResponse response) throws IOException {
        model.addAttribute("maxSize", ImportPreview.size(controlsAsCode.maxSize()));
        if (file == null || file.isEmpty()) {
            return fileError(model, response, HttpStatus.BAD_REQUEST, "Choose a controls file (YAML) to check.");
        }
        if (file.getSize() > controlsAsCode.maxSize()) {
            return fileError(model, response, HttpStatus.CONTENT_TOO_LARGE, "The file is too large: controls files may be at most "
                    + ImportPreview.size(controlsAsCode.maxSize()) + ".");
        }
        byte[] content = file.getBytes();
        String original = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        // Some browsers send the whole path of the file on the person's computer: keep only its name.
        String fileName = ControlsAsCode.fileName(original.substring(Math.max(original.lastIndexOf('/'),
                original.lastIndexOf('\\')) + 1));
        try {
            ImportPlan plan = controlsAsCode.plan(actor, fileName, content);
            UUID draft = null;
            if (plan.changesAnything()) {
                draft = Ids.next(clock);
                drafts.save(actor.orgId(), actor.userId(), new ImportDrafts.Draft(draft, fileName, plan.sha256(),
                        controlsAsCode.basis(actor), content, Timestamps.now(clock)));
            }
            return preview(model, plan, draft);
        } catch (ProblemException e) {
            return problems(model, response, fileName, e);
        }
    }

    @PostMapping("/controls/import/apply")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    String apply(Actor actor, @RequestParam(defaultValue = "") String draft, Model model, RedirectAttributes redirect,
                 HttpServletResponse response) {
        UUID id = uuid(draft);
        ImportDrafts.Draft found = id == null ? null
                : drafts.find(actor.orgId(), actor.userId(), id, Timestamps.now(clock)).orElse(null);
        if (found == null) {
            redirect.addFlashAttribute("flashError", "That check has expired or was already applied. Upload the file "
                    + "again to check it.");
            return "redirect:/controls/import";
        }
        model.addAttribute("maxSize", ImportPreview.size(controlsAsCode.maxSize()));
        try {
            String basis = controlsAsCode.basis(actor);
            if (!basis.equals(found.basis())) {
                // The preview no longer says what would happen: show the new one and let the person decide again.
                ImportPlan plan = controlsAsCode.plan(actor, found.fileName(), found.content());
                drafts.updateBasis(actor.orgId(), found.id(), basis);
                model.addAttribute("changedSinceCheck", true);
                response.setStatus(HttpStatus.CONFLICT.value());
                return preview(model, plan, plan.changesAnything() ? found.id() : null);
            }
            ImportPlan plan = controlsAsCode.apply(actor, found.fileName(), found.content());
            drafts.delete(actor.orgId(), found.id());
            redirect.addFlashAttribute("flash", ImportPreview.outcome(plan));
            return "redirect:/controls/import";
        } catch (ProblemException e) {
            return problems(model, response, found.fileName(), e);
        }
    }

    private String preview(Model model, ImportPlan plan, UUID draft) {
        model.addAttribute("preview", ImportPreview.of(plan));
        model.addAttribute("draftId", draft);
        return "controls-import";
    }

    private String problems(Model model, HttpServletResponse response, String fileName, ProblemException e) {
        response.setStatus(e.type().status().value());
        List<FieldError> located = e.errors().stream().filter(f -> f.location() != null).toList();
        if (located.isEmpty()) {
            return fileError(model, response, e.type().status(), e.getMessage());
        }
        int total = e instanceof FileProblems.ControlsFileException file ? file.total() : located.size();
        model.addAttribute("problemSummary", FileProblems.headline(fileName, total, located.size()));
        model.addAttribute("problems", located);
        return "controls-import";
    }

    private static String fileError(Model model, HttpServletResponse response, HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAttribute("errors", Map.of("file", List.of(message)));
        return "controls-import";
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
