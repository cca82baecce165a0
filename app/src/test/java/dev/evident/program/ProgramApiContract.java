package dev.evident.program;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Programs over HTTP on a real database: scope, period rules, DC 200 description, optimistic locking. */
abstract class ProgramApiContract extends IntegrationTest {

    static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    Response create(Map<String, Object> program) {
        return adminApi().post("/api/v1/programs", program);
    }

    @Test
    void typeTwoProgramWithItsSystemDescriptionRoundTripsThroughGetAndPut() {
        Map<String, Object> input = Programs.typeTwo(unique("SOC 2 Type II 2027"), "availability", "confidentiality");
        input.put("system", Programs.system());
        input.put("notRelevantCriteria", List.of(body("criterionId", "CC6.4",
                "reason", "No offices or data centres of our own: physical access is AWS's (carved out)")));
        Response created = create(input);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode program = created.json();
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith(program.get("id").asText());
        assertThat(program.get("reportType").asText()).isEqualTo("TYPE_2");
        assertThat(program.get("frameworkId").asText()).isEqualTo("soc2-2017");
        assertThat(program.get("categories").findValuesAsString("id"))
                .containsExactly("security", "availability", "processing-integrity", "confidentiality", "privacy");
        assertThat(program.get("categories").get(0).get("required").asBoolean()).isTrue();
        assertThat(program.get("categories").get(3).get("included").asBoolean()).isTrue();
        assertThat(program.get("categories").get(4).get("exclusionReason").asText()).contains("commitments");
        assertThat(program.get("system").get("subserviceOrganizations").get(0).get("method").asText()).isEqualTo("CARVE_OUT");
        assertThat(program.get("notRelevantCriteria").get(0).get("criterionId").asText()).isEqualTo("CC6.4");

        String id = program.get("id").asText();
        ObjectNode edited = (ObjectNode) adminApi().get("/api/v1/programs/" + id).json();
        edited.put("periodEnd", "2027-06-30");
        Response updated = adminApi().raw("PUT", "/api/v1/programs/" + id, edited.toString(), "application/json");
        assertThat(updated.status()).as("what GET returns can be sent back with PUT: " + updated.body()).isEqualTo(200);
        assertThat(updated.json().get("periodEnd").asText()).isEqualTo("2027-06-30");
        assertThat(updated.json().get("version").asLong()).isEqualTo(program.get("version").asLong() + 1);
        assertThat(updated.json().get("system")).isEqualTo(program.get("system"));

        Response stale = adminApi().raw("PUT", "/api/v1/programs/" + id, edited.toString(), "application/json");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).endsWith("/stale-version");

        JsonNode audit = adminApi().get("/api/v1/audit-log?targetId=" + id).json().get("items");
        assertThat(audit.findValuesAsString("action")).contains("program.created", "program.updated");
        assertThat(adminApi().get("/api/v1/programs").json().get("items").findValuesAsString("id")).contains(id);

        assertThat(adminApi().delete("/api/v1/programs/" + id).status()).isEqualTo(204);
        assertThat(adminApi().get("/api/v1/programs/" + id).status()).isEqualTo(404);
    }

    @Test
    void typeOneProgramNeedsOnlyItsAsOfDate() {
        Map<String, Object> input = Programs.typeTwo(unique("SOC 2 Type I"));
        input.remove("periodStart");
        input.remove("periodEnd");
        input.put("reportType", "type-1");
        input.put("asOfDate", "2027-03-31");
        Response created = create(input);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("reportType").asText()).isEqualTo("TYPE_1");
        assertThat(created.json().get("asOfDate").asText()).isEqualTo("2027-03-31");
        assertThat(created.json().get("periodStart").isNull()).isTrue();
    }

    @Test
    void typeTwoPeriodMustBeThreeToTwelveMonthsAndEndAfterItStarts() {
        assertPeriodRefused("2027-01-01", "2027-03-30", "at least 3 months");
        assertPeriodRefused("2027-01-01", "2028-01-01", "at most 12 months");
        assertPeriodRefused("2027-06-01", "2027-05-01", "must be after periodStart");
        assertThat(create(period("2027-01-01", "2027-03-31")).status()).as("exactly three months").isEqualTo(201);
        assertThat(create(period("2027-01-01", "2027-12-31")).status()).as("exactly twelve months").isEqualTo(201);
    }

    private Map<String, Object> period(String start, String end) {
        Map<String, Object> input = Programs.typeTwo(unique("Period"));
        input.put("periodStart", start);
        input.put("periodEnd", end);
        return input;
    }

    private void assertPeriodRefused(String start, String end, String message) {
        Response refused = create(period(start, end));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).endsWith("/validation-failed");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("periodEnd");
        assertThat(error.get("message").asText()).contains(message);
    }

    @Test
    void securityCannotBeRemovedAndAnExcludedCategoryNeedsAReason() {
        Map<String, Object> input = Programs.typeTwo(unique("Bad scope"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> categories = new java.util.ArrayList<>((List<Map<String, Object>>) input.get("categories"));
        categories.add(0, body("id", "security", "included", false));
        categories.set(4, body("id", "privacy", "included", false));
        input.put("categories", categories);
        Response refused = create(input);
        assertThat(refused.status()).isEqualTo(400);
        Map<String, String> errors = errors(refused);
        assertThat(errors.get("categories[0].included")).contains("Security").contains("cannot be excluded");
        assertThat(errors.get("categories[4].exclusionReason")).contains("is required");
        assertThat(adminApi().get("/api/v1/programs").body()).doesNotContain("Bad scope");
    }

    @Test
    void aCategoryLeftUndecidedIsRefusedWithEveryOtherProblemAtOnce() {
        Response refused = create(body("name", " ", "reportType", "TYPE_3", "periodStart", "2027-13-01",
                "categories", List.of(body("id", "availability", "included", true))));
        assertThat(refused.status()).isEqualTo(400);
        Map<String, String> errors = errors(refused);
        assertThat(errors).containsKeys("name", "reportType", "periodStart", "categories");
        assertThat(errors.get("reportType")).contains("TYPE_1, TYPE_2");
        assertThat(errors.get("periodStart")).contains("YYYY-MM-DD");
    }

    @Test
    void criteriaInTheDescriptionMustBelongToIncludedCategories() {
        Map<String, Object> input = Programs.typeTwo(unique("Privacy CUEC"));
        input.put("system", body("userEntityControls", List.of(body("text", "Customers obtain consent", "criteria",
                List.of("P2.1", "CC99.1", "CC6")))));
        Response refused = create(input);
        assertThat(refused.status()).isEqualTo(400);
        Map<String, String> errors = errors(refused);
        assertThat(errors.get("system.userEntityControls[0].criteria[0]")).contains("Privacy").contains("excludes");
        assertThat(errors.get("system.userEntityControls[0].criteria[1]")).contains("not a criterion");
        assertThat(errors.get("system.userEntityControls[0].criteria[2]")).contains("CC6.1");
    }

    @Test
    void unknownFieldsAreRefusedButReadOnlyOnesAreIgnored() {
        Map<String, Object> input = Programs.typeTwo(unique("Strict"));
        input.put("owner", "someone");
        Response refused = create(input);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("owner");
        input.remove("owner");
        input.put("id", UUID.randomUUID().toString());
        assertThat(create(input).status()).isEqualTo(201);
    }

    @Test
    void programNamesAreUniqueWithinTheOrganization() {
        String name = unique("Twice");
        assertThat(create(Programs.typeTwo(name)).status()).isEqualTo(201);
        Response again = create(Programs.typeTwo(name.toUpperCase()));
        assertThat(again.status()).isEqualTo(400);
        assertThat(errors(again).get("name")).contains("already used");
    }

    static Map<String, String> errors(Response response) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        response.json().get("errors").forEach(e -> errors.merge(e.get("field").asText(), e.get("message").asText(),
                (a, b) -> a + " | " + b));
        return errors;
    }
}
