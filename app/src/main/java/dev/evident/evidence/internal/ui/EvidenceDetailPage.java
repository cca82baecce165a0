package dev.evident.evidence.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.EvidenceService;
import dev.evident.evidence.internal.blob.ContentType;
import dev.evident.evidence.internal.ui.EvidenceUploadForm.FileResult;
import dev.evident.evidence.internal.ui.EvidenceUploadForm.Fields;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One evidence item: its facts, hashes and ledger position, what it is linked to, the chain of
 * corrections in both directions, a preview, and the forms to link, unlink and correct it.
 */
@Controller
class EvidenceDetailPage {

    /** How much of a text file the page shows. */
    static final int TEXT_PREVIEW = 64 * 1024;
    /** How far the history follows corrections in each direction. */
    static final int HISTORY_LIMIT = 100;

    /** One version in the chain of corrections. */
    record Version(UUID id, String title, String interval, java.time.Instant collectedAt, String statusLabel,
                   boolean shown) {
    }

    private final EvidenceService evidence;
    private final ControlDirectory controls;
    private final ProgramDirectory programs;
    private final EvidenceUploadForm uploads;

    EvidenceDetailPage(EvidenceService evidence, ControlDirectory controls, ProgramDirectory programs,
                       EvidenceUploadForm uploads) {
        this.evidence = evidence;
        this.controls = controls;
        this.programs = programs;
        this.uploads = uploads;
    }

    @GetMapping("/evidence/{evidenceId}")
    @RequiresPermission(Permission.EVIDENCE_READ)
    String detail(Actor actor, @PathVariable String evidenceId, Model model, HttpServletRequest request) {
        EvidenceItem item = evidence.get(actor, Ids.parseOrNotFound(evidenceId, "Evidence"));
        populate(actor, item, model, request);
        return "evidence/detail";
    }

    private void populate(Actor actor, EvidenceItem item, Model model, HttpServletRequest request) {
        List<Control> all = controls.controls(actor.orgId()).stream().sorted(Comparator.comparing(Control::ref)).toList();
        Map<UUID, Control> controlsById = all.stream().collect(Collectors.toMap(Control::id, Function.identity()));
        Map<UUID, Program> programsById = programs.programs(actor.orgId()).stream()
                .collect(Collectors.toMap(Program::id, Function.identity()));
        String context = request.getContextPath();
        model.addAttribute("item", item);
        model.addAttribute("kind", EvidenceLabels.kind(item.kind()));
        model.addAttribute("source", EvidenceLabels.source(item.source()));
        model.addAttribute("interval", EvidenceLabels.interval(item.effectiveFrom(), item.effectiveTo()));
        model.addAttribute("size", EvidenceLabels.size(item.size()));
        model.addAttribute("status", EvidenceLabels.status(item));
        model.addAttribute("statusLabel", EvidenceLabels.statusLabel(item));
        model.addAttribute("linkedControls", EvidenceLabels.links(item, "control", controlsById, programsById, context));
        model.addAttribute("linkedPrograms", EvidenceLabels.links(item, "program", controlsById, programsById, context));
        model.addAttribute("linkable", all.stream().filter(c -> !item.linkedTo(c.id())).toList());
        model.addAttribute("history", history(actor, item));
        model.addAttribute("canWrite", actor.can(Permission.EVIDENCE_WRITE) && item.current());
        model.addAttribute("maxSize", uploads.maxSize());
        model.addAttribute("maxSizeLabel", uploads.maxSizeLabel());
        String preview = preview(item);
        model.addAttribute("preview", preview);
        if (preview.equals("text")) {
            model.addAttribute("previewText", text(actor, item));
        }
    }

    /** The versions before and after this one, oldest first. */
    List<Version> history(Actor actor, EvidenceItem item) {
        List<EvidenceItem> older = new ArrayList<>();
        Set<UUID> seen = new HashSet<>(Set.of(item.id()));
        UUID previous = item.supersedes();
        while (previous != null && older.size() < HISTORY_LIMIT && seen.add(previous)) {
            Optional<EvidenceItem> found = evidence.item(actor.orgId(), previous);
            if (found.isEmpty()) {
                break;
            }
            older.add(found.get());
            previous = found.get().supersedes();
        }
        Collections.reverse(older);
        List<EvidenceItem> chain = new ArrayList<>(older);
        chain.add(item);
        UUID next = item.supersededBy();
        int newer = 0;
        while (next != null && newer++ < HISTORY_LIMIT && seen.add(next)) {
            Optional<EvidenceItem> found = evidence.item(actor.orgId(), next);
            if (found.isEmpty()) {
                break;
            }
            chain.add(found.get());
            next = found.get().supersededBy();
        }
        if (chain.size() == 1) {
            return List.of();
        }
        return chain.stream().map(i -> new Version(i.id(), i.title(), EvidenceLabels.interval(i.effectiveFrom(),
                i.effectiveTo()), i.collectedAt(), EvidenceLabels.statusLabel(i), i.id().equals(item.id()))).toList();
    }

    /** image, pdf, text or none: what the page can show of the content safely. */
    static String preview(EvidenceItem item) {
        if (item.removedAt() != null || item.contentType() == null || !ContentType.previewable(item.contentType())) {
            return "none";
        }
        String type = item.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return "image";
        }
        return type.startsWith(ContentType.PDF) ? "pdf" : "text";
    }

    private String text(Actor actor, EvidenceItem item) {
        byte[] head;
        try (InputStream in = evidence.content(actor, item)) {
            head = in.readNBytes(TEXT_PREVIEW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            // a character cut at the 64 KiB boundary shows as one replacement character at the end
            return decoder.decode(ByteBuffer.wrap(head)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(head, StandardCharsets.UTF_8);
        }
    }

    @PostMapping("/evidence/{evidenceId}/links")
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    String link(Actor actor, @PathVariable String evidenceId, @RequestParam(defaultValue = "") String controlId,
                RedirectAttributes redirect) {
        UUID id = Ids.parseOrNotFound(evidenceId, "Evidence");
        if (controlId.isBlank()) {
            redirect.addFlashAttribute("flashError", "Choose a control to link this evidence to.");
            return "redirect:/evidence/" + id;
        }
        try {
            UUID control = Ids.parseOrNotFound(controlId, "Control");
            evidence.link(actor, id, control);
            redirect.addFlashAttribute("flash", "Linked to " + ref(actor, control) + ".");
        } catch (ProblemException e) {
            if (e instanceof NotFoundException && evidence.item(actor.orgId(), id).isEmpty()) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/evidence/" + id;
    }

    @PostMapping("/evidence/{evidenceId}/links/{controlId}/remove")
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    String unlink(Actor actor, @PathVariable String evidenceId, @PathVariable String controlId,
                  RedirectAttributes redirect) {
        UUID id = Ids.parseOrNotFound(evidenceId, "Evidence");
        UUID control = Ids.parseOrNotFound(controlId, "Control");
        try {
            evidence.unlink(actor, id, control);
            redirect.addFlashAttribute("flash", "Unlinked from " + ref(actor, control)
                    + ". The ledger keeps both the link and its removal.");
        } catch (ProblemException e) {
            if (e instanceof NotFoundException && evidence.item(actor.orgId(), id).isEmpty()) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/evidence/" + id;
    }

    /** A correction: a new item that supersedes this one and carries its links over. */
    @PostMapping("/evidence/{evidenceId}/supersede")
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    String supersede(Actor actor, @PathVariable String evidenceId,
                     @RequestParam(name = "file", required = false) MultipartFile file,
                     @RequestParam(required = false) String title, @RequestParam(required = false) String description,
                     @RequestParam(required = false) String effectiveFrom,
                     @RequestParam(required = false) String effectiveTo,
                     Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        EvidenceItem item = evidence.get(actor, Ids.parseOrNotFound(evidenceId, "Evidence"));
        Fields fields = new Fields(title, description, effectiveFrom, effectiveTo, List.of(), List.of(),
                item.id().toString());
        FileResult result = uploads.add(actor, file, fields);
        if (result.ok()) {
            redirect.addFlashAttribute("flash", "The correction " + result.item().title() + " supersedes "
                    + item.title() + "; its links carried over.");
            return "redirect:/evidence/" + result.item().id();
        }
        response.setStatus(result.status());
        populate(actor, item, model, request);
        model.addAttribute("supersedeErrors", result.errors());
        model.addAttribute("supersedeFields", fields);
        return "evidence/detail";
    }

    /** The content as a download, whatever it is: never shown by the browser. */
    @GetMapping("/evidence/{evidenceId}/content")
    @RequiresPermission(Permission.EVIDENCE_READ)
    ResponseEntity<InputStreamResource> content(Actor actor, @PathVariable String evidenceId) {
        EvidenceItem item = evidence.get(actor, Ids.parseOrNotFound(evidenceId, "Evidence"));
        return body(actor, item, false);
    }

    /**
     * The content shown in the page: images (PNG, JPEG, GIF, WebP) and PDF only, typed from their
     * bytes at upload. Anything else, SVG and HTML above all, is a 404 here: it could run script.
     */
    @GetMapping("/evidence/{evidenceId}/preview")
    @RequiresPermission(Permission.EVIDENCE_READ)
    ResponseEntity<InputStreamResource> previewContent(Actor actor, @PathVariable String evidenceId) {
        EvidenceItem item = evidence.get(actor, Ids.parseOrNotFound(evidenceId, "Evidence"));
        String kind = preview(item);
        if (!kind.equals("image") && !kind.equals("pdf")) {
            throw new NotFoundException("Preview");
        }
        return body(actor, item, true);
    }

    private ResponseEntity<InputStreamResource> body(Actor actor, EvidenceItem item, boolean inline) {
        InputStream in;
        try {
            in = evidence.content(actor, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = item.fileName() != null ? item.fileName() : item.kind().isRecord() ? "record-" + item.id() + ".json"
                : "evidence-" + item.id();
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(name, StandardCharsets.UTF_8).build();
        boolean pdf = inline && preview(item).equals("pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(item.contentType()))
                .contentLength(item.size())
                .eTag("\"" + item.contentSha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                // a PDF is framed by its evidence page (same origin only); nothing else is ever framed
                .header("X-Frame-Options", pdf ? "SAMEORIGIN" : "DENY")
                .header("Content-Security-Policy", pdf ? "default-src 'none'; frame-ancestors 'self'"
                        : "sandbox; default-src 'none'; frame-ancestors 'none'")
                .body(new InputStreamResource(in));
    }

    private String ref(Actor actor, UUID controlId) {
        return controls.control(actor.orgId(), controlId).map(Control::ref).orElse("the control");
    }
}
