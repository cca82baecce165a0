package dev.evident.readiness;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Readiness of programs over HTTP on a real database: verdicts, scores, remediation, history, matrix. */
abstract class ReadinessContract extends IntegrationTest {

    record Setup(Organization org, String programId) {
        ApiClient api() {
            return org.api();
        }

        JsonNode readiness() {
            Response r = api().get("/api/v1/programs/" + programId + "/readiness");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json();
        }
    }

    Setup adoptedProgram(String name, String... categories) {
        Organization org = newOrganization(name);
        Response program = org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 Type II 2027", categories));
        assertThat(program.status()).as(program.body()).isEqualTo(201);
        assertThat(org.api().post("/api/v1/controls/library/adopt", Map.of()).status()).isEqualTo(201);
        return new Setup(org, program.json().get("id").asText());
    }

    static JsonNode criterion(JsonNode readiness, String id) {
        for (JsonNode c : readiness.get("criteria")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id + " not in readiness");
    }

    /** Owns and implements every control mapped to the criterion. */
    void meet(Setup s, String criterion) {
        for (JsonNode c : s.api().get("/api/v1/controls?limit=1000&criterion=" + criterion).json().get("items")) {
            Map<String, Object> put = new LinkedHashMap<>();
            c.properties().forEach(e -> put.put(e.getKey(), e.getValue()));
            put.put("ownerUserId", s.org().adminUserId().toString());
            put.put("status", "IMPLEMENTED");
            Response updated = s.api().raw("PUT", "/api/v1/controls/" + c.get("id").asText(),
                    ApiClient.JSON.writeValueAsString(put), "application/json");
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        }
    }

    @Test
    void freshlyAdoptedLibraryIsMappedEverywhereButNothingIsReadyYet() {
        Setup s = adoptedProgram("Fresh", "availability", "processing-integrity", "confidentiality", "privacy");
        JsonNode r = s.readiness();
        assertThat(r.get("overall").get("criteria").asInt()).isEqualTo(61);
        assertThat(r.get("overall").get("gap").asInt()).isEqualTo(61);
        assertThat(r.get("overall").get("percent").asDouble()).isZero();
        assertThat(r.get("categories").findValuesAsString("id"))
                .containsExactly("security", "availability", "processing-integrity", "confidentiality", "privacy");
        r.get("criteria").forEach(c -> assertThat(c.get("controls")).as(c.get("id").asText()).isNotEmpty());
        assertThat(r.get("typeOne").get("status").asText()).isEqualTo("NOT_READY");
        assertThat(r.get("typeOne").get("summary").asText()).contains("61 criteria have gaps");
        assertThat(r.get("typeTwo").get("status").asText()).isEqualTo("NOT_ASSESSED");
        assertThat(r.get("remediation")).as("the first 50 by default").hasSize(50);
        assertThat(r.get("remediationTotal").asInt()).isGreaterThan(50);
        assertThat(s.api().get("/api/v1/programs/" + s.programId() + "/readiness?remediationLimit=5000").json()
                .get("remediation")).hasSize(r.get("remediationTotal").asInt());
        assertThat(s.api().get("/api/v1/programs/" + s.programId() + "/readiness?remediationLimit=-1").status()).isEqualTo(400);
        assertThat(r.get("controlCounts").get("applicable").asInt()).isEqualTo(r.get("controls").size());
        JsonNode first = r.get("remediation").get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("closesSecurityGap").asBoolean()).isTrue();
        assertThat(first.get("kind").asText()).isEqualTo("ASSIGN_OWNER_AND_IMPLEMENT");
        int served = first.get("criteria").size();
        for (JsonNode item : r.get("remediation")) {
            if (item.get("closesSecurityGap").asBoolean()) {
                assertThat(item.get("criteria").size()).as("ranked by criteria served").isLessThanOrEqualTo(served);
                served = item.get("criteria").size();
            }
        }
    }

    @Test
    void implementingAndOwningTheControlsOfACriterionMeetsItAndHistoryRecordsTheProgress() {
        Setup s = adoptedProgram("Progress", "availability");
        meet(s, "CC1.1");
        JsonNode r = s.readiness();
        assertThat(criterion(r, "CC1.1").get("verdict").asText()).isEqualTo("MET");
        String ref = criterion(r, "CC1.1").get("controls").get(0).asText();
        JsonNode described = null;
        for (JsonNode c : r.get("controls")) {
            if (c.get("ref").asText().equals(ref)) {
                described = c;
            }
        }
        assertThat(described).as("every control named by a criterion is described once").isNotNull();
        assertThat(described.get("ownerName").asText()).endsWith("Admin");
        assertThat(described.get("ready").asBoolean()).isTrue();
        assertThat(r.get("overall").get("met").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(r.get("overall").get("percent").asDouble()).isPositive();
        assertThat(r.get("remediation").findValuesAsString("ref")).isNotEmpty();

        JsonNode history = s.api().get("/api/v1/programs/" + s.programId() + "/readiness/history").json().get("items");
        assertThat(history).as("changes within the same hour share one point").hasSize(1);
        assertThat(history.get(0).get("score").asDouble()).isEqualTo(r.get("overall").get("percent").asDouble());

        clock.tick(java.time.Duration.ofHours(2));
        try {
            meet(s, "CC1.2");
            JsonNode later = s.api().get("/api/v1/programs/" + s.programId() + "/readiness/history").json().get("items");
            assertThat(later).hasSize(2);
            assertThat(later.get(1).get("met").asInt()).isGreaterThan(later.get(0).get("met").asInt());
            assertThat(later.get(1).get("categories").get("security").asDouble()).isPositive();
        } finally {
            clock.tick(java.time.Duration.ofHours(-2));
        }
    }

    @Test
    void excludingACategoryDropsItsCriteriaButKeepsTheMappings() {
        Setup s = adoptedProgram("Rescope", "availability", "confidentiality");
        assertThat(s.readiness().get("overall").get("criteria").asInt()).isEqualTo(38);
        JsonNode program = s.api().get("/api/v1/programs/" + s.programId()).json();
        Map<String, Object> put = new LinkedHashMap<>();
        program.properties().forEach(e -> put.put(e.getKey(), e.getValue()));
        put.put("categories", Programs.categories("availability"));
        Response updated = s.api().raw("PUT", "/api/v1/programs/" + s.programId(), ApiClient.JSON.writeValueAsString(put),
                "application/json");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);

        JsonNode r = s.readiness();
        assertThat(r.get("overall").get("criteria").asInt()).isEqualTo(36);
        assertThat(r.get("criteria").findValuesAsString("id")).noneMatch(id -> id.startsWith("C1"));
        JsonNode confidential = s.api().get("/api/v1/controls?limit=1000").json().get("items");
        List<String> inert = new ArrayList<>();
        confidential.forEach(c -> c.get("outOfScopeCriteria").forEach(id -> inert.add(id.asText())));
        assertThat(inert).as("mappings to C1 criteria are kept, shown as out of scope").anyMatch(id -> id.startsWith("C1"));
    }

    @Test
    void criteriaJudgedNotRelevantLeaveTheScopeWithTheirReason() {
        Organization org = newOrganization("NotRelevant");
        Map<String, Object> input = Programs.typeTwo("SOC 2 2027");
        input.put("notRelevantCriteria", List.of(body("criterionId", "CC6.4",
                "reason", "No facilities of our own; AWS is carved out")));
        String id = org.api().post("/api/v1/programs", input).json().get("id").asText();
        JsonNode r = org.api().get("/api/v1/programs/" + id + "/readiness").json();
        assertThat(r.get("overall").get("criteria").asInt()).isEqualTo(32);
        assertThat(r.get("notRelevant").get(0).get("criterionId").asText()).isEqualTo("CC6.4");
        assertThat(r.get("remediation").get(0).get("kind").asText()).as("nothing adopted yet").isEqualTo("MAP_CONTROL");
    }

    @Test
    void typeOneIsReadyWhenEveryCriterionInScopeIsMet() {
        Organization org = newOrganization("Ready");
        Map<String, Object> input = Programs.typeTwo("SOC 2 Type I");
        input.remove("periodStart");
        input.remove("periodEnd");
        input.put("reportType", "TYPE_1");
        input.put("asOfDate", "2027-03-31");
        String id = org.api().post("/api/v1/programs", input).json().get("id").asText();
        List<String> security = new ArrayList<>();
        org.api().get("/api/v1/frameworks/soc2-2017/requirements?leaf=true&category=security&limit=100").json()
                .get("items").forEach(c -> security.add(c.get("id").asText()));
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("ref", "ALL-01");
        control.put("title", "Everything at once");
        control.put("description", "A deliberately broad control for this test");
        control.put("domain", "governance-risk");
        control.put("type", "preventive");
        control.put("nature", "manual");
        control.put("frequency", "annual");
        control.put("test", body("method", "inquiry", "procedure", "Ask."));
        control.put("evidence", List.of("Minutes"));
        control.put("criteria", security);
        control.put("ownerUserId", org.adminUserId().toString());
        control.put("status", "IMPLEMENTED");
        Response created = org.api().post("/api/v1/controls", control);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode r = org.api().get("/api/v1/programs/" + id + "/readiness").json();
        assertThat(r.get("typeOne").get("status").asText()).isEqualTo("READY");
        assertThat(r.get("typeTwo").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(r.get("overall").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(r.get("remediation")).isEmpty();
    }

    @Test
    void controlMatrixExportsAsCsvAndXlsxWithFormulasDefused() throws Exception {
        Setup s = adoptedProgram("Matrix", "availability");
        JsonNode ac01 = s.api().get("/api/v1/controls?q=AC-01").json().get("items").get(0);
        Map<String, Object> put = new LinkedHashMap<>();
        ac01.properties().forEach(e -> put.put(e.getKey(), e.getValue()));
        put.put("title", "=HYPERLINK(\"http://evil.example\",\"click\")");
        s.api().raw("PUT", "/api/v1/controls/" + ac01.get("id").asText(), ApiClient.JSON.writeValueAsString(put),
                "application/json");

        HttpResponse<byte[]> csv = download(s, "csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("control-matrix-soc-2-type-ii-2027");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        String[] lines = text.substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("Category,Series,Criterion,Criterion description,Verdict,Control,Control title");
        assertThat(text).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
        assertThat(lines).anyMatch(l -> l.startsWith("Security,CC6,CC6.1,")).anyMatch(l -> l.startsWith("Availability,A1,A1.2,"));

        HttpResponse<byte[]> xlsx = download(s, "xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheet("Control matrix");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Criterion");
            assertThat(sheet.getLastRowNum()).isEqualTo(lines.length - 1);
            assertThat(workbook.getSheet("Summary").getRow(0).getCell(1).getStringCellValue()).isEqualTo("SOC 2 Type II 2027");
        }
        Response bad = s.api().get("/api/v1/programs/" + s.programId() + "/control-matrix?format=pdf");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("format");
    }

    private HttpResponse<byte[]> download(Setup s, String format) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/programs/"
                        + s.programId() + "/control-matrix?format=" + format))
                .header("Authorization", "Bearer " + s.org().adminToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
