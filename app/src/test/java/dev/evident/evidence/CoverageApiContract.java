package dev.evident.evidence;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Coverage over HTTP on a real database: evidence uploaded or recorded through the API changes it. */
abstract class CoverageApiContract extends IntegrationTest {

    /**
     * An organization with a Type II program whose 12-month period started on the first of the month
     * six months ago (so two quarters are due), and the quarterly access review AC-06.
     */
    record Setup(Organization org, String programId, String controlId, LocalDate start) {
        ApiClient api() {
            return org.api();
        }

        String coveragePath() {
            return "/api/v1/controls/" + controlId + "/coverage?programId=" + programId;
        }
    }

    Setup setup(String name) {
        Organization org = newOrganization(name);
        LocalDate start = today().minusMonths(6).withDayOfMonth(1);
        Map<String, Object> program = Programs.typeTwo("SOC 2 " + name, "availability");
        program.put("periodStart", start.toString());
        program.put("periodEnd", start.plusMonths(12).minusDays(1).toString());
        String programId = org.api().post("/api/v1/programs", program).json().get("id").asText();
        JsonNode control = org.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("AC-06")))
                .json().get("adopted").get(0);
        return new Setup(org, programId, control.get("id").asText(), start);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    Map<String, Object> record(Setup s, String title, LocalDate day) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("title", title);
        r.put("data", body("reviewed", 42, "removed", 3));
        r.put("effectiveFrom", day.toString());
        r.put("controlIds", List.of(s.controlId()));
        r.put("programIds", List.of(s.programId()));
        return r;
    }

    @Test
    void coverageChangesAsEvidenceIsUploadedAndRecorded() {
        Setup s = setup("Coverage");
        JsonNode before = s.api().get(s.coveragePath()).json();
        assertThat(before.get("expected").asInt()).isEqualTo(4);
        assertThat(before.get("due").asInt()).isEqualTo(2);
        assertThat(before.get("evidenced").asInt()).isZero();
        assertThat(before.get("status").asText()).isEqualTo("GAPS");
        assertThat(before.get("stale").asBoolean()).isTrue();
        assertThat(before.get("frequency").asText()).isEqualTo("QUARTERLY");
        assertThat(before.get("missing")).hasSize(1);
        assertThat(before.get("missing").get(0).get("from").asText()).isEqualTo(s.start().toString());
        assertThat(before.get("missing").get(0).get("to").asText()).isEqualTo(s.start().plusMonths(6).minusDays(1).toString());
        assertThat(before.get("occurrences")).hasSize(4);

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "First quarter access review");
        metadata.put("effectiveFrom", s.start().plusMonths(2).toString());
        metadata.put("controlIds", List.of(s.controlId()));
        Response uploaded = Uploads.upload(baseUrl(), s.org().adminToken(), "review.pdf",
                Uploads.pdf("Access review, first quarter"), metadata, null);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String fileId = uploaded.json().get("id").asText();

        JsonNode oneQuarter = s.api().get(s.coveragePath()).json();
        assertThat(oneQuarter.get("evidenced").asInt()).isEqualTo(1);
        assertThat(oneQuarter.get("occurrences").get(0).get("state").asText()).isEqualTo("EVIDENCED");
        assertThat(oneQuarter.get("occurrences").get(0).get("evidenceIds").get(0).asText()).isEqualTo(fileId);
        assertThat(oneQuarter.get("missing").get(0).get("from").asText()).isEqualTo(s.start().plusMonths(3).toString());
        assertThat(oneQuarter.get("stale").asBoolean()).isTrue();

        Response recorded = s.api().post("/api/v1/evidence/records", body("records",
                List.of(record(s, "Second quarter access review", s.start().plusMonths(5)))));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

        JsonNode complete = s.api().get(s.coveragePath()).json();
        assertThat(complete.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(complete.get("evidenced").asInt()).isEqualTo(2);
        assertThat(complete.get("missing")).isEmpty();
        assertThat(complete.get("stale").asBoolean()).isFalse();
        assertThat(complete.get("summary").asText()).isEqualTo("2 of 2 due quarters evidenced (4 in the period).");
    }

    @Test
    void programCoverageListsEveryApplicableControlServingTheProgram() {
        Setup s = setup("Program coverage");
        s.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("OS-01")));
        s.api().post("/api/v1/evidence/records", body("records", List.of(record(s, "Access review", s.start().plusDays(10)))));

        JsonNode coverage = s.api().get("/api/v1/programs/" + s.programId() + "/coverage").json();
        List<String> refs = new ArrayList<>();
        coverage.get("controls").forEach(c -> refs.add(c.get("ref").asText()));
        assertThat(refs).containsExactly("AC-06", "OS-01");
        assertThat(coverage.get("controls").get(0).get("evidenced").asInt()).isEqualTo(1);
        assertThat(coverage.get("controls").get(1).get("expected").asInt()).isEqualTo(52);
        assertThat(coverage.get("totals").get("controls").asInt()).isEqualTo(2);
        assertThat(coverage.get("totals").get("gaps").asInt()).isEqualTo(2);
        assertThat(coverage.get("summary").asText()).startsWith("0 of 2 controls have evidence for every due occurrence");
    }

    @Test
    void badRequestsNameTheProblem() {
        Setup s = setup("Coverage errors");
        Response noProgram = s.api().get("/api/v1/controls/" + s.controlId() + "/coverage");
        assertThat(noProgram.status()).isEqualTo(400);
        assertThat(noProgram.body()).contains("programId");

        assertThat(s.api().get("/api/v1/controls/" + UUID.randomUUID() + "/coverage?programId=" + s.programId()).status())
                .isEqualTo(404);
        assertThat(s.api().get("/api/v1/controls/" + s.controlId() + "/coverage?programId=" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(s.api().get("/api/v1/controls/not-an-id/coverage?programId=" + s.programId()).status()).isEqualTo(404);
        assertThat(s.api().get("/api/v1/programs/" + UUID.randomUUID() + "/coverage").status()).isEqualTo(404);

        String availabilityOnly = s.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("BC-03")))
                .json().get("adopted").get(0).get("id").asText();
        Map<String, Object> securityOnly = Programs.typeTwo("Security only " + System.nanoTime());
        securityOnly.put("periodStart", s.start().toString());
        securityOnly.put("periodEnd", s.start().plusMonths(12).minusDays(1).toString());
        String otherProgram = s.api().post("/api/v1/programs", securityOnly).json().get("id").asText();
        Response notServing = s.api().get("/api/v1/controls/" + availabilityOnly + "/coverage?programId=" + otherProgram);
        assertThat(notServing.status()).as(notServing.body()).isEqualTo(400);
        assertThat(notServing.body()).contains("programId").contains("BC-03 does not serve");
    }

    @Test
    void anotherOrganizationSeesNothing() {
        Setup a = setup("Coverage owner");
        Setup b = setup("Coverage stranger");
        assertThat(b.api().get(a.coveragePath()).status()).isEqualTo(404);
        assertThat(b.api().get("/api/v1/controls/" + b.controlId() + "/coverage?programId=" + a.programId()).status())
                .isEqualTo(404);
        assertThat(b.api().get("/api/v1/programs/" + a.programId() + "/coverage").status()).isEqualTo(404);
    }
}
