package dev.evident.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.Provisioning;
import dev.evident.shared.security.Role;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The program pages as a browser without JavaScript uses them: the setup wizard from the first
 * step to the readiness page, mistakes reported at their fields, a stale edit, permissions, the
 * matrix filters and the downloads. The pages need nothing of PostgreSQL beyond what the API
 * contracts already check, so H2 is enough.
 */
@H2Test
class ProgramPagesOnH2IT extends IntegrationTest {

    private static final Pattern PROGRAM_PATH = Pattern.compile("/programs/([0-9a-f-]{36})");

    @Autowired
    Provisioning provisioning;

    record Signed(Organization org, WebSession web) {
    }

    Signed signedInAdmin(String company) {
        Organization org = newOrganization(company);
        WebSession web = browserlessSession();
        assertThat(web.signIn(org.adminEmail(), org.adminPassword()).status()).isEqualTo(302);
        return new Signed(org, web);
    }

    static Map<String, String> basics(String name) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("reportType", "TYPE_2");
        f.put("periodStart", "2027-01-01");
        f.put("periodEnd", "2027-12-31");
        f.put("asOfDate", "2027-03-31");
        return f;
    }

    static String query(Map<String, String> fields) {
        StringBuilder q = new StringBuilder();
        fields.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    /** Step 2's fields: Security and Availability in, the others out with reasons. */
    static Map<String, String> scope(String name) {
        Map<String, String> f = basics(name);
        f.put("setup", "true");
        f.put("include-availability", "true");
        f.put("reason-processing-integrity", "We do not process transactions on behalf of customers");
        f.put("reason-confidentiality", "Our contracts make no confidentiality commitments beyond Security");
        f.put("reason-privacy", "We do not collect personal information directly from individuals");
        f.put("nrRows", "1");
        return f;
    }

    static String programId(String location) {
        Matcher m = PROGRAM_PATH.matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return m.group(1);
    }

    String createThroughTheWizard(WebSession web, String name) {
        assertThat(web.get("/programs/new/scope" + query(basics(name))).status()).isEqualTo(200);
        WebSession.Page created = web.post("/programs/new", scope(name));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        return programId(created.location());
    }

    @Test
    void wizardTakesANewProgramFromItsNameToTheReadinessPage() {
        Signed s = signedInAdmin("Wizard Co");
        WebSession web = s.web();

        WebSession.Page list = web.get("/programs");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Set up your SOC 2 program").contains("href=\"/programs/new\"");

        WebSession.Page step1 = web.get("/programs/new");
        assertThat(step1.status()).isEqualTo(200);
        String nextYear = String.valueOf(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).getYear() + 1);
        assertThat(step1.body()).contains("value=\"SOC 2 Type II " + nextYear + "\"").contains("Step 1 of 5")
                .containsPattern("value=\"TYPE_2\"[^>]*checked");

        WebSession.Page step2 = web.get("/programs/new/scope" + query(basics("SOC 2 Type II 2027")));
        assertThat(step2.status()).isEqualTo(200);
        assertThat(step2.body()).contains("What is in scope").contains("Always included")
                .contains("id=\"include-availability\"").contains("<datalist id=\"reasons-privacy\">")
                .doesNotContain("value=\"We do not collect personal information directly from individuals\" name");

        WebSession.Page created = web.post("/programs/new", scope("SOC 2 Type II 2027"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        assertThat(created.location()).endsWith("/system?setup=true");
        String id = programId(created.location());

        assertThat(web.get("/programs/" + id + "/system?setup=true").body()).contains("Describe the system").contains("Step 3 of 5");
        Map<String, String> system = new LinkedHashMap<>();
        system.put("setup", "true");
        system.put("version", "0");
        system.put("systemName", "Wizard Analytics Platform");
        system.put("services", "Analytics API — hosted analytics for retailers\n\n- Exports - nightly CSV exports");
        system.put("commitments", "99.9% monthly uptime — SLA");
        system.put("requirements", "Customer data encrypted at rest - Security policy");
        system.put("component-infrastructure", "AWS eu-west-1 — VPC, RDS, S3");
        system.put("component-people", "Engineering\tTwelve engineers");
        system.put("boundaries", "The production AWS account and GitHub");
        WebSession.Page savedSystem = web.post("/programs/" + id + "/system", system);
        assertThat(savedSystem.status()).as(savedSystem.body()).isEqualTo(302);
        assertThat(savedSystem.location()).endsWith("/programs/" + id + "/responsibilities?setup=true");

        WebSession.Page step4 = web.get("/programs/" + id + "/responsibilities?setup=true");
        assertThat(step4.body()).contains("Who else is responsible").contains("id=\"sub-1-name\"");
        Map<String, String> duties = new LinkedHashMap<>();
        duties.put("setup", "true");
        duties.put("version", "1");
        duties.put("cuecs", "Customers review which of their users have access — CC6.2, cc6.3\nCustomers keep their API keys secret");
        duties.put("subRows", "2");
        duties.put("sub-0-name", "Amazon Web Services");
        duties.put("sub-0-services", "Hosting");
        duties.put("sub-0-method", "CARVE_OUT");
        duties.put("sub-0-controls", "Restricts physical access to its data centres — CC6.4");
        duties.put("sub-1-method", "CARVE_OUT");
        WebSession.Page savedDuties = web.post("/programs/" + id + "/responsibilities", duties);
        assertThat(savedDuties.status()).as(savedDuties.body()).isEqualTo(302);
        assertThat(savedDuties.location()).endsWith("/programs/" + id + "/adopt?setup=true");

        JsonNode program = s.org().api().get("/api/v1/programs/" + id).json();
        assertThat(program.get("categories").get(1).get("included").asBoolean()).isTrue();
        assertThat(program.get("categories").get(4).get("exclusionReason").asText()).startsWith("We do not collect");
        JsonNode description = program.get("system");
        assertThat(description.get("services").findValuesAsString("name")).containsExactly("Analytics API", "Exports");
        assertThat(description.get("services").get(1).get("description").asText()).isEqualTo("nightly CSV exports");
        assertThat(description.get("commitments").get(1).get("kind").asText()).isEqualTo("SYSTEM_REQUIREMENT");
        assertThat(description.get("commitments").get(1).get("source").asText()).isEqualTo("Security policy");
        assertThat(description.get("components").findValuesAsString("kind")).containsExactly("INFRASTRUCTURE", "PEOPLE");
        assertThat(description.get("components").get(1).get("description").asText()).isEqualTo("Twelve engineers");
        assertThat(description.get("userEntityControls").get(0).get("criteria").toString()).isEqualTo("[\"CC6.2\",\"CC6.3\"]");
        assertThat(description.get("userEntityControls").get(1).get("criteria").size()).isZero();
        assertThat(description.get("subserviceOrganizations").size()).isEqualTo(1);
        assertThat(description.get("subserviceOrganizations").get(0).get("complementaryControls").get(0).get("text").asText())
                .isEqualTo("Restricts physical access to its data centres");

        WebSession.Page step5 = web.get("/programs/" + id + "/adopt?setup=true");
        assertThat(step5.body()).contains("Step 5 of 5").contains("controls for Security and Availability")
                .contains("Every one of the 36 criteria in scope will have at least one control.");
        WebSession.Page adopted = web.post("/programs/" + id + "/adopt", Map.of());
        assertThat(adopted.status()).isEqualTo(302);
        assertThat(adopted.location()).endsWith("/programs/" + id);

        WebSession.Page readiness = web.get("/programs/" + id);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).contains("Adopted ").contains(">0 %<").contains("Not ready")
                .contains("Not assessed yet").contains("Fix these first").contains("class=\"rank\"")
                .contains("Closes a Security gap").contains("No owner").contains("<title id=\"chart-title\">")
                .contains("Wizard Analytics Platform").contains("Amazon Web Services (carved out)");
        assertThat(web.get("/programs").body()).contains("SOC 2 Type II 2027").contains("Type I: <strong>Not ready</strong>");
        assertThat(web.get("/").body()).contains("SOC 2 Type II 2027").contains("See readiness");
    }

    @Test
    void mistakesAreShownAtTheirFieldsAndNothingIsCreated() {
        Signed s = signedInAdmin("Mistakes Co");
        WebSession web = s.web();
        Map<String, String> shortPeriod = basics("SOC 2 short");
        shortPeriod.put("periodEnd", "2027-02-15");
        WebSession.Page step1 = web.get("/programs/new/scope" + query(shortPeriod));
        assertThat(step1.status()).isEqualTo(400);
        assertThat(step1.body()).contains("id=\"periodEnd-error\"").contains("The end date gives a period of 1 month and 15 days")
                .contains("at least 3 months").contains("href=\"#periodEnd\"").contains("aria-invalid=\"true\"")
                .contains("value=\"SOC 2 short\"");

        Map<String, String> missingReason = scope("SOC 2 reasons");
        missingReason.remove("reason-privacy");
        missingReason.put("reason-confidentiality", "no");
        WebSession.Page step2 = web.post("/programs/new", missingReason);
        assertThat(step2.status()).isEqualTo(400);
        assertThat(step2.body()).contains("id=\"reason-privacy-error\"")
                .contains("Say why Privacy is out of scope, or include it")
                .contains("id=\"reason-confidentiality-error\"")
                .contains("The reason for leaving out Confidentiality must say why in at least 10 characters")
                .contains("value=\"SOC 2 reasons\"");
        assertThat(s.org().api().get("/api/v1/programs").json().get("items").size()).isZero();

        Map<String, String> another = scope("SOC 2 rows");
        another.put("action", "add-criterion");
        another.put("nr-0-criterion", "CC6.4");
        WebSession.Page twoRows = web.post("/programs/new", another);
        assertThat(twoRows.status()).isEqualTo(200);
        assertThat(twoRows.body()).contains("id=\"nr-1-criterion\"").contains("value=\"CC6.4\" selected");
        assertThat(s.org().api().get("/api/v1/programs").json().get("items").size()).isZero();

        Map<String, String> notRelevant = scope("SOC 2 not relevant");
        notRelevant.put("nr-0-criterion", "PI1.1");
        notRelevant.put("nr-0-reason", "short");
        WebSession.Page wrongCriterion = web.post("/programs/new", notRelevant);
        assertThat(wrongCriterion.status()).isEqualTo(400);
        assertThat(wrongCriterion.body()).contains("id=\"nr-0-criterion-error\"")
                .contains("Criterion PI1.1 belongs to Processing Integrity, which this program excludes");
    }

    @Test
    void aStaleEditIsExplainedAndCanBeSavedAgain() {
        Signed s = signedInAdmin("Stale Co");
        WebSession web = s.web();
        String id = createThroughTheWizard(web, "SOC 2 stale");
        WebSession.Page form = web.get("/programs/" + id + "/basics");
        assertThat(form.body()).contains("name=\"version\" value=\"0\"").contains("Delete program");

        ObjectNode changed = (ObjectNode) s.org().api().get("/api/v1/programs/" + id).json();
        changed.put("name", "SOC 2 renamed elsewhere");
        Response put = s.org().api().raw("PUT", "/api/v1/programs/" + id, changed.toString(), "application/json");
        assertThat(put.status()).isEqualTo(200);

        Map<String, String> basics = basics("SOC 2 mine");
        basics.put("version", "0");
        WebSession.Page stale = web.post("/programs/" + id + "/basics", basics);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else saved changes to this program").contains("value=\"SOC 2 mine\"")
                .contains("name=\"version\" value=\"1\"");

        basics.put("version", "1");
        WebSession.Page saved = web.post("/programs/" + id + "/basics", basics);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/programs/" + id);
        assertThat(s.org().api().get("/api/v1/programs/" + id).json().get("name").asText()).isEqualTo("SOC 2 mine");

        WebSession.Page deleted = web.post("/programs/" + id + "/delete", Map.of());
        assertThat(deleted.location()).endsWith("/programs");
        assertThat(s.org().api().get("/api/v1/programs/" + id).status()).isEqualTo(404);
    }

    @Test
    void anAuditorReadsProgramsButCannotSetOneUp() {
        Signed s = signedInAdmin("Audited Co");
        String id = createThroughTheWizard(s.web(), "SOC 2 audited");
        String email = "auditor-" + System.nanoTime() + "@cpa.example";
        provisioning.addUser(s.org().id(), email, "Avery Auditor", "a long auditor passphrase 7", Role.AUDITOR, "test");
        WebSession auditor = browserlessSession();
        auditor.signIn(email, "a long auditor passphrase 7");

        WebSession.Page wizard = auditor.get("/programs/new");
        assertThat(wizard.status()).isEqualTo(403);
        assertThat(wizard.body()).contains("Error 403").contains("Your role (Auditor) does not include this");
        assertThat(auditor.get("/programs/" + id + "/scope").status()).isEqualTo(403);
        assertThat(auditor.get("/programs/" + id + "/adopt").status()).isEqualTo(403);

        WebSession.Page list = auditor.get("/programs");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("SOC 2 audited").doesNotContain("New program").doesNotContain("Edit scope");
        WebSession.Page page = auditor.get("/programs/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("/programs/" + id + "/scope\"").doesNotContain("Adopt controls</a>");
        assertThat(auditor.get("/programs/" + id + "/matrix").status()).isEqualTo(200);
    }

    @Test
    void matrixFiltersByCategoryAndVerdictAndTheFilesDownload() throws Exception {
        Signed s = signedInAdmin("Matrix Co");
        WebSession web = s.web();
        String id = createThroughTheWizard(web, "SOC 2 matrix");
        web.get("/programs/" + id + "/adopt");
        web.post("/programs/" + id + "/adopt", Map.of());

        WebSession.Page all = web.get("/programs/" + id + "/matrix");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("Showing 36 of 36 criteria.").contains("id=\"criterion-CC1.1\"")
                .contains("id=\"criterion-A1.1\"").contains("id=\"series-CC6\"").contains("No owner")
                .contains("hx-get=\"/programs/" + id + "/matrix\"");

        WebSession.Page availability = web.get("/programs/" + id + "/matrix?category=availability");
        assertThat(availability.body()).contains("Showing 3 of 36 criteria.").contains("id=\"criterion-A1.2\"")
                .doesNotContain("id=\"criterion-CC1.1\"").contains("<option value=\"availability\" selected");
        assertThat(web.get("/programs/" + id + "/matrix?verdict=MET").body()).contains("Showing 0 of 36 criteria.")
                .contains("No criteria match these filters.");
        assertThat(web.get("/programs/" + id + "/matrix?verdict=GAP&category=privacy").body())
                .as("a category the program excludes is ignored").contains("Showing 36 of 36 criteria.");

        WebSession.Download csv = web.download("/programs/" + id + "/control-matrix.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("control-matrix-soc-2-matrix-");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("Category,Series,Criterion").contains("CC1.1");
        assertThat(text).isEqualTo(new String(s.org().api().get("/api/v1/programs/" + id + "/control-matrix?format=csv")
                .body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));

        WebSession.Download xlsx = web.download("/programs/" + id + "/control-matrix.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).contains("spreadsheetml");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("Criterion");
            assertThat(workbook.getSheet("Summary").getRow(0).getCell(1).getStringCellValue()).isEqualTo("SOC 2 matrix");
        }
        assertThat(browserlessSession().download("/programs/" + id + "/control-matrix.csv").status())
                .as("signed out").isEqualTo(302);
    }
}
