package dev.evident.readiness.internal;

import dev.evident.readiness.Readiness;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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

    static final int DEFAULT_REMEDIATION = 50;
    static final int MAX_REMEDIATION = 10_000;

    record HistoryPoint(Instant takenAt, double score, int criteria, int met, int partiallyMet, int gap,
                        int applicableControls, int readyControls, Map<String, Double> categories) {
    }

    record History(UUID programId, List<HistoryPoint> items) {
    }

    private final ReadinessService readiness;
    private final MatrixExport export;

    ReadinessApi(ReadinessService readiness, MatrixExport export) {
        this.readiness = readiness;
        this.export = export;
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
        MatrixExport.File file = export.export(actor, id, kind.equals("csv") ? MatrixExport.Format.CSV
                : MatrixExport.Format.XLSX);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
                .contentType(file.mediaType()).body(file.content());
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
}
