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
        properties = {"evident.demo=true", "evident.sign-in.attempts-per-minute=10000"})
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
                "notification")) {
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
        assertThat(review.missing()).as("the first quarter's access review is missing")
                .containsExactly(new dev.evident.evidence.Coverage.Range(start, start.plusMonths(3).minusDays(1)));
        assertThat(review.stale()).as("the second quarter's review was done").isFalse();

        dev.evident.evidence.Coverage scans = byRef.get(DemoEvidence.SCAN_GAP);
        assertThat(scans.missing()).as("two weeks without a scan").containsExactly(new dev.evident.evidence.Coverage.Range(
                start.plusWeeks(9), start.plusWeeks(11).minusDays(1)));

        dev.evident.evidence.Coverage monthly = byRef.get(DemoEvidence.MISSED_MONTH);
        assertThat(monthly.stale()).as("last month's report is missing").isTrue();
        assertThat(jdbc.sql("SELECT status FROM control WHERE org_id = :org AND ref = :ref").param("org", orgId)
                .param("ref", DemoEvidence.MISSED_MONTH).query(String.class).single()).isEqualTo("IMPLEMENTED");
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

        assertThat(rowCounts()).isEqualTo(before);
        assertThat(demoMembers()).hasSize(8);
    }
}
