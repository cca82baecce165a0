package dev.evident.monitoring.internal;

import static dev.evident.monitoring.internal.JavaChecks.at;
import static dev.evident.monitoring.internal.JavaChecks.date;
import static dev.evident.monitoring.internal.JavaChecks.daysBetween;
import static dev.evident.monitoring.internal.JavaChecks.is;
import static dev.evident.monitoring.internal.JavaChecks.isFalse;
import static dev.evident.monitoring.internal.JavaChecks.isTrue;
import static dev.evident.monitoring.internal.JavaChecks.number;
import static dev.evident.monitoring.internal.JavaChecks.text;

import dev.evident.monitoring.internal.JavaChecks.Check;
import dev.evident.monitoring.internal.JavaChecks.Join;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's 60 checks: the 26 built-in ones (monitoring/checks.yaml) and 34 synthetic checks of
 * the same shapes (attribute predicates, list predicates, joins on person and on keys), each paired
 * with a hand-written Java predicate that decides the same. The synthetic ones are in {@link SyntheticChecks}.
 */
final class BenchChecks {

    static final String ORG = "github.organization";
    static final String MEMBER = "github.member";
    static final String COLLABORATOR = "github.outside_collaborator";
    static final String REPO = "github.repository";
    static final String PR = "github.pull_request";
    static final String ALERT = "github.dependabot_alert";
    static final String PERSON = "hr.person";

    static final int TOTAL = 60;

    /** A check definition with its Java twin. */
    record Paired(CheckDefinition definition, Check java) {
    }

    private BenchChecks() {
    }

    /**
     * The built-in checks over the benchmark's types (GitHub and the HR roster: those with a Java twin
     * here) followed by as many synthetic ones as make 60. Built-in checks of other sources (cloud and
     * identity providers) are left out: the generated inventory has none of their resources.
     */
    static List<Paired> all() {
        List<Paired> out = new java.util.ArrayList<>();
        Map<String, CheckDefinition> library = new LinkedHashMap<>();
        BuiltInChecks.read(BuiltInChecks.RESOURCE).forEach(d -> library.put(d.key(), d));
        builtInJava().forEach((key, java) -> {
            CheckDefinition d = library.get(key);
            if (d != null) { // a twin may be written ahead of its check
                out.add(new Paired(d, java));
            }
        });
        List<Paired> synthetic = SyntheticChecks.all();
        out.addAll(synthetic.subList(0, Math.max(0, Math.min(synthetic.size(), TOTAL - out.size()))));
        return out;
    }

    /** Hand-written Java for the built-in checks of GitHub and the HR roster, by key. */
    static Map<String, Check> builtInJava() {
        Map<String, Check> m = new LinkedHashMap<>();
        m.put("github.org-2fa-required", Check.of(ORG, (r, j, now) -> isTrue(r, "twoFactorRequirementEnabled")));
        m.put("github.org-default-permission-limited", Check.of(ORG, (r, j, now) ->
                is(r, "defaultRepositoryPermission", "read") || is(r, "defaultRepositoryPermission", "none")));
        m.put("github.org-public-repos-restricted", Check.of(ORG, (r, j, now) -> isFalse(r, "membersCanCreatePublicRepositories")));
        m.put("github.org-owners-limited", Check.of(ORG, (r, j, now) -> {
            int owners = 0;
            for (Map<String, Object> member : j.get(0)) {
                if (is(member, "role", "admin")) {
                    owners++;
                }
            }
            return owners <= 3;
        }, Join.all(MEMBER)));
        m.put("github.member-2fa-enabled", Check.of(MEMBER, (r, j, now) -> isTrue(r, "twoFactorEnabled")));
        m.put("github.outside-collaborator-2fa-enabled", Check.of(COLLABORATOR, (r, j, now) -> isTrue(r, "twoFactorEnabled")));
        m.put("github.outside-collaborator-not-admin", Check.of(COLLABORATOR, (r, j, now) ->
                JavaChecks.has(r, "adminRepositories") && JavaChecks.list(r, "adminRepositories").isEmpty()));
        m.put("github.owner-approved", Check.of(MEMBER, (r, j, now) -> !is(r, "role", "admin")));
        m.put("github.member-known-person", Check.of(MEMBER, (r, j, now) -> !j.get(0).isEmpty(), Join.person(PERSON)));
        m.put("github.member-not-terminated", Check.of(MEMBER, (r, j, now) -> {
            for (Map<String, Object> p : j.get(0)) {
                if (is(p, "status", "terminated")) {
                    return false;
                }
            }
            return true;
        }, Join.person(PERSON)));
        m.put("github.outside-collaborator-known-person", Check.of(COLLABORATOR, (r, j, now) -> !j.get(0).isEmpty(),
                Join.person(PERSON)));
        m.put("github.repo-default-branch-protected", Check.of(REPO, (r, j, now) -> isTrue(r, "archived") || isTrue(r, "protected")));
        m.put("github.repo-approving-review-required", Check.of(REPO, (r, j, now) -> isTrue(r, "archived")
                || (at(r, "requiredApprovingReviews") != null && number(r, "requiredApprovingReviews") >= 1)));
        m.put("github.repo-stale-reviews-dismissed", Check.of(REPO, (r, j, now) -> isTrue(r, "archived")
                || isTrue(r, "dismissStaleReviews")));
        m.put("github.repo-code-owner-review", Check.of(REPO, (r, j, now) -> isTrue(r, "archived")
                || isTrue(r, "requireCodeOwnerReviews")));
        m.put("github.repo-admins-included", Check.of(REPO, (r, j, now) -> isTrue(r, "archived") || isTrue(r, "enforceAdmins")));
        m.put("github.repo-status-checks-required", Check.of(REPO, (r, j, now) -> isTrue(r, "archived")
                || (at(r, "requiredStatusChecks") instanceof List<?> l && !l.isEmpty())));
        m.put("github.repo-no-force-pushes", Check.of(REPO, (r, j, now) -> isTrue(r, "archived") || isFalse(r, "allowForcePushes")));
        m.put("github.repo-no-branch-deletion", Check.of(REPO, (r, j, now) -> isTrue(r, "archived") || isFalse(r, "allowDeletions")));
        m.put("github.pr-reviewed-by-another", Check.of(PR, (r, j, now) -> at(r, "mergedAt") == null
                || number(r, "approvals") >= 1));
        m.put("github.pr-no-unapproved-self-merge", Check.of(PR, (r, j, now) -> !isTrue(r, "selfMerged")
                || number(r, "approvals") >= 1));
        m.put("github.dependabot-critical-within-sla", Check.of(ALERT, (r, j, now) -> withinSla(r, "critical", 15, now)));
        m.put("github.dependabot-high-within-sla", Check.of(ALERT, (r, j, now) -> withinSla(r, "high", 30, now)));
        m.put("hr.terminated-removed-from-github", Check.of(PERSON, (r, j, now) -> at(r, "endDate") == null
                || daysBetween(date(text(r, "endDate")), now) <= 1 || j.get(0).size() + j.get(1).size() == 0,
                Join.person(MEMBER), Join.person(COLLABORATOR)));
        m.put("hr.active-person-has-manager", Check.of(PERSON, (r, j, now) -> !is(r, "status", "active")
                || (text(r, "manager") != null && !text(r, "manager").isEmpty())));
        m.put("hr.manager-is-known-person", Check.of(PERSON, (r, j, now) -> text(r, "manager") == null
                || text(r, "manager").isEmpty() || !j.get(0).isEmpty(), Join.byLowerCase(PERSON, "email", "manager")));
        m.put("hr.contractor-has-end-date", Check.of(PERSON, (r, j, now) -> !is(r, "employmentType", "contractor")
                || is(r, "status", "terminated") || at(r, "endDate") != null));
        return m;
    }

    /** An alert of the severity that is open passes when it is at most maxDays old. */
    static boolean withinSla(Map<String, Object> r, String severity, long maxDays, java.time.Instant now) {
        return !is(r, "state", "open") || !is(r, "severity", severity)
                || daysBetween(date(text(r, "createdAt")), now) <= maxDays;
    }
}
