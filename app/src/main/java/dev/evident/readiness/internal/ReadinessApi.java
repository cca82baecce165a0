package dev.evident.readiness.internal;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.program.Program;
import dev.evident.readiness.Readiness;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/programs/{programId}")
@Tag(name = "Readiness", description = "Gap assessment of a program: verdicts, scores, remediation, history, control matrix")
class ReadinessApi {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final int DEFAULT_REMEDIATION = 50;
    static final int MAX_REMEDIATION = 10_000;

    record HistoryPoint(Instant takenAt, double score, int criteria, int met, int partiallyMet, int gap,
                        int applicableControls, int readyControls, Map<String, Double> categories) {
    }

    record History(UUID programId, List<HistoryPoint> items) {
    }

    private final ReadinessService readiness;
    private final ControlDirectory controls;
    private final OrganizationDirectory directory;
    private final Catalog catalog;

    ReadinessApi(ReadinessService readiness, ControlDirectory controls, OrganizationDirectory directory, Catalog catalog) {
        this.readiness = readiness;
        this.controls = controls;
        this.directory = directory;
        this.catalog = catalog;
    }

    @GetMapping("/readiness")
    @RequiresPermission(Permission.PROGRAMS_READ)
    @Operation(summary = "Readiness of a program", description = "Per criterion in scope: the mapped controls, their "
            + "status and owner, and a verdict (MET, PARTIALLY_MET, GAP); scores per category and overall; the Type I "
            + "verdict and the Type II slot; the ranked remediation list (the first remediationLimit items, default "
            + "50; remediationTotal says how many there are). Each control is described once in controls; criteria "
            + "name theirs by reference. The formula is in docs/readiness.md")
    ReadinessView get(Actor actor, @PathVariable String programId,
                      @RequestParam(required = false) Integer remediationLimit) {
        int limit = remediationLimit == null ? DEFAULT_REMEDIATION : remediationLimit;
        if (limit < 0 || limit > MAX_REMEDIATION) {
            throw new InvalidInputException("remediationLimit", "must be between 0 and " + MAX_REMEDIATION + ", was " + limit);
        }
        return ReadinessView.of(readiness.readiness(actor, Ids.parseOrNotFound(programId, "Program")), limit);
    }

    @GetMapping("/readiness/history")
    @RequiresPermission(Permission.PROGRAMS_READ)
    @Operation(summary = "Readiness over time", description = "At most one point per hour in which something changed, "
            + "oldest first; from/to are dates (YYYY-MM-DD, to inclusive) and default to the last 180 days")
    History history(Actor actor, @PathVariable String programId, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to) {
        UUID id = Ids.parseOrNotFound(programId, "Program");
        Instant start = day("from", from, false);
        Instant end = day("to", to, true);
        return new History(id, readiness.history(actor, id, start, end).stream()
                .map(s -> new HistoryPoint(s.takenAt(), Readiness.Score.percent(s.basisPoints()), s.criteria(), s.met(), s.partiallyMet(),
                        s.gap(), s.controls(), s.readyControls(), s.categories().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> Readiness.Score.percent(e.getValue()), (a, b) -> a,
                                java.util.LinkedHashMap::new))))
                .toList());
    }

    @GetMapping("/control-matrix")
    @RequiresPermission(Permission.PROGRAMS_READ)
    @Operation(summary = "Control matrix as CSV or XLSX", description = "Criterion ↔ control ↔ owner ↔ status for the "
            + "criteria in scope; format=csv (default) or xlsx")
    ResponseEntity<byte[]> matrix(Actor actor, @PathVariable String programId,
                                  @RequestParam(required = false, defaultValue = "csv") String format) {
        String kind = format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("xlsx")) {
            throw new InvalidInputException("format", "'" + format + "' is not supported; use csv or xlsx");
        }
        UUID id = Ids.parseOrNotFound(programId, "Program");
        Program program = readiness.program(actor, id);
        Readiness r = readiness.readiness(actor, id);
        FrameworkIndex framework = catalog.index(program.frameworkId()).orElseThrow();
        Map<UUID, Control> byId = controls.controls(actor.orgId()).stream()
                .collect(Collectors.toMap(Control::id, Function.identity()));
        Map<UUID, MemberSummary> members = directory.members(actor.orgId()).stream()
                .collect(Collectors.toMap(MemberSummary::userId, Function.identity()));
        List<List<String>> rows = ControlMatrix.rows(program, r, framework, byId, members);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (kind.equals("csv")) {
                MatrixFiles.csv(ControlMatrix.HEADER, rows, out);
            } else {
                MatrixFiles.xlsx("Control matrix", ControlMatrix.HEADER, rows, summary(program, r), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = "control-matrix-" + slug(program.name()) + "-" + LocalDate.ofInstant(r.computedAt(), ZoneOffset.UTC)
                + "." + kind;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .contentType(kind.equals("csv") ? CSV : XLSX).body(out.toByteArray());
    }

    private static List<List<String>> summary(Program program, Readiness r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Program", program.name()));
        rows.add(List.of("Report", program.reportType().label() + ", " + program.periodLabel()));
        rows.add(List.of("Computed at", r.computedAt().toString()));
        rows.add(List.of("Overall score", r.overall().percent() + " %"));
        rows.add(List.of("Criteria met / partially met / gap", r.overall().met() + " / " + r.overall().partiallyMet()
                + " / " + r.overall().gap()));
        r.categories().forEach(c -> rows.add(List.of(c.name(), c.score().percent() + " % (" + c.score().met() + " of "
                + c.score().criteria() + " met)")));
        rows.add(List.of("Type I", r.typeOne().summary()));
        rows.add(List.of("Type II", r.typeTwo().summary()));
        program.categories().stream().filter(c -> !c.included())
                .forEach(c -> rows.add(List.of("Excluded: " + c.categoryId(), c.exclusionReason())));
        return rows;
    }

    private static Instant day(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date written as YYYY-MM-DD, was '" + value + "'");
        }
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "program" : slug;
    }
}
