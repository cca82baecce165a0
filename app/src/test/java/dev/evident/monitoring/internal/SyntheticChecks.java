package dev.evident.monitoring.internal;

import static dev.evident.monitoring.internal.BenchChecks.ALERT;
import static dev.evident.monitoring.internal.BenchChecks.COLLABORATOR;
import static dev.evident.monitoring.internal.BenchChecks.MEMBER;
import static dev.evident.monitoring.internal.BenchChecks.PERSON;
import static dev.evident.monitoring.internal.BenchChecks.PR;
import static dev.evident.monitoring.internal.BenchChecks.REPO;
import static dev.evident.monitoring.internal.JavaChecks.at;
import static dev.evident.monitoring.internal.JavaChecks.date;
import static dev.evident.monitoring.internal.JavaChecks.daysBetween;
import static dev.evident.monitoring.internal.JavaChecks.is;
import static dev.evident.monitoring.internal.JavaChecks.isTrue;
import static dev.evident.monitoring.internal.JavaChecks.list;
import static dev.evident.monitoring.internal.JavaChecks.number;
import static dev.evident.monitoring.internal.JavaChecks.text;

import dev.evident.monitoring.internal.BenchChecks.Paired;
import dev.evident.monitoring.internal.CheckDefinition.Severity;
import dev.evident.monitoring.internal.JavaChecks.Check;
import dev.evident.monitoring.internal.JavaChecks.Join;
import dev.evident.monitoring.internal.JavaChecks.Predicate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * 34 checks of the built-in library's shapes over the benchmark's inventory, so that 60 checks run:
 * attribute predicates (with and without parameters and guards), list predicates (in, exists, all,
 * join) and joins on person, on keys and to the same type. Each has a hand-written Java twin.
 */
final class SyntheticChecks {

    private SyntheticChecks() {
    }

    static List<Paired> all() {
        List<Paired> c = new ArrayList<>();
        // Repositories: attribute and list predicates.
        c.add(check("repo-in-known-organization", REPO, """
                resource.attributes.fullName.split("/")[0] in params.organizations ? ""
                  : "belongs to " + resource.attributes.fullName.split("/")[0]""",
                Map.of("organizations", List.of("org-0", "org-1", "org-2", "org-3")),
                (r, j, n) -> List.of("org-0", "org-1", "org-2", "org-3").contains(text(r, "fullName").split("/")[0])));
        c.add(check("repo-not-public", REPO, "resource.attributes.visibility != \"public\" || resource.attributes.archived == true",
                Map.of(), (r, j, n) -> !is(r, "visibility", "public") || isTrue(r, "archived")));
        c.add(check("repo-default-branch-named", REPO, """
                resource.attributes.defaultBranch in params.branches ? ""
                  : "default branch " + resource.attributes.defaultBranch""", Map.of("branches", List.of("main")),
                (r, j, n) -> is(r, "defaultBranch", "main")));
        c.add(check("repo-public-two-approvals", REPO, """
                resource.attributes.visibility != "public" || resource.attributes.requiredApprovingReviews >= params.min""",
                Map.of("min", 2), (r, j, n) -> !is(r, "visibility", "public") || number(r, "requiredApprovingReviews") >= 2));
        c.add(check("repo-ci-required", REPO, """
                resource.attributes.archived == true || (resource.attributes.requiredStatusChecks != null
                  && resource.attributes.requiredStatusChecks.exists(s, s == "ci"))""", Map.of(),
                (r, j, n) -> isTrue(r, "archived") || (at(r, "requiredStatusChecks") != null
                        && list(r, "requiredStatusChecks").contains("ci"))));
        c.add(check("repo-public-security-scan", REPO, """
                resource.attributes.visibility != "public" || (resource.attributes.requiredStatusChecks != null
                  && resource.attributes.requiredStatusChecks.exists(s, s.startsWith("security/")))""", Map.of(),
                (r, j, n) -> !is(r, "visibility", "public") || (at(r, "requiredStatusChecks") != null
                        && list(r, "requiredStatusChecks").stream().anyMatch(s -> ((String) s).startsWith("security/")))));
        c.add(check("repo-status-checks-known", REPO, """
                resource.attributes.requiredStatusChecks == null
                  || resource.attributes.requiredStatusChecks.all(s, s in params.allowed) ? ""
                  : "unknown status checks among " + resource.attributes.requiredStatusChecks.join(", ")""",
                Map.of("allowed", List.of("ci", "lint")), (r, j, n) -> at(r, "requiredStatusChecks") == null
                        || List.of("ci", "lint").containsAll(list(r, "requiredStatusChecks"))));
        c.add(check("repo-protected-by-ruleset", REPO, """
                resource.attributes.archived == true || resource.attributes.protectionSource in ["ruleset", "both"]""",
                Map.of(), (r, j, n) -> isTrue(r, "archived") || is(r, "protectionSource", "ruleset") || is(r, "protectionSource", "both")));
        // Pull requests: attribute and list predicates, and joins on keys.
        c.add(check("pr-has-url", PR, """
                resource.attributes.url != null && resource.attributes.url.startsWith("https://") ? "" : "no link to the change\"""",
                Map.of(), (r, j, n) -> text(r, "url") != null && text(r, "url").startsWith("https://")));
        c.add(check("pr-reviews-recorded", PR, """
                resource.attributes.mergedAt == null || resource.attributes.reviews.size() > 0""", Map.of(),
                (r, j, n) -> at(r, "mergedAt") == null || !list(r, "reviews").isEmpty()));
        c.add(check("pr-no-open-change-request", PR, """
                resource.attributes.mergedAt == null || !resource.attributes.reviews.exists(v, v.state == "CHANGES_REQUESTED")""",
                Map.of(), (r, j, n) -> at(r, "mergedAt") == null || list(r, "reviews").stream()
                        .noneMatch(v -> "CHANGES_REQUESTED".equals(((Map<?, ?>) v).get("state")))));
        c.add(check("pr-release-two-approvals", PR, """
                resource.attributes.baseBranch != "release" || resource.attributes.mergedAt == null
                  || resource.attributes.approvals >= 2""", Map.of(),
                (r, j, n) -> !is(r, "baseBranch", "release") || at(r, "mergedAt") == null || number(r, "approvals") >= 2));
        c.add(check("pr-not-work-in-progress", PR, """
                resource.attributes.mergedAt == null || !resource.attributes.title.startsWith("WIP")""", Map.of(),
                (r, j, n) -> at(r, "mergedAt") == null || !text(r, "title").startsWith("WIP")));
        c.add(check("pr-repository-known", PR, "repos.size() > 0 ? \"\" : \"no repository \" + resource.attributes.repository",
                Map.of(), (r, j, n) -> !j.get(0).isEmpty(), repos("repository")));
        c.add(check("pr-repository-not-archived", PR, """
                resource.attributes.mergedAt == null || repos.all(r, r.attributes.archived != true)""", Map.of(),
                (r, j, n) -> at(r, "mergedAt") == null || j.get(0).stream().noneMatch(x -> isTrue(x, "archived")),
                repos("repository")));
        c.add(check("pr-author-is-member", PR, """
                members.size() > 0 ? "" : resource.attributes.author + " is not a member of the organization\"""", Map.of(),
                (r, j, n) -> !j.get(0).isEmpty(), authors()));
        c.add(check("pr-author-has-2fa", PR, "members.all(m, m.attributes.twoFactorEnabled == true)", Map.of(),
                (r, j, n) -> j.get(0).stream().allMatch(m -> isTrue(m, "twoFactorEnabled")), authors()));
        // Dependabot alerts.
        c.add(sla("medium", 60));
        c.add(sla("low", 90));
        c.add(check("dependabot-advisory-known", ALERT, """
                resource.attributes.ghsaId != null || resource.attributes.cveId != null""", Map.of(),
                (r, j, n) -> at(r, "ghsaId") != null || at(r, "cveId") != null));
        c.add(check("dependabot-ecosystem-supported", ALERT, """
                resource.attributes.ecosystem in params.ecosystems ? "" : "unsupported " + resource.attributes.ecosystem""",
                Map.of("ecosystems", List.of("maven", "npm", "pip")),
                (r, j, n) -> List.of("maven", "npm", "pip").contains(text(r, "ecosystem"))));
        c.add(check("dependabot-critical-not-public", ALERT, """
                resource.attributes.state != "open" || resource.attributes.severity != "critical"
                  || repos.all(r, r.attributes.visibility != "public")""", Map.of(),
                (r, j, n) -> !is(r, "state", "open") || !is(r, "severity", "critical")
                        || j.get(0).stream().noneMatch(x -> is(x, "visibility", "public")), repos("repository")));
        c.add(check("dependabot-repository-known", ALERT, "repos.size() > 0", Map.of(), (r, j, n) -> !j.get(0).isEmpty(),
                repos("repository")));
        // Members and collaborators, joined to the roster.
        c.add(check("member-person-active", MEMBER, "people.exists(p, p.attributes.status == \"active\")", Map.of(),
                (r, j, n) -> j.get(0).stream().anyMatch(p -> is(p, "status", "active")), people()));
        c.add(check("member-admin-2fa", MEMBER, "resource.attributes.role != \"admin\" || resource.attributes.twoFactorEnabled == true",
                Map.of(), (r, j, n) -> !is(r, "role", "admin") || isTrue(r, "twoFactorEnabled")));
        c.add(check("member-has-name", MEMBER, "resource.attributes.name != null && resource.attributes.name != \"\"", Map.of(),
                (r, j, n) -> text(r, "name") != null && !text(r, "name").isEmpty()));
        c.add(check("member-company-email", MEMBER, """
                resource.attributes.email == null || resource.attributes.email.endsWith("@example.com")""", Map.of(),
                (r, j, n) -> text(r, "email") == null || text(r, "email").endsWith("@example.com")));
        c.add(check("collaborator-is-contractor", COLLABORATOR, "people.all(p, p.attributes.employmentType == \"contractor\")",
                Map.of(), (r, j, n) -> j.get(0).stream().allMatch(p -> is(p, "employmentType", "contractor")), people()));
        c.add(check("collaborator-person-active", COLLABORATOR, """
                people.size() > 0 && people.all(p, p.attributes.status == "active")""", Map.of(),
                (r, j, n) -> !j.get(0).isEmpty() && j.get(0).stream().allMatch(p -> is(p, "status", "active")), people()));
        // People: joins to accounts and to managers.
        c.add(check("person-single-account", PERSON, """
                githubMembers.size() <= 1 ? "" : string(githubMembers.size()) + " GitHub accounts\"""", Map.of(),
                (r, j, n) -> j.get(0).size() <= 1, join("githubMembers", MEMBER, "person", null, null), Join.person(MEMBER)));
        c.add(check("person-accounts-have-2fa", PERSON, """
                resource.attributes.status != "active" || githubMembers.all(m, m.attributes.twoFactorEnabled == true)""",
                Map.of(), (r, j, n) -> !is(r, "status", "active") || j.get(0).stream().allMatch(m -> isTrue(m, "twoFactorEnabled")),
                join("githubMembers", MEMBER, "person", null, null), Join.person(MEMBER)));
        c.add(check("person-manager-active", PERSON, "managers.all(m, m.attributes.status == \"active\")", Map.of(),
                (r, j, n) -> j.get(0).stream().allMatch(m -> is(m, "status", "active")),
                join("managers", PERSON, null, "resource.attributes.email.lowerAscii()", "resource.attributes.manager.lowerAscii()"),
                Join.byLowerCase(PERSON, "email", "manager")));
        c.add(check("person-department-known", PERSON, "resource.attributes.department in params.departments",
                Map.of("departments", List.of("engineering", "sales", "support")),
                (r, j, n) -> List.of("engineering", "sales", "support").contains(text(r, "department"))));
        c.add(check("person-contract-within-a-year", PERSON, """
                resource.attributes.employmentType != "contractor" || resource.attributes.endDate == null
                  || daysBetween(now, date(resource.attributes.endDate)) <= params.maxDays""", Map.of("maxDays", 365),
                (r, j, n) -> !is(r, "employmentType", "contractor") || at(r, "endDate") == null
                        || daysBetween(n, date(text(r, "endDate"))) <= 365));
        return c;
    }

    private static Paired sla(String severity, int maxDays) {
        return check("dependabot-" + severity + "-within-sla", ALERT, """
                resource.attributes.state != "open" || resource.attributes.severity != "%s"
                  || daysBetween(date(resource.attributes.createdAt), now) <= params.maxDays ? ""
                  : "%s alert open for " + string(daysBetween(date(resource.attributes.createdAt), now)) + " days\""""
                        .formatted(severity, severity), Map.of("maxDays", maxDays),
                (r, j, n) -> BenchChecks.withinSla(r, severity, maxDays, n));
    }

    /** A join and its Java twin. */
    private record Joined(CheckJoin cel, Join java) {
    }

    private static Joined repos(String attribute) {
        return new Joined(new CheckJoin("repos", REPO, null, "resource.attributes.name", "resource.attributes." + attribute),
                Join.by(REPO, "name", attribute));
    }

    private static Joined authors() {
        return new Joined(new CheckJoin("members", MEMBER, null, "resource.attributes.login", "resource.attributes.author"),
                Join.by(MEMBER, "login", "author"));
    }

    private static Joined people() {
        return new Joined(new CheckJoin("people", PERSON, "person", null, null), Join.person(PERSON));
    }

    private static Joined join(String as, String type, String on, String key, String resourceKey) {
        return new Joined(new CheckJoin(as, type, on, key, resourceKey), null);
    }

    private static Paired check(String name, String type, String expression, Map<String, Object> params, Predicate java) {
        return check(name, type, expression, params, java, new Joined[0]);
    }

    private static Paired check(String name, String type, String expression, Map<String, Object> params, Predicate java,
                                Joined joined) {
        return check(name, type, expression, params, java, new Joined[] {joined});
    }

    private static Paired check(String name, String type, String expression, Map<String, Object> params, Predicate java,
                                Joined cel, Join javaJoin) {
        return check(name, type, expression, params, java, new Joined[] {new Joined(cel.cel(), javaJoin)});
    }

    private static Paired check(String name, String type, String expression, Map<String, Object> params, Predicate java,
                                Joined[] joins) {
        List<CheckJoin> cel = Arrays.stream(joins).map(Joined::cel).toList();
        Join[] javaJoins = Arrays.stream(joins).map(Joined::java).toArray(Join[]::new);
        CheckDefinition d = new CheckDefinition("synthetic." + name, "Synthetic: " + name, "A benchmark check of a built-in shape.",
                type, expression.strip(), Severity.MEDIUM, List.of("AC-02"), "None: generated for the benchmark.", params, cel);
        return new Paired(d, Check.of(type, java, javaJoins));
    }
}
