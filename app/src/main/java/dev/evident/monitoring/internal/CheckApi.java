package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.CheckService.CheckInput;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.monitoring.internal.Checks.CheckVersion;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/checks")
@Tag(name = "Checks", description = "CEL checks over the inventory: built-in and custom, versions, dry run, results "
        + "as history, exceptions")
class CheckApi {

    record CheckView(UUID id, String key, String title, String description, String resourceType, String expression,
                     String severity, List<String> controls, List<UUID> controlIds, List<String> criteria,
                     String remediation, Map<String, Object> parameters, List<CheckJoin> joins, int version,
                     boolean enabled, boolean builtIn, Instant createdAt, Instant updatedAt, Map<String, Integer> status) {
    }

    record VersionView(int version, String title, String description, String resourceType, String expression,
                       String severity, List<String> controls, String remediation, Map<String, Object> parameters,
                       List<CheckJoin> joins, String origin, Instant createdAt, String createdBy) {
    }

    /** What GET returns can be sent back: its read-only fields are accepted and ignored. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"id", "controlIds", "criteria", "version", "enabled",
            "builtIn", "createdAt", "updatedAt", "status"})
    record UpdateInput(Integer expectedVersion, String key, String title, String description, String resourceType,
                       String expression, String severity, List<String> controls, String remediation,
                       Map<String, Object> parameters, List<CheckJoin> joins) {

        CheckInput input() {
            return new CheckInput(key, title, description, resourceType, expression, severity, controls, remediation,
                    parameters, joins);
        }
    }

    record DryRunInput(String resourceType, String expression, Map<String, Object> parameters, List<CheckJoin> joins) {
    }

    record ResultView(String resourceType, String resourceKey, String resourceName, String outcome, String detail) {
    }

    record DryRunView(String resourceType, int evaluated, Map<String, Integer> counts, List<ResultView> results,
                      boolean truncated) {
    }

    record EvaluationView(UUID checkId, int version, int evaluated, int changes, Map<String, Integer> counts) {
    }

    private final CheckService checks;
    private final CheckEvaluation evaluation;
    private final CheckDryRun dryRun;
    private final ResultIntervals intervals;
    private final ControlKeys controlKeys;
    private final dev.evident.control.ControlDirectory controls;

    CheckApi(CheckService checks, CheckEvaluation evaluation,
             CheckDryRun dryRun, ResultIntervals intervals, ControlKeys controlKeys,
             dev.evident.control.ControlDirectory controls) {
        this.checks = checks;
        this.evaluation = evaluation;
        this.dryRun = dryRun;
        this.intervals = intervals;
        this.controlKeys = controlKeys;
        this.controls = controls;
    }

    @GetMapping
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "List checks", description = "Every check with its current version and the number of "
            + "resources per current outcome. Filters: resourceType, severity, control (a control key), enabled")
    List<CheckView> list(Actor actor, @RequestParam(required = false) String resourceType,
                         @RequestParam(required = false) String severity, @RequestParam(required = false) String control,
                         @RequestParam(required = false) Boolean enabled) {
        Map<UUID, Map<Outcome, Integer>> counts = intervals.openCounts(actor.orgId());
        List<dev.evident.control.Control> orgControls = controls.controls(actor.orgId());
        List<CheckView> out = new ArrayList<>();
        for (CheckState c : checks.list(actor.orgId())) {
            CheckDefinition d = c.definition();
            if ((resourceType != null && !resourceType.equals(d.resourceType()))
                    || (severity != null && !severity.equalsIgnoreCase(d.severity().id()))
                    || (control != null && !d.controls().contains(control))
                    || (enabled != null && enabled != c.row().enabled())) {
                continue;
            }
            out.add(view(orgControls, c, counts.getOrDefault(c.row().id(), Map.of())));
        }
        return out;
    }

    @GetMapping("/{check}")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "Get a check", description = "By id or key, with its current version")
    CheckView get(Actor actor, @PathVariable String check) {
        CheckState c = checks.get(actor.orgId(), check);
        return view(actor.orgId(), c, intervals.openCounts(actor.orgId()).getOrDefault(c.row().id(), Map.of()));
    }

    @PostMapping
    @RequiresPermission(Permission.CHECKS_MANAGE)
    @Operation(summary = "Create a custom check", description = "key, title, description, resourceType, expression "
            + "(CEL), severity (low, medium, high, critical), controls (control keys such as AC-02), remediation, "
            + "parameters (an object the expression reads as params), joins ([{as, type, on: person|all} or "
            + "{as, type, key, resourceKey}]). Compiled on save: errors name the field, line and column")
    ResponseEntity<CheckView> create(Actor actor, @RequestBody CheckInput input) {
        CheckState c = checks.create(actor, input);
        return ResponseEntity.created(URI.create("/api/v1/checks/" + c.row().id())).body(view(actor.orgId(), c, Map.of()));
    }

    @PutMapping("/{check}")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    @Operation(summary = "Change a check", description = "The whole definition; saves a new version (earlier versions "
            + "and their results stay). The key cannot change. Send expectedVersion to refuse a change based on a "
            + "version that is no longer current")
    CheckView update(Actor actor, @PathVariable String check, @RequestBody UpdateInput input) {
        if (input == null) {
            throw new InvalidInputException("body", "is required: the check definition");
        }
        CheckState c = checks.update(actor, check, input.input(), input.expectedVersion());
        return view(actor.orgId(), c, intervals.openCounts(actor.orgId()).getOrDefault(c.row().id(), Map.of()));
    }

    @PostMapping("/{check}/disable")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    @Operation(summary = "Disable a check", description = "It is no longer evaluated; its history stays")
    CheckView disable(Actor actor, @PathVariable String check) {
        return view(actor.orgId(), checks.setEnabled(actor, check, false), Map.of());
    }

    @PostMapping("/{check}/enable")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    @Operation(summary = "Enable a check again")
    CheckView enable(Actor actor, @PathVariable String check) {
        return view(actor.orgId(), checks.setEnabled(actor, check, true), Map.of());
    }

    @GetMapping("/{check}/versions")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "Versions of a check", description = "Oldest first; never changed once saved")
    List<VersionView> versions(Actor actor, @PathVariable String check) {
        return checks.versions(actor.orgId(), check).stream().map(CheckApi::version).toList();
    }

    @PostMapping("/dry-run")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "Try an expression", description = "Compiles resourceType + expression (+ parameters, joins) "
            + "and evaluates it against the current inventory without saving anything: pass, fail or error per resource")
    DryRunView dryRun(Actor actor, @RequestBody DryRunInput input) {
        return dryRun.run(actor.orgId(), input);
    }

    @PostMapping("/{check}/evaluate")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    @Operation(summary = "Evaluate a check now", description = "Against the current inventory, outside a sync; "
            + "records changed outcomes like a sync does (no evidence record: that comes with syncs)")
    EvaluationView evaluate(Actor actor, @PathVariable String check) {
        CheckState c = checks.get(actor.orgId(), check);
        if (!c.row().enabled()) {
            throw new dev.evident.shared.problem.ConflictException("Check " + c.row().key() + " is disabled");
        }
        List<CheckEvaluation.Evaluated> done = evaluation.evaluate(actor.orgId(), List.of(c), null);
        if (done.isEmpty()) {
            throw new IllegalStateException("Check " + c.row().key() + " could not be evaluated; see the server log");
        }
        CheckEvaluation.Evaluated e = done.get(0);
        return new EvaluationView(c.row().id(), c.row().currentVersion(), e.results().size(), e.changes(),
                counts(e.results().stream().map(ResourceResult::outcome).toList()));
    }

    private CheckView view(UUID orgId, CheckState c, Map<Outcome, Integer> counts) {
        return view(controls.controls(orgId), c, counts);
    }

    private CheckView view(List<dev.evident.control.Control> orgControls, CheckState c, Map<Outcome, Integer> counts) {
        CheckDefinition d = c.definition();
        Map<String, Integer> status = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            status.put(o.id(), counts.getOrDefault(o, 0));
        }
        return new CheckView(c.row().id(), c.row().key(), d.title(), d.description(), d.resourceType(), d.expression(),
                d.severity().id(), d.controls(), controlKeys.resolve(orgControls, d.controls()), controlKeys.criteria(d.controls()),
                d.remediation(), d.parameters(), d.joins(), c.row().currentVersion(), c.row().enabled(), c.row().builtIn(),
                c.row().createdAt(), c.row().updatedAt(), status);
    }

    private static VersionView version(CheckVersion v) {
        CheckDefinition d = v.definition();
        return new VersionView(v.version(), d.title(), d.description(), d.resourceType(), d.expression(), d.severity().id(),
                d.controls(), d.remediation(), d.parameters(), d.joins(), v.origin(), v.createdAt(), v.createdBy());
    }

    static Map<String, Integer> counts(List<Outcome> outcomes) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach(o -> counts.merge(o, 1, Integer::sum));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            out.put(o.id(), counts.getOrDefault(o, 0));
        }
        return out;
    }

    static Instant instant(String field, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2026-03-31T12:00:00Z, was '"
                    + value + "'");
        }
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date such as 2026-03-31, was '" + value + "'");
        }
    }

    static Outcome outcome(String field, String value) {
        try {
            return Outcome.of(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be pass, fail, error or excepted");
        }
    }
}
