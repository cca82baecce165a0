package dev.evident.evidence.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceKind;
import dev.evident.evidence.internal.EvidenceFilter;
import dev.evident.evidence.internal.EvidenceService;
import dev.evident.evidence.internal.ui.EvidenceUploadForm.FileResult;
import dev.evident.evidence.internal.ui.EvidenceUploadForm.Fields;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.PageLayout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The evidence library: every item of the organization as one filterable table, and the upload form.
 * The filter form is a plain GET form; htmx sends it on every change and swaps only the results,
 * and the same URL renders the whole page. "Load more" is a link to the next page that htmx turns
 * into rows appended in place.
 */
@Controller
class EvidenceLibraryPage {

    static final int PAGE_SIZE = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EvidenceService evidence;
    private final ControlDirectory controls;
    private final ProgramDirectory programs;
    private final EvidenceUploadForm uploads;
    private final CoverageViews coverage;
    private final PageLayout layout;

    EvidenceLibraryPage(EvidenceService evidence, ControlDirectory controls, ProgramDirectory programs,
                        EvidenceUploadForm uploads, CoverageViews coverage, PageLayout layout) {
        this.layout = layout;
        this.evidence = evidence;
        this.controls = controls;
        this.programs = programs;
        this.uploads = uploads;
        this.coverage = coverage;
    }

    @GetMapping("/evidence")
    @RequiresPermission(Permission.EVIDENCE_READ)
    String library(Actor actor, @ModelAttribute("filter") EvidenceLibraryFilter filter,
                   @RequestHeader(value = "HX-Request", required = false) String htmx,
                   @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
                   @RequestHeader(value = "HX-Target", required = false) String htmxTarget,
                   Model model, HttpServletRequest request, HttpServletResponse response) {
        populate(actor, filter, model, request);
        boolean partial = htmx != null && historyRestore == null;
        model.addAttribute("htmx", partial);
        response.addHeader("Vary", "HX-Request");
        if (partial && "load-more-row".equals(htmxTarget)) {
            return "evidence/library :: more";
        }
        return partial ? "evidence/library :: results" : "evidence/library";
    }

    /**
     * The upload form. Without JavaScript it sends every chosen file with the same dates and links;
     * evident.js sends one file per request (Accept: application/json, answered by {@link #uploadJson})
     * with its own title and dates, and shows each file's answer next to it.
     */
    @PostMapping("/evidence/upload")
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    String upload(Actor actor, @RequestParam(name = "file", required = false) List<MultipartFile> files,
                  @RequestParam(required = false) String title, @RequestParam(required = false) String description,
                  @RequestParam(required = false) String effectiveFrom, @RequestParam(required = false) String effectiveTo,
                  @RequestParam(required = false) List<String> controlIds,
                  @RequestParam(required = false) List<String> programIds,
                  Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Fields typed = new Fields(title, description, effectiveFrom, effectiveTo, controlIds, programIds, null);
        List<FileResult> results = addAll(actor, files, typed);
        if (results.stream().allMatch(FileResult::ok)) {
            redirect.addFlashAttribute("flash", added(results));
            return "redirect:/evidence";
        }
        response.setStatus(results.stream().filter(r -> !r.ok()).mapToInt(FileResult::status).findFirst().orElse(400));
        return failedUpload(actor, results, typed, model, request);
    }

    @PostMapping(value = "/evidence/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    ResponseEntity<Map<String, Object>> uploadJson(Actor actor,
                                                   @RequestParam(name = "file", required = false) List<MultipartFile> files,
                                                   @RequestParam(required = false) String title,
                                                   @RequestParam(required = false) String description,
                                                   @RequestParam(required = false) String effectiveFrom,
                                                   @RequestParam(required = false) String effectiveTo,
                                                   @RequestParam(required = false) List<String> controlIds,
                                                   @RequestParam(required = false) List<String> programIds,
                                                   HttpServletRequest request) {
        Fields typed = new Fields(title, description, effectiveFrom, effectiveTo, controlIds, programIds, null);
        return json(addAll(actor, files, typed), request.getContextPath());
    }

    private List<FileResult> addAll(Actor actor, List<MultipartFile> files, Fields typed) {
        List<MultipartFile> chosen = files == null ? List.of()
                : files.stream().filter(f -> f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank()).toList();
        // one title cannot name several files: each then takes its file's name
        Fields fields = chosen.size() > 1 ? new Fields(null, typed.description(), typed.effectiveFrom(),
                typed.effectiveTo(), typed.controlIds(), typed.programIds(), null) : typed;
        List<FileResult> results = new ArrayList<>();
        if (chosen.isEmpty()) {
            results.add(new FileResult("", null, false, List.of("Choose at least one file to upload."), 400));
        }
        for (MultipartFile file : chosen) {
            results.add(uploads.add(actor, file, fields));
        }
        return results;
    }

    private String failedUpload(Actor actor, List<FileResult> results, Fields typed, Model model,
                                HttpServletRequest request) {
        model.addAttribute("uploadResults", results);
        model.addAttribute("uploadFields", typed);
        EvidenceLibraryFilter none = new EvidenceLibraryFilter(null, null, null, null, null, null, null, null, null, null);
        model.addAttribute("filter", none);
        populate(actor, none, model, request);
        model.addAttribute("htmx", false);
        return "evidence/library";
    }

    /** A body larger than the server's form limit: its parts could not be read at all. */
    @ExceptionHandler(MultipartException.class)
    ModelAndView unreadable(MultipartException e, Actor actor, HttpServletRequest request, HttpServletResponse response)
            throws java.io.IOException {
        boolean tooLarge = e instanceof MaxUploadSizeExceededException;
        FileResult result = new FileResult("", null, false, List.of(tooLarge ? uploads.tooLarge("")
                : "The upload could not be read: " + e.getMessage()), tooLarge ? 413 : 400);
        if (wantsJson(request.getHeader("Accept"))) {
            response.setStatus(result.status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(JSON.writeValueAsString(json(List.of(result), request.getContextPath()).getBody()));
            return null;
        }
        response.setStatus(result.status());
        org.springframework.ui.ExtendedModelMap model = new org.springframework.ui.ExtendedModelMap();
        model.addAttribute("layout", layout.layoutFor(request));
        failedUpload(actor, List.of(result), new Fields(null, null, null, null, List.of(), List.of(), null), model, request);
        return new ModelAndView("evidence/library", model);
    }

    private void populate(Actor actor, EvidenceLibraryFilter filter, Model model, HttpServletRequest request) {
        List<Control> allControls = controls.controls(actor.orgId()).stream()
                .sorted(Comparator.comparing(Control::ref)).toList();
        List<Program> allPrograms = programs.programs(actor.orgId());
        Map<UUID, Control> controlsById = allControls.stream().collect(Collectors.toMap(Control::id, Function.identity()));
        Map<UUID, Program> programsById = allPrograms.stream().collect(Collectors.toMap(Program::id, Function.identity()));
        List<EvidenceLabels.Row> rows = List.of();
        String next = null;
        try {
            EvidenceFilter parsed = filter.parse();
            if (filter.staleOnly()) {
                Set<UUID> stale = coverage.staleControls(actor, parsed.programId());
                if (stale == null) {
                    throw new InvalidInputException("stale", "cannot be used: coverage is not measured in this installation");
                }
                parsed = parsed.linkedToAnyOf(stale);
            }
            Page<EvidenceItem> page = evidence.search(actor, parsed, PageRequest.of(PAGE_SIZE, filter.cursor()));
            rows = page.items().stream().map(i -> EvidenceLabels.row(i, controlsById, programsById, request.getContextPath()))
                    .toList();
            next = page.nextCursor() == null ? null : UriComponentsBuilder.fromPath(request.getContextPath() + "/evidence")
                    .query(request.getQueryString()).replaceQueryParam("cursor", page.nextCursor()).build().encode()
                    .toUriString();
            UUID controlId = filter.controlId();
            if (controlId != null && controlsById.containsKey(controlId) && filter.cursor() == null) {
                coverage.addTo(model, actor, controlsById.get(controlId), filter.programId());
            }
        } catch (InvalidInputException e) {
            // a filter that cannot be read shows nothing rather than everything
            model.addAttribute("filterError", "This filter could not be used: " + e.errors().get(0).field() + " "
                    + e.errors().get(0).message() + ".");
        }
        model.addAttribute("rows", rows);
        model.addAttribute("nextPage", next);
        model.addAttribute("filtered", filter.any());
        model.addAttribute("controls", allControls);
        model.addAttribute("programs", allPrograms);
        model.addAttribute("kinds", kinds());
        model.addAttribute("sources", sources());
        model.addAttribute("coverageAvailable", coverage.available());
        model.addAttribute("canWrite", actor.can(Permission.EVIDENCE_WRITE));
        model.addAttribute("maxSize", uploads.maxSize());
        model.addAttribute("maxSizeLabel", uploads.maxSizeLabel());
        if (!model.containsAttribute("uploadFields")) {
            model.addAttribute("uploadFields", new Fields(null, null, null, null, List.of(),
                    filter.programId() == null ? List.of() : List.of(filter.program().strip()), null));
        }
    }

    static Map<String, String> kinds() {
        Map<String, String> out = new LinkedHashMap<>();
        for (EvidenceKind k : EvidenceKind.values()) {
            out.put(k.name(), EvidenceLabels.kind(k));
        }
        return out;
    }

    static Map<String, String> sources() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : List.of("USER", "API_TOKEN", "CONNECTOR", "SYSTEM")) {
            out.put(s, EvidenceLabels.sourceType(s));
        }
        return out;
    }

    static boolean wantsJson(String accept) {
        return accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains("text/html");
    }

    static String added(List<FileResult> results) {
        String names = results.stream().map(r -> r.item().title()).collect(Collectors.joining(", "));
        long existing = results.stream().filter(r -> !r.created()).count();
        return "Added " + (results.size() == 1 ? "1 file" : results.size() + " files") + ": " + names + "."
                + (existing == 0 ? "" : " " + existing + (existing == 1 ? " was" : " were") + " stored already, so "
                + (existing == 1 ? "it was" : "they were") + " not added twice.");
    }

    /** The JS upload's answer: per file, the item's page or the problems, with the status of the first problem. */
    static ResponseEntity<Map<String, Object>> json(List<FileResult> results, String contextPath) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileResult r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("fileName", r.fileName());
            f.put("ok", r.ok());
            if (r.ok()) {
                f.put("id", r.item().id().toString());
                f.put("title", r.item().title());
                f.put("href", contextPath + "/evidence/" + r.item().id());
                f.put("existed", !r.created());
            }
            f.put("errors", r.errors());
            files.add(f);
        }
        int status = results.stream().filter(r -> !r.ok()).mapToInt(FileResult::status).findFirst()
                .orElse(results.stream().anyMatch(FileResult::created) ? 201 : 200);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("files", files));
    }
}
