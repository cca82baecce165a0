package dev.evident.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.evident.shared.security.Role;
import dev.evident.testing.H2Test;
import dev.evident.testing.TestClockConfiguration;
import dev.evident.testing.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Demo mode seeds "Brightwave Analytics" so a newcomer can look around as each of the five roles. */
@H2Test
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"evident.demo=true", "evident.sign-in.attempts-per-minute=10000", "logging.level.dev.evident.demo=INFO"})
@Import(TestClockConfiguration.class)
class DemoModeIT {

    /** The password printed in the demo banner and the README; changing it breaks every walkthrough. */
    private static final String DOCUMENTED_PASSWORD = "brightwave demo 2026";

    private static final String ADMIN = "maya@brightwave.example";
    private static final String COMPLIANCE_MANAGER = "jonas@brightwave.example";
    private static final String CONTRIBUTOR = "priya@brightwave.example";
    private static final String EMPLOYEE = "sam@brightwave.example";
    private static final String AUDITOR = "elena@ruizhart-cpa.example";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private WebSession signedIn(String email) {
        WebSession session = new WebSession("http://localhost:" + port);
        WebSession.Page page = session.signIn(email, DOCUMENTED_PASSWORD);
        assertThat(page.redirectsTo("/")).as("%s signs in: %s", email, page).isTrue();
        return session;
    }

    private List<Map<String, Object>> demoMembers() {
        return jdbc.sql("""
                SELECT u.email, u.display_name, m.role FROM membership m
                JOIN app_user u ON u.id = m.user_id JOIN organization o ON o.id = m.org_id
                WHERE o.slug = 'brightwave-analytics' ORDER BY u.email""").query().listOfRows();
    }

    private Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String table : List.of("organization", "app_user", "membership", "invitation", "api_token", "audit_log_entry",
                "program", "control", "control_mapping", "readiness_snapshot", "evidence_item", "evidence_link",
                "notification", "integration_connection", "integration_sync", "integration_resource",
                "integration_document", "monitoring_check_version", "monitoring_result_interval",
                "monitoring_check_exception")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single());
        }
        return counts;
    }

    @Test
    void demoCompanyHasTheDocumentedAccountForEachRoleAndThreeMoreControlOwners() {
        assertThat(demoMembers()).extracting(row -> row.get("email"), row -> Role.valueOf((String) row.get("role")))
                .containsExactlyInAnyOrder(
                        tuple(ADMIN, Role.ADMIN),
                        tuple(COMPLIANCE_MANAGER, Role.COMPLIANCE_MANAGER),
                        tuple(CONTRIBUTOR, Role.CONTRIBUTOR),
                        tuple(EMPLOYEE, Role.EMPLOYEE),
                        tuple(AUDITOR, Role.AUDITOR),
                        tuple("tom@brightwave.example", Role.CONTRIBUTOR),
                        tuple("lena@brightwave.example", Role.CONTRIBUTOR),
                        tuple("diego@brightwave.example", Role.CONTRIBUTOR));
        assertThat(jdbc.sql("SELECT name FROM organization WHERE slug = 'brightwave-analytics'").query(String.class).single())
                .isEqualTo("Brightwave Analytics");
    }

    @Test
    void everyDemoAccountSignsInWithTheDocumentedPassword() {
        for (String email : List.of(ADMIN, COMPLIANCE_MANAGER, CONTRIBUTOR, EMPLOYEE, AUDITOR)) {
            WebSession.Page dashboard = signedIn(email).get("/");
            assertThat(dashboard.status()).as(email).isEqualTo(200);
            assertThat(dashboard.body()).as(email).contains("Brightwave Analytics");
        }
    }

    @Test
    void demoCompanyIsMidwayThroughReadinessForItsTypeTwoProgram() {
        Map<String, Object> program = jdbc.sql("""
                SELECT p.id, p.name, p.report_type FROM program p JOIN organization o ON o.id = p.org_id
                WHERE o.slug = 'brightwave-analytics'""").query().singleRow();
        assertThat(program.get("report_type")).isEqualTo("TYPE_2");
        assertThat((String) program.get("name")).startsWith("SOC 2 Type II ");
        assertThat(jdbc.sql("SELECT category_id FROM program_category WHERE program_id = :p AND included = TRUE ORDER BY category_id")
                .param("p", program.get("id")).query(String.class).list())
                .containsExactly("availability", "confidentiality", "security");

        Map<String, Object> counts = jdbc.sql("""
                SELECT COUNT(*) AS total,
                       SUM(CASE WHEN status IN ('IMPLEMENTED', 'EVIDENCED') THEN 1 ELSE 0 END) AS implemented,
                       SUM(CASE WHEN owner_user_id IS NULL THEN 1 ELSE 0 END) AS ownerless,
                       SUM(CASE WHEN applicable THEN 0 ELSE 1 END) AS not_applicable
                FROM control c JOIN organization o ON o.id = c.org_id WHERE o.slug = 'brightwave-analytics'""")
                .query().singleRow();
        int total = ((Number) counts.get("total")).intValue();
        int implemented = ((Number) counts.get("implemented")).intValue();
        assertThat(total).isGreaterThan(80);
        assertThat(implemented).as("mid-journey").isBetween(total / 4, total * 3 / 4);
        assertThat(((Number) counts.get("ownerless")).intValue()).as("vendor management not started").isPositive();
        assertThat(((Number) counts.get("not_applicable")).intValue()).isEqualTo(1);

        List<Integer> history = jdbc.sql("SELECT score_bp FROM readiness_snapshot WHERE program_id = :p ORDER BY hour_start")
                .param("p", program.get("id")).query(Integer.class).list();
        assertThat(history).as("weekly progress up to today").hasSizeGreaterThanOrEqualTo(5).isSorted();
        assertThat(history.get(0)).isZero();
        assertThat(history.get(history.size() - 1)).isBetween(2000, 8000);
    }

    @Autowired
    dev.evident.evidence.EvidenceCoverage coverage;

    @Test
    void demoProgramHasMonthsOfEvidenceWithRealisticGaps() {
        Map<String, Object> program = jdbc.sql("""
                SELECT p.id, p.org_id, p.period_start FROM program p JOIN organization o ON o.id = p.org_id
                WHERE o.slug = 'brightwave-analytics'""").query().singleRow();
        java.util.UUID orgId = (java.util.UUID) program.get("org_id");
        java.util.UUID programId = (java.util.UUID) program.get("id");
        java.time.LocalDate start = java.time.LocalDate.parse(program.get("period_start").toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = :org").param("org", orgId)
                .query(Integer.class).single()).isGreaterThan(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM control WHERE org_id = :org AND status = 'EVIDENCED'").param("org", orgId)
                .query(Integer.class).single()).as("controls whose evidence covers the period so far").isGreaterThan(10);

        Map<String, dev.evident.evidence.Coverage> byRef = new java.util.HashMap<>();
        coverage.programCoverage(orgId, programId).forEach(c -> byRef.put(c.ref(), c));
        dev.evident.evidence.Coverage review = byRef.get(DemoEvidence.MISSED_QUARTER);
        assertThat(review.missing()).as("the first quarter's management review is missing")
                .containsExactly(new dev.evident.evidence.Coverage.Range(start, start.plusMonths(3).minusDays(1)));
        assertThat(review.stale()).as("the second quarter's was held").isFalse();

        dev.evident.evidence.Coverage scans = byRef.get(DemoEvidence.SCAN_GAP);
        assertThat(scans.missing()).as("two weeks without a scan").containsExactly(new dev.evident.evidence.Coverage.Range(
                start.plusWeeks(9), start.plusWeeks(11).minusDays(1)));

        dev.evident.evidence.Coverage monthly = byRef.get(DemoEvidence.MISSED_MONTH);
        assertThat(monthly.stale()).as("last month's report is missing").isTrue();
        assertThat(jdbc.sql("SELECT status FROM control WHERE org_id = :org AND ref = :ref").param("org", orgId)
                .param("ref", DemoEvidence.MISSED_MONTH).query(String.class).single()).isEqualTo("IMPLEMENTED");
    }

    @Autowired
    java.time.Clock clock;

    private java.util.UUID demoOrg() {
        return jdbc.sql("SELECT id FROM organization WHERE slug = 'brightwave-analytics'").query(java.util.UUID.class).single();
    }

    @Test
    void demoConnectionsReplayTheRecordingLocallyAndAreHealthy() {
        java.util.UUID orgId = demoOrg();
        List<Map<String, Object>> connections = jdbc.sql("""
                SELECT connector, display_name, settings, consecutive_failures, last_success_at FROM integration_connection
                WHERE org_id = :org ORDER BY connector""").param("org", orgId).query().listOfRows();
        assertThat(connections).extracting(c -> c.get("connector"))
                .containsExactly("aws", "github", "google-workspace", "hr-roster", "okta");
        assertThat(connections).allSatisfy(c -> {
            assertThat(((Number) c.get("consecutive_failures")).intValue()).as("%s", c.get("connector")).isZero();
            assertThat(c.get("last_success_at")).isNotNull();
        });
        Map<String, String> settings = new java.util.HashMap<>();
        connections.forEach(c -> settings.put((String) c.get("connector"), (String) c.get("settings")));
        assertThat(settings.get("github")).as("GitHub is the loopback replay, not the internet")
                .contains("\"apiBaseUrl\":\"http://127.0.0.1:").doesNotContain("api.github.com");
        assertThat(settings.get("okta")).as("Okta's allowance for a local test server, on the loopback replay")
                .contains("\"orgUrl\":\"http://127.0.0.1:").contains("\"allowHttpLocalhost\":\"true\"");
        assertThat(settings.get("google-workspace")).contains("\"tokenUrl\":\"http://127.0.0.1:")
                .as("the generated service-account key is sealed like any secret").doesNotContain("PRIVATE KEY");
        assertThat(settings.get("aws")).contains("\"endpointUrl\":\"http://127.0.0.1:")
                .contains("\"organizationMode\":\"true\"");

        Map<String, Integer> inventory = new java.util.TreeMap<>();
        jdbc.sql("SELECT resource_type, COUNT(*) AS n FROM integration_resource WHERE org_id = :org GROUP BY resource_type")
                .param("org", orgId).query((rs, i) -> inventory.put(rs.getString("resource_type"), rs.getInt("n"))).list();
        assertThat(inventory).containsEntry("github.organization", 1).containsEntry("github.member", 24)
                .containsEntry("github.outside_collaborator", 2).containsEntry("github.repository", 12)
                .containsEntry("github.dependabot_alert", 2).containsEntry("hr.person", 33)
                .containsEntry("okta.user", 33).containsEntry("okta.password_policy", 1)
                .containsEntry("google.user", 30).containsEntry("aws.account", 2).containsEntry("aws.iam_user", 9)
                .containsEntry("aws.s3_bucket", 6).containsEntry("aws.rds_cluster", 1)
                .containsEntry("aws.guardduty_detector", 4);
        assertThat(inventory.get("github.pull_request")).isGreaterThan(40);
        assertThat(jdbc.sql("""
                SELECT attributes FROM integration_resource WHERE org_id = :org AND resource_type = 'github.outside_collaborator'
                  AND display_name = 'iduarte'""").param("org", orgId).query(String.class).single())
                .as("collected through the replayed collaborator listings").contains("brightwave/docs-site");

        Map<String, Object> log = jdbc.sql("""
                SELECT COUNT(*) AS syncs, SUM(CASE WHEN status = 'ok' THEN 1 ELSE 0 END) AS ok, MIN(started_at) AS first
                FROM integration_sync WHERE org_id = :org""").param("org", orgId).query().singleRow();
        assertThat(((Number) log.get("syncs")).intValue()).as("a daily sync of each for months").isGreaterThan(5 * 120);
        assertThat(log.get("ok")).isEqualTo(log.get("syncs"));
        List<String> pullRequests = jdbc.sql("""
                SELECT s.type_counts FROM integration_sync s JOIN integration_connection c ON c.id = s.connection_id
                WHERE s.org_id = :org AND c.connector = 'github' ORDER BY s.started_at""").param("org", orgId)
                .query(String.class).list().stream()
                .map(counts -> counts.replaceAll(".*\"github.pull_request\":(\\d+).*", "$1")).toList();
        assertThat(Integer.parseInt(pullRequests.get(0))).as("fewer merged pull requests at the start of the period")
                .isLessThan(Integer.parseInt(pullRequests.get(pullRequests.size() - 1)));
    }

    private String currentOutcome(java.util.UUID orgId, String check, String resourceName) {
        return jdbc.sql("""
                SELECT i.outcome FROM monitoring_result_interval i JOIN monitoring_check c ON c.id = i.check_id
                WHERE i.org_id = :org AND i.to_at IS NULL AND c.check_key = :check AND i.resource_name = :name""")
                .param("org", orgId).param("check", check).param("name", resourceName).query(String.class).single();
    }

    /** Today's failing checks: GitHub and the roster's story, a CI key and a bucket in AWS, a user in Okta. */
    private static final List<String> EXPECTED_FAILING = List.of("github.member-2fa-enabled", "github.member-known-person",
            "github.member-not-terminated", "hr.terminated-removed-from-github", "github.repo-status-checks-required",
            "people.terminated-accounts-removed", "aws.iam-access-keys-rotated", "aws.s3-bucket-versioning",
            "okta.user-mfa-enrolled", "github.org-2fa-required");

    @Test
    void demoChecksHaveMonthsOfHistoryWithIncidentsAFewFailuresAndOneException() {
        java.util.UUID orgId = demoOrg();
        Map<String, String> current = new java.util.TreeMap<>();
        jdbc.sql("""
                SELECT c.check_key, i.outcome FROM monitoring_result_interval i JOIN monitoring_check c ON c.id = i.check_id
                WHERE i.org_id = :org AND i.to_at IS NULL""").param("org", orgId).query((rs, n) ->
                current.merge(rs.getString("check_key"), rs.getString("outcome"),
                        (a, b) -> a.equals("fail") || b.equals("fail") ? "fail" : a.equals("excepted") || b.equals("excepted")
                                ? "excepted" : a)).list();
        List<String> failing = current.entrySet().stream().filter(e -> e.getValue().equals("fail")).map(Map.Entry::getKey)
                .toList();
        assertThat(failing).as("a few checks fail, not a third of the library").hasSizeLessThanOrEqualTo(12)
                .containsExactlyInAnyOrderElementsOf(EXPECTED_FAILING);
        assertThat(currentOutcome(orgId, "okta.user-known-person", "liam.obrien@brightwave.example"))
                .as("joined to Liam through the alias (his roster address is his Okta second email)").isEqualTo("pass");
        assertThat(currentOutcome(orgId, "google.user-known-person", "nadia.rahman@brightwave.example"))
                .as("joined to Nadia through her mailbox's alias").isEqualTo("pass");
        assertThat(currentOutcome(orgId, "aws.iam-user-known-person", "ci-deploy (345678901234)"))
                .as("the CI user is linked to its owner").isEqualTo("pass");
        assertThat(currentOutcome(orgId, "aws.iam-admin-approved", "terraform-ci (210987654321)"))
                .as("Terraform administers the organization and is on the approved list").isEqualTo("pass");
        assertThat(currentOutcome(orgId, "aws.sso-admin-approved", "maya@brightwave.example (Identity Center)"))
                .as("an approved administrator through Identity Center").isEqualTo("pass");
        assertThat(currentOutcome(orgId, "aws.sso-user-known-person", "olga@brightwave.example (Identity Center)"))
                .isEqualTo("pass");
        Map<String, Object> results = jdbc.sql("""
                SELECT SUM(CASE WHEN outcome = 'fail' THEN 1 ELSE 0 END) AS failing,
                       SUM(CASE WHEN outcome = 'pass' THEN 1 ELSE 0 END) AS passing
                FROM monitoring_result_interval WHERE org_id = :org AND to_at IS NULL""").param("org", orgId).query().singleRow();
        assertThat(((Number) results.get("failing")).intValue()).as("a few failing results")
                .isLessThan(((Number) results.get("passing")).intValue() / 20);
        assertThat(current).containsEntry(DemoMonitoring.EXCEPTED_CHECK, "excepted");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM monitoring_check_exception WHERE org_id = :org").param("org", orgId)
                .query(Integer.class).single()).isEqualTo(1);

        java.time.LocalDate periodStart = java.time.LocalDate.parse(jdbc.sql("SELECT period_start FROM program WHERE org_id = :org")
                .param("org", orgId).query(String.class).single());
        java.time.OffsetDateTime first = jdbc.sql("SELECT MIN(from_at) FROM monitoring_result_interval WHERE org_id = :org")
                .param("org", orgId).query(java.time.OffsetDateTime.class).single();
        assertThat(first.toLocalDate()).as("history from the start of the period").isEqualTo(periodStart);
        List<String> incidents = jdbc.sql("""
                SELECT DISTINCT c.check_key FROM monitoring_result_interval i JOIN monitoring_check c ON c.id = i.check_id
                WHERE i.org_id = :org AND i.outcome = 'fail' AND i.to_at IS NOT NULL""").param("org", orgId)
                .query(String.class).list();
        assertThat(incidents).as("failures that were fixed").contains("github.repo-approving-review-required",
                "github.member-2fa-enabled", "github.dependabot-critical-within-sla", "hr.manager-is-known-person",
                "github.member-not-terminated", "aws.sg-no-admin-ports-open", "google.user-2sv-enrolled");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM monitoring_result_interval WHERE org_id = :org AND to_at IS NOT NULL AND to_at <= from_at""")
                .param("org", orgId).query(Integer.class).single()).as("no empty intervals").isZero();
    }

    @Test
    void demoMonitoringLeftDailyEvidenceForTheMappedControls() {
        java.util.UUID orgId = demoOrg();
        java.time.LocalDate periodStart = java.time.LocalDate.parse(jdbc.sql("SELECT period_start FROM program WHERE org_id = :org")
                .param("org", orgId).query(String.class).single());
        long days = java.time.temporal.ChronoUnit.DAYS.between(periodStart, java.time.LocalDate.now(clock));
        Integer evidencedDays = jdbc.sql("""
                SELECT COUNT(DISTINCT i.effective_from) FROM evidence_item i
                JOIN evidence_link l ON l.evidence_id = i.id AND l.target_type = 'control' JOIN control c ON c.id = l.target_id
                WHERE i.org_id = :org AND i.source_connector = 'github' AND c.ref = 'AC-05'
                  AND i.source_query LIKE 'github.member-not-terminated@%'""").param("org", orgId).query(Integer.class).single();
        assertThat(evidencedDays.longValue()).as("a record of the check every day of the period so far")
                .isBetween(days, days + 1);
        String failing = jdbc.sql("""
                SELECT record_content FROM evidence_item WHERE org_id = :org AND source_query LIKE 'github.member-2fa-enabled@%'
                  AND effective_from = :day""").param("org", orgId)
                .param("day", java.time.LocalDate.now(clock).minusDays(60)).query(String.class).single();
        assertThat(failing).as("the day htanaka had 2FA off").contains("htanaka").contains("\"fail\":1");
    }

    @Test
    void demoAdminSeesTheWholeCompanyOnTheMembersPage() {
        WebSession.Page members = signedIn(ADMIN).get("/members");

        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body()).contains(ADMIN, COMPLIANCE_MANAGER, CONTRIBUTOR, EMPLOYEE, AUDITOR)
                .contains("Elena Ruiz (Ruiz &amp; Hart CPAs)");
    }

    @Test
    void auditorReadsTheAuditLogButCannotInvite() {
        WebSession auditor = signedIn(AUDITOR);

        assertThat(auditor.get("/audit-log").status()).isEqualTo(200);
        assertThat(auditor.get("/invitations").status()).isEqualTo(403);
    }

    @Test
    void auditorSeesMembersWithoutTheControlsToChangeThem() {
        WebSession.Page members = signedIn(AUDITOR).get("/members");

        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body()).contains("Compliance manager").doesNotContain("Change role").doesNotContain(">Remove<");
    }

    @Test
    void errorPagesKeepTheNavigationForSignedInPeople() {
        WebSession auditor = signedIn(AUDITOR);
        WebSession.Page forbidden = auditor.get("/invitations");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("nav class=\"sidebar\"").contains("Audit log");
        WebSession.Page missing = auditor.get("/no-such-page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("nav class=\"sidebar\"");
        assertThat(new WebSession("http://localhost:" + port).get("/login").body()).doesNotContain("nav class=\"sidebar\"");
    }

    @Test
    void employeeCannotSeeTheMemberList() {
        WebSession employee = signedIn(EMPLOYEE);

        assertThat(employee.get("/members").status()).isEqualTo(403);
        assertThat(employee.get("/audit-log").status()).isEqualTo(403);
    }

    @Test
    void complianceManagerMayInviteButNotManageMembers() {
        WebSession manager = signedIn(COMPLIANCE_MANAGER);

        assertThat(manager.get("/invitations").status()).isEqualTo(200);
        assertThat(manager.get("/settings").status()).isEqualTo(403);
    }

    @Test
    void seedingIsAuditedInTheDemoCompany() {
        Integer joined = jdbc.sql("""
                SELECT COUNT(*) FROM audit_log_entry e JOIN organization o ON o.id = e.org_id
                WHERE o.slug = 'brightwave-analytics' AND e.action = 'member.joined'""").query(Integer.class).single();

        assertThat(joined).isEqualTo(8);
    }

    @Test
    void startingDemoModeAgainAddsNothing() throws Exception {
        Map<String, Integer> before = rowCounts();

        context.getBean("demoData", ApplicationRunner.class).run(null);
        context.getBean(DemoMonitoring.class).start(); // what a restart does before the runner: point GitHub at the replay

        assertThat(rowCounts()).isEqualTo(before);
        assertThat(demoMembers()).hasSize(8);
    }
}
