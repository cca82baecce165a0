package dev.evident.monitoring.internal;

import static dev.evident.monitoring.internal.CheckApi.counts;
import static dev.evident.monitoring.internal.CheckApi.date;
import static dev.evident.monitoring.internal.CheckApi.instant;
import static dev.evident.monitoring.internal.CheckApi.outcome;

import dev.evident.monitoring.internal.CheckExceptions.CheckException;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.monitoring.internal.ResultIntervals.Interval;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A check's results over time (state at an instant, history, failing time), its current results by
 * account and region, and its exceptions.
 */
@RestController
@RequestMapping("/api/v1/checks")
@Tag(name = "Checks", description = "CEL checks over the inventory: built-in and custom, versions, dry run, results "
        + "as history, exceptions")
class CheckHistoryApi {

    record IntervalView(String resourceType, String resourceKey, String resourceName, String outcome, String detail,
                        int checkVersion, Instant from, Instant to) {
    }

    record StateView(UUID checkId, String key, Instant at, Map<String, Integer> counts, List<IntervalView> results) {
    }

    record LocationView(String accountId, String accountName, String region, Map<String, Integer> counts) {
    }

    record BreakdownView(UUID checkId, String key, Instant at, List<LocationView> locations, int unlocated) {
    }

    record ExceptionInput(String resourceKey, String reason, Instant expiresAt) {
    }

    record ExceptionView(UUID id, UUID checkId, String resourceKey, String reason, UUID approvedBy, String approvedByLabel,
                         Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedByLabel, boolean valid) {
    }

    private final CheckService checks;
    private final CheckResults results;
    private final ExceptionService exceptions;
    private final ResourceLocations locations;
    private final Clock clock;

    CheckHistoryApi(CheckService checks, CheckResults results, ExceptionService exceptions, ResourceLocations locations,
                    Clock clock) {
        this.checks = checks;
        this.results = results;
        this.exceptions = exceptions;
        this.locations = locations;
        this.clock = clock;
    }

    @GetMapping("/{check}/results")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "Results of a check", description = "The outcome of every resource at an instant (at, "
            + "ISO-8601; default now); outcome filters (pass, fail, error, excepted); account and region (global for "
            + "global services) keep the resources the current inventory places there. The counts are of all results")
    StateView state(Actor actor, @PathVariable String check, @RequestParam(required = false) String at,
                    @RequestParam(required = false) String outcome, @RequestParam(required = false) String account,
                    @RequestParam(required = false) String region) {
        CheckState c = checks.get(actor.orgId(), check);
        Instant when = at == null ? Timestamps.now(clock) : instant("at", at);
        Outcome filter = outcome == null ? null : outcome("outcome", outcome);
        LocationBreakdown.Filter where = LocationBreakdown.Filter.of(account, region);
        List<Interval> state = results.stateAt(actor.orgId(), c.row().id(), when);
        Map<String, LocationBreakdown.Location> placed = where.active()
                ? locations.scan(actor.orgId(), c.definition().resourceType(), state, Set.of()).locations() : Map.of();
        Map<String, Integer> counts = counts(state.stream().map(Interval::outcome).toList());
        List<IntervalView> shown = state.stream().filter(i -> filter == null || i.outcome() == filter)
                .filter(i -> where.matches(placed.get(i.resourceKey())))
                .map(CheckHistoryApi::interval).toList();
        return new StateView(c.row().id(), c.row().key(), when, counts, shown);
    }

    @GetMapping("/{check}/breakdown")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "Current results by account and region", description = "For checks over resources whose "
            + "attributes name an accountId (every aws.* type): the number of resources per current outcome in each "
            + "account and region, with the account's name where the connector collects one; global services count "
            + "under region global. results?account=&region=&outcome=fail lists one row's failing resources. Empty "
            + "locations for other checks; unlocated counts the results without an account")
    BreakdownView breakdown(Actor actor, @PathVariable String check) {
        CheckState c = checks.get(actor.orgId(), check);
        Instant now = Timestamps.now(clock);
        List<Interval> state = results.stateAt(actor.orgId(), c.row().id(), now);
        ResourceLocations.Breakdown b = ResourceLocations.breakdown(state,
                locations.scan(actor.orgId(), c.definition().resourceType(), state, Set.of()));
        List<LocationView> rows = b.rows().stream().map(r -> new LocationView(r.accountId(), r.accountName(),
                r.region(), r.counts())).toList();
        return new BreakdownView(c.row().id(), c.row().key(), now, rows, b.unlocated());
    }

    @GetMapping("/{check}/history")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "History of a check", description = "Result intervals overlapping [from, to) (ISO-8601 "
            + "instants; default the last 30 days), optionally of one resource (resourceKey)")
    List<IntervalView> history(Actor actor, @PathVariable String check, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String resourceKey) {
        CheckState c = checks.get(actor.orgId(), check);
        Instant end = to == null ? Timestamps.now(clock).plusSeconds(1) : instant("to", to);
        Instant start = from == null ? end.minus(java.time.Duration.ofDays(30)) : instant("from", from);
        return results.history(actor.orgId(), c.row().id(), resourceKey, start, end).stream().map(CheckHistoryApi::interval).toList();
    }

    @GetMapping("/{check}/failing-duration")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "How long a resource failed", description = "resourceKey; from and to (ISO-8601 instants; "
            + "default the last 365 days up to now). Also when its current failure began (failingSince)")
    CheckResults.FailingDuration failingDuration(Actor actor, @PathVariable String check,
                                                 @RequestParam(required = false) String resourceKey,
                                                 @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to) {
        CheckState c = checks.get(actor.orgId(), check);
        if (resourceKey == null || resourceKey.isBlank()) {
            throw new InvalidInputException("resourceKey", "is required: the resource key from the check's results");
        }
        Instant end = to == null ? Timestamps.now(clock) : instant("to", to);
        Instant start = from == null ? end.minus(java.time.Duration.ofDays(365)) : instant("from", from);
        return results.failingDuration(actor.orgId(), c.row().id(), resourceKey, start, end);
    }

    @GetMapping("/{check}/failing-days")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "Days a check failed", description = "The days (UTC) between from and to (dates, both "
            + "included; default the last 30 days up to today) on which at least one resource failed")
    CheckResults.FailingDays failingDays(Actor actor, @PathVariable String check,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to) {
        CheckState c = checks.get(actor.orgId(), check);
        LocalDate end = to == null ? LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null ? end.minusDays(29) : date("from", from);
        if (end.isBefore(start)) {
            throw new InvalidInputException("to", "is before from");
        }
        if (start.plusDays(3660).isBefore(end)) {
            throw new InvalidInputException("to", "is more than ten years after from");
        }
        return results.failingDays(actor.orgId(), c.row().id(), start, end);
    }

    @GetMapping("/{check}/exceptions")
    @RequiresPermission(Permission.CHECKS_READ)
    @Operation(summary = "Exceptions of a check", description = "Newest first, including expired and revoked ones")
    List<ExceptionView> exceptionList(Actor actor, @PathVariable String check) {
        Instant now = Timestamps.now(clock);
        return exceptions.list(actor.orgId(), check).stream().map(e -> exception(e, now)).toList();
    }

    @PostMapping("/{check}/exceptions")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    @Operation(summary = "Accept a failing resource", description = "resourceKey (from the results), reason, "
            + "expiresAt (ISO-8601, at most 366 days ahead). The caller is recorded as approver; the result is "
            + "'excepted' until the exception expires or is revoked, then it fails again")
    ResponseEntity<ExceptionView> grant(Actor actor, @PathVariable String check, @RequestBody ExceptionInput input) {
        if (input == null) {
            throw new InvalidInputException("body", "is required: resourceKey, reason and expiresAt");
        }
        CheckException e = exceptions.grant(actor, check, input.resourceKey(), input.reason(), input.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/checks/" + e.checkId() + "/exceptions/" + e.id()))
                .body(exception(e, Timestamps.now(clock)));
    }

    @DeleteMapping("/{check}/exceptions/{exceptionId}")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    @Operation(summary = "Revoke an exception", description = "The resource fails again at once if it still fails")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String check, @PathVariable String exceptionId) {
        exceptions.revoke(actor, check, dev.evident.shared.Ids.parseOrNotFound(exceptionId, "Exception"));
        return ResponseEntity.noContent().build();
    }

    private static IntervalView interval(Interval i) {
        return new IntervalView(i.resourceType(), i.resourceKey(), i.resourceName(), i.outcome().id(), i.detail(),
                i.checkVersion(), i.from(), i.to());
    }

    private static ExceptionView exception(CheckException e, Instant now) {
        return new ExceptionView(e.id(), e.checkId(), e.resourceKey(), e.reason(), e.approvedBy(), e.approvedByLabel(),
                e.createdAt(), e.expiresAt(), e.revokedAt(), e.revokedByLabel(), e.validAt(now));
    }
}
