package dev.evident.demo;

import dev.evident.integration.InventoryResource;
import dev.evident.monitoring.MonitoringHistory;
import dev.evident.monitoring.MonitoringHistory.OpenResult;
import dev.evident.monitoring.MonitoringHistory.PastResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brightwave's months of check results before the demo started, told as a story over the current
 * results: every resource passed from the start of the program's period (or from when it appeared: a
 * person's start date, a pull request's merge, an alert's creation, a repository created last week) until
 * today, except
 * <ul>
 *   <li>incidents that failed for some days and were fixed ({@link #INCIDENTS});</li>
 *   <li>today's failures, which began when the story says ({@link #FAILING_SINCE}) or when the resource appeared;</li>
 *   <li>a colleague who left in the summer and whose GitHub account was removed three days late, and a
 *       critical Dependabot alert fixed a week after its deadline: resources that no longer exist
 *       ({@link #gone}).</li>
 * </ul>
 * The syncs ran daily: GitHub at {@value #GITHUB_SYNC_HOUR}:00 UTC, the HR roster five minutes later, then
 * Okta, Google Workspace and AWS ({@link DemoSource#syncAt()}), so a change shows from the first sync after
 * it. Accounts and cloud resources appeared when they were created (their {@code createdAt}), or at the
 * start of the period. Pure: the caller reads the inventory and writes the result.
 */
final class DemoHistory {

    static final int GITHUB_SYNC_HOUR = 2;
    static final Duration GITHUB_SYNC = DemoSource.GITHUB.syncAt();
    static final Duration GITHUB_SYNC_TOOK = DemoSource.GITHUB.syncTook();
    static final Duration HR_SYNC = Duration.ofHours(GITHUB_SYNC_HOUR).plusMinutes(5);
    static final Duration HR_SYNC_TOOK = Duration.ofSeconds(2);

    /** A stretch of failure that was fixed: check, resource (external id or name), first day and the day it was fixed (days ago). */
    record Incident(String check, String resource, int fromDaysAgo, int fixedDaysAgo, String detail) {
    }

    static final List<Incident> INCIDENTS = List.of(
            new Incident("github.repo-approving-review-required", "brightwave/infra", 97, 93,
                    "requires 0 approvals, at least 1 expected"),
            new Incident("github.member-2fa-enabled", "htanaka", 61, 58, "2FA is off"),
            new Incident("hr.manager-is-known-person", "pablo@brightwave.example", 75, 70,
                    "manager olga@brightwave.exmaple is not in the roster"),
            new Incident("hr.contractor-has-end-date", "ines@brightwave.example", 140, 128,
                    "contractor without an end date"),
            new Incident("hr.terminated-removed-from-github", "marek@brightwave.example", 126, 124,
                    "left on %s and still has GitHub account(s): mkowalski"),
            // SSH opened to the world to debug a service, closed the next morning
            new Incident("aws.sg-no-admin-ports-open", "app-services (sg-0a1b2c3d4e5f60002)", 52, 51,
                    "group sg-0a1b2c3d4e5f60002 opens port(s) 22 to the internet"),
            // the new hire set up 2-Step Verification on his third day
            new Incident("google.user-2sv-enrolled", "kwame@brightwave.example", 12, 10,
                    "not enrolled in 2-Step Verification"));

    /** When today's failures began, days ago, where not when the resource appeared. */
    record FailingSince(String check, String resource, int daysAgo) {
    }

    static final List<FailingSince> FAILING_SINCE = List.of(
            // Ravi's last day was nine days ago: terminated the day after, overdue a day later
            new FailingSince("github.member-not-terminated", "rshah", 8),
            new FailingSince("hr.terminated-removed-from-github", "ravi@brightwave.example", 7),
            // The CI user's key was created 131 days ago: older than 90 days for the last 40
            new FailingSince("aws.iam-access-keys-rotated", "ci-deploy (345678901234)", 40),
            // Carlos's authenticators were reset with his new phone three days ago; he has not enrolled again
            new FailingSince("okta.user-mfa-enrolled", "carlos@brightwave.example", 3));

    /** Members whose account is older than the roster says, or who are in no roster: when they joined, days ago. */
    static final Map<String, Integer> JOINED = Map.of("jpike-consulting", 38);
    /** Repositories created during the period, days ago. */
    static final Map<String, Integer> CREATED = Map.of("brightwave/load-tests", 6);

    /** Marek Kowalski's last day (the roster's {@code {{date:-128}}}). */
    static final int MAREK_LEFT_DAYS_AGO = 128;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalDate start;
    private final LocalDate today;
    private final Instant seededAt;
    private final Map<String, InventoryResource> resources;
    private final Map<String, LocalDate> startDates = new HashMap<>();
    private final Map<String, Instant> appeared = new HashMap<>();

    /**
     * @param start     the first day of history (the program's period start)
     * @param seededAt  when the demo's own syncs ran: history ends there
     * @param resources the current inventory by resource key
     */
    DemoHistory(LocalDate start, Instant seededAt, Map<String, InventoryResource> resources) {
        this.start = start;
        this.today = LocalDate.ofInstant(seededAt, ZoneOffset.UTC);
        this.seededAt = seededAt;
        this.resources = resources;
        resources.values().stream().filter(r -> r.type().equals("hr.person")).forEach(r ->
                startDates.put(r.externalId().toLowerCase(java.util.Locale.ROOT), date(attribute(r, "startDate"))));
    }

    /** The first day of history. */
    LocalDate start() {
        return start;
    }

    /** The history of every current result, and of the resources that are gone. */
    List<PastResult> past(List<OpenResult> open, UUID githubConnection, UUID hrConnection) {
        List<PastResult> past = new ArrayList<>();
        for (OpenResult result : open) {
            past.addAll(history(result));
        }
        past.addAll(gone(githubConnection, hrConnection));
        return past;
    }

    private List<PastResult> history(OpenResult r) {
        Instant from = observed(r.checkKey(), appeared(r.resourceKey()));
        if (!from.isBefore(r.since())) {
            return List.of();
        }
        List<PastResult> out = new ArrayList<>();
        String subject = subject(r);
        Instant openFrom = from;
        if (r.outcome().equals("fail")) {
            Instant since = FAILING_SINCE.stream().filter(f -> f.check().equals(r.checkKey())
                            && (f.resource().equals(subject) || f.resource().equals(r.resourceName())))
                    .findFirst().map(f -> observed(r.checkKey(), daysAgo(f.daysAgo()))).orElse(from);
            if (since.isAfter(from) && since.isBefore(r.since())) {
                out.add(stretch(r, "pass", null, from, since));
                openFrom = since;
            }
        } else if (r.outcome().equals("pass")) {
            Instant cursor = from;
            for (Incident incident : INCIDENTS.stream().filter(i -> i.check().equals(r.checkKey())
                    && (i.resource().equals(subject) || i.resource().equals(r.resourceName()))).sorted(Comparator.comparingInt(Incident::fromDaysAgo).reversed()).toList()) {
                Instant failed = max(cursor, observed(r.checkKey(), daysAgo(incident.fromDaysAgo())));
                Instant fixed = observed(r.checkKey(), daysAgo(incident.fixedDaysAgo()));
                if (!failed.isBefore(fixed) || !fixed.isBefore(r.since())) {
                    continue;
                }
                if (cursor.isBefore(failed)) {
                    out.add(stretch(r, "pass", null, cursor, failed));
                }
                out.add(stretch(r, "fail", incident.detail().formatted(today.minusDays(MAREK_LEFT_DAYS_AGO)), failed, fixed));
                cursor = fixed;
            }
            openFrom = cursor;
        }
        out.add(new PastResult(r.checkKey(), r.resourceType(), r.resourceKey(), r.resourceName(), r.outcome(), r.detail(),
                openFrom, null));
        return out;
    }

    /** Marek's account (removed three days after he left) and an alert fixed after its deadline. */
    private List<PastResult> gone(UUID github, UUID hr) {
        List<PastResult> out = new ArrayList<>();
        LocalDate left = today.minusDays(MAREK_LEFT_DAYS_AGO);
        String marek = MonitoringHistory.resourceKey(github, "5177013");
        Instant removed = observed("github.", daysAgo(124));
        Instant overdue = observed("github.", daysAgo(127));
        Instant first = observed("github.", start.atStartOfDay().toInstant(ZoneOffset.UTC));
        for (String check : List.of("github.member-2fa-enabled", "github.owner-approved", "github.member-known-person")) {
            out.add(new PastResult(check, "github.member", marek, "mkowalski", "pass", null, first, removed));
        }
        out.add(new PastResult("github.member-not-terminated", "github.member", marek, "mkowalski", "pass", null, first,
                overdue));
        out.add(new PastResult("github.member-not-terminated", "github.member", marek, "mkowalski", "fail",
                "belongs to marek@brightwave.example, who left on " + left, overdue, removed));

        String alert = MonitoringHistory.resourceKey(github, "api#87");
        String name = "api#87 SQL injection via line comment generation in org.postgresql:postgresql";
        Instant created = observed("github.", daysAgo(138));
        Instant late = observed("github.", daysAgo(122));
        Instant fixed = observed("github.", daysAgo(116));
        out.add(new PastResult("github.dependabot-critical-within-sla", "github.dependabot_alert", alert, name, "pass", null,
                created, late));
        out.add(new PastResult("github.dependabot-critical-within-sla", "github.dependabot_alert", alert, name, "fail",
                "critical alert open for 16 days", late, fixed));
        out.add(new PastResult("github.dependabot-high-within-sla", "github.dependabot_alert", alert, name, "pass", null,
                created, fixed));
        return out.stream().filter(p -> p.from().isBefore(p.to())).toList();
    }

    /** What a past sync of the connection collected: today's resources of each type that had appeared by then. */
    Map<String, Integer> countsAt(UUID connectionId, Map<String, Integer> today, Instant at) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        today.keySet().forEach(type -> counts.put(type, 0));
        resources.forEach((key, r) -> {
            if (r.connectionId().equals(connectionId) && counts.containsKey(r.type()) && !appeared(key).isAfter(at)) {
                counts.merge(r.type(), 1, Integer::sum);
            }
        });
        return counts;
    }

    /** When a resource appeared: a person's start, a merge, an alert, a new repository; the period start otherwise. */
    Instant appeared(String resourceKey) {
        return appeared.computeIfAbsent(resourceKey, this::firstSeen);
    }

    private Instant firstSeen(String resourceKey) {
        InventoryResource r = resources.get(resourceKey);
        Instant periodStart = start.atStartOfDay().toInstant(ZoneOffset.UTC);
        if (r == null) {
            return periodStart;
        }
        Instant at = switch (r.type()) {
            case "hr.person" -> instant(date(attribute(r, "startDate")));
            case "github.pull_request" -> parse(attribute(r, "mergedAt"));
            case "github.dependabot_alert" -> parse(attribute(r, "createdAt"));
            case "github.repository" -> CREATED.containsKey(r.displayName()) ? daysAgo(CREATED.get(r.displayName())) : null;
            case "github.member", "github.outside_collaborator" -> JOINED.containsKey(r.displayName())
                    ? daysAgo(JOINED.get(r.displayName()))
                    : r.personEmail() == null ? null : instant(startDates.get(r.personEmail()));
            default -> r.type().startsWith("okta.") || r.type().startsWith("google.") || r.type().startsWith("aws.")
                    ? parse(attribute(r, "createdAt")) : null;
        };
        return at == null || at.isBefore(periodStart) ? periodStart : at;
    }

    /**
     * The first sync at or after {@code at} that evaluates the check: the roster's for hr.*, the source's
     * for okta.*, google.* and aws.*, GitHub's otherwise.
     */
    Instant observed(String checkKey, Instant at) {
        Duration offset = checkKey.startsWith("hr.") ? HR_SYNC.plus(HR_SYNC_TOOK) : GITHUB_SYNC.plus(GITHUB_SYNC_TOOK);
        for (DemoSource source : DemoSource.values()) {
            if (checkKey.startsWith(source.checkPrefix())) {
                offset = source.syncAt().plus(source.syncTook());
            }
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Instant sync = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(offset);
        Instant observed = sync.isBefore(at) ? sync.plus(Duration.ofDays(1)) : sync;
        return observed.isAfter(seededAt) ? seededAt : observed;
    }

    private Instant daysAgo(int days) {
        return today.minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static PastResult stretch(OpenResult r, String outcome, String detail, Instant from, Instant to) {
        return new PastResult(r.checkKey(), r.resourceType(), r.resourceKey(), r.resourceName(), outcome, detail, from, to);
    }

    private static String subject(OpenResult r) {
        int slash = r.resourceKey().indexOf('/');
        String externalId = slash < 0 ? r.resourceKey() : r.resourceKey().substring(slash + 1);
        return externalId.chars().allMatch(Character::isDigit) ? r.resourceName() : externalId;
    }

    private static String attribute(InventoryResource r, String name) {
        JsonNode value = JSON.readTree(r.attributesJson()).get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static LocalDate date(String value) {
        return value == null ? null : LocalDate.parse(value);
    }

    private static Instant instant(LocalDate day) {
        return day == null ? null : day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static Instant parse(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
