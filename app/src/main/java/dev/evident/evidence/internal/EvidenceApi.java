package dev.evident.evidence.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.evidence.EvidenceIngest;
import dev.evident.evidence.EvidenceIngest.NewRecord;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceKind;
import dev.evident.evidence.internal.EvidenceViews.EvidenceView;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.RequestBodyLimit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/evidence")
@Tag(name = "Evidence", description = "Evidence files, links and records; their links to controls; content")
class EvidenceApi {

    record RecordInput(EvidenceKind kind, String title, String description, Map<String, Object> data,
                       LocalDate effectiveFrom, LocalDate effectiveTo, Instant collectedAt, String connector, String query,
                       List<UUID> controlIds, List<UUID> programIds, String idempotencyKey) {
    }

    record RecordBatch(List<RecordInput> records) {
    }

    record StoredView(int index, UUID id, long ledgerSeq, boolean existed) {
    }

    record BatchResult(int stored, int existing, List<StoredView> items) {
    }

    private final EvidenceService evidence;
    private final EvidenceIngest ingest;
    private final EvidenceUploads uploads;
    private final ControlDirectory controls;
    private final ProgramDirectory programs;

    EvidenceApi(EvidenceService evidence, EvidenceIngest ingest, EvidenceUploads uploads, ControlDirectory controls,
                ProgramDirectory programs) {
        this.evidence = evidence;
        this.ingest = ingest;
        this.uploads = uploads;
        this.controls = controls;
        this.programs = programs;
    }

    @Bean
    static RequestBodyLimit evidenceUploadLimit(EvidentProperties properties) {
        return new RequestBodyLimit("/api/v1/evidence", properties.evidence().maxUploadSize() + EvidenceUploads.MAX_METADATA
                + 64 * 1024, "evident.evidence.max-upload-size");
    }

    @Bean
    static RequestBodyLimit evidenceRecordsLimit(EvidentProperties properties) {
        long perBatch = (long) properties.evidence().maxRecordsPerBatch() * (properties.evidence().maxRecordSize() + 2048L);
        return new RequestBodyLimit("/api/v1/evidence/records", Math.min(perBatch, 256L * 1024 * 1024),
                "evident.evidence.max-records-per-batch");
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    @Operation(summary = "Upload evidence", description = "multipart/form-data with a 'file' part and a 'metadata' part "
            + "(JSON: title, effectiveFrom, optional effectiveTo, description, kind FILE|LINK with url, collectedAt, "
            + "controlIds, programIds, supersedes). The content type is detected from the bytes. Send an Idempotency-Key "
            + "header to make retries safe: a repeated key returns the item made the first time (200)")
    ResponseEntity<EvidenceView> upload(Actor actor, HttpServletRequest request,
                                        @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        EvidenceService.Added added;
        try {
            EvidenceUploads.Upload upload = uploads.read(request);
            try (var staged = upload.staged()) {
                added = evidence.addFile(actor, staged, upload.fileName(), upload.metadata(), idempotencyKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EvidenceView view = view(actor).apply(added.item());
        return added.created()
                ? ResponseEntity.created(URI.create("/api/v1/evidence/" + view.id())).body(view)
                : ResponseEntity.ok().header("Idempotent-Replay", "true").body(view);
    }

    @PostMapping(value = "/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    @Operation(summary = "Add records in a batch", description = "For connectors and scripts: up to 10,000 records per "
            + "request, all or nothing. Each record: title, data (a JSON object), effectiveFrom, optional effectiveTo, "
            + "kind (CONNECTOR_RECORD or SYSTEM_RECORD), connector, query, controlIds, programIds, idempotencyKey. "
            + "Records whose idempotency key exists already are reported as existing and not stored again")
    ResponseEntity<BatchResult> records(Actor actor, @RequestBody RecordBatch batch) {
        if (batch == null || batch.records() == null) {
            throw new InvalidInputException("records", "is required: a list of records");
        }
        List<NewRecord> records = batch.records().stream().map(r -> r == null ? null : new NewRecord(r.kind(), r.title(),
                r.description(), r.data(), r.effectiveFrom(), r.effectiveTo(), r.collectedAt(), r.connector(), r.query(),
                r.controlIds(), r.programIds(), r.idempotencyKey())).toList();
        List<EvidenceIngest.Stored> stored = ingest.addRecords(actor, records);
        List<StoredView> views = new java.util.ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            views.add(new StoredView(i, stored.get(i).item().id(), stored.get(i).item().ledgerSeq(), stored.get(i).existed()));
        }
        int existing = (int) stored.stream().filter(EvidenceIngest.Stored::existed).count();
        BatchResult result = new BatchResult(stored.size() - existing, existing, views);
        return ResponseEntity.status(result.stored() > 0 ? 201 : 200).body(result);
    }

    @GetMapping
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "List evidence", description = "Newest first, cursor-paginated. Filters: control, program (ids), "
            + "from and to (dates: items whose effective interval overlaps), kind, source (USER, API_TOKEN, CONNECTOR, "
            + "SYSTEM), q (words in title, description or file name), includeSuperseded")
    Page<EvidenceView> list(Actor actor, @RequestParam(required = false) String control,
                            @RequestParam(required = false) String program, @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to, @RequestParam(required = false) String kind,
                            @RequestParam(required = false) String source, @RequestParam(required = false) String q,
                            @RequestParam(required = false) Boolean includeSuperseded,
                            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        EvidenceFilter filter = filter(control, program, from, to, kind, source, q, includeSuperseded);
        return evidence.search(actor, filter, PageRequest.of(limit, cursor)).map(view(actor));
    }

    @GetMapping("/{evidenceId}")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "Get evidence")
    EvidenceView get(Actor actor, @PathVariable String evidenceId) {
        return view(actor).apply(evidence.get(actor, Ids.parseOrNotFound(evidenceId, "Evidence")));
    }

    @GetMapping("/{evidenceId}/content")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "Download the content", description = "The stored bytes as a download (records as their "
            + "canonical JSON); ETag is the SHA-256")
    ResponseEntity<InputStreamResource> content(Actor actor, @PathVariable String evidenceId) {
        EvidenceItem item = evidence.get(actor, Ids.parseOrNotFound(evidenceId, "Evidence"));
        InputStream in;
        try {
            in = evidence.content(actor, item);
        } catch (java.nio.file.NoSuchFileException e) {
            org.slf4j.LoggerFactory.getLogger(EvidenceApi.class).error("Content of evidence {} is missing: {}", item.id(),
                    e.getMessage());
            throw new dev.evident.shared.problem.ProblemException(dev.evident.shared.problem.ProblemType.INTERNAL_ERROR,
                    "The stored content of evidence " + item.id() + " (SHA-256 " + item.contentSha256() + ") is missing "
                            + "from the evidence store; GET /api/v1/evidence/ledger/verify?content=true lists every "
                            + "missing or altered file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = item.fileName() != null ? item.fileName() : item.kind().isRecord() ? "record-" + item.id() + ".json"
                : "evidence-" + item.id();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(item.contentType()))
                .contentLength(item.size())
                .eTag("\"" + item.contentSha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name,
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(new InputStreamResource(in));
    }

    @PostMapping("/{evidenceId}/links/{controlId}")
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    @Operation(summary = "Link evidence to a control", description = "Recorded in the ledger; linking again is a no-op")
    EvidenceView link(Actor actor, @PathVariable String evidenceId, @PathVariable String controlId) {
        return view(actor).apply(evidence.link(actor, Ids.parseOrNotFound(evidenceId, "Evidence"),
                Ids.parseOrNotFound(controlId, "Control")));
    }

    @DeleteMapping("/{evidenceId}/links/{controlId}")
    @RequiresPermission(Permission.EVIDENCE_WRITE)
    @Operation(summary = "Unlink evidence from a control", description = "Recorded in the ledger")
    EvidenceView unlink(Actor actor, @PathVariable String evidenceId, @PathVariable String controlId) {
        return view(actor).apply(evidence.unlink(actor, Ids.parseOrNotFound(evidenceId, "Evidence"),
                Ids.parseOrNotFound(controlId, "Control")));
    }

    private Function<EvidenceItem, EvidenceView> view(Actor actor) {
        Map<UUID, Control> byId = controls.controls(actor.orgId()).stream()
                .collect(Collectors.toMap(Control::id, Function.identity()));
        Map<UUID, Program> programsById = programs.programs(actor.orgId()).stream()
                .collect(Collectors.toMap(Program::id, Function.identity()));
        return item -> EvidenceViews.of(item, byId, programsById);
    }

    static EvidenceFilter filter(String control, String program, String from, String to, String kind, String source,
                                 String q, Boolean includeSuperseded) {
        return new EvidenceFilter(uuid("control", control), uuid("program", program), date("from", from), date("to", to),
                kind == null || kind.isBlank() ? null : choice("kind", kind, EvidenceKind.class),
                source == null || source.isBlank() ? null : sourceType(source), q,
                includeSuperseded != null && includeSuperseded);
    }

    private static String sourceType(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!List.of("USER", "API_TOKEN", "CONNECTOR", "SYSTEM").contains(v)) {
            throw new InvalidInputException("source", "'" + value + "' is not one of USER, API_TOKEN, CONNECTOR, SYSTEM");
        }
        return v;
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be an id");
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date written as YYYY-MM-DD, was '" + value + "'");
        }
    }
}
