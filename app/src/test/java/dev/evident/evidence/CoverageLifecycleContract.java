package dev.evident.evidence;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.evidence.internal.coverage.CoverageWatch;
import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What coverage drives: the Evidenced status, the Type II verdict, and stale-evidence notifications
 * to the control's owner as time passes (on the test clock).
 */
abstract class CoverageLifecycleContract extends IntegrationTest {

    @Autowired
    CoverageWatch watch;

    record Setup(Organization org, String programId, String controlId, LocalDate start) {
        ApiClient api() {
            return org.api();
        }
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A Type II program that started on the first of the month six months ago, and an owned quarterly control. */
    Setup setup(String name) {
        LocalDate start = today().minusMonths(6).withDayOfMonth(1);
        Map<String, Object> program = Programs.typeTwo("SOC 2 " + name);
        program.put("periodStart", start.toString());
        program.put("periodEnd", start.plusMonths(12).minusDays(1).toString());
        return setup(name, program, start);
    }

    Setup setup(String name, Map<String, Object> program, LocalDate start) {
        Organization org = newOrganization(name);
        Response createdProgram = org.api().post("/api/v1/programs", program);
        assertThat(createdProgram.status()).as(createdProgram.body()).isEqualTo(201);
        String programId = createdProgram.json().get("id").asText();
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("ref", "CUS-01");
        control.put("title", "Quarterly review of production access");
        control.put("description", "The platform lead reviews who can reach production every quarter.");
        control.put("domain", "access-control");
        control.put("type", "detective");
        control.put("nature", "manual");
        control.put("frequency", "quarterly");
        control.put("ownerUserId", org.adminUserId().toString());
        control.put("test", body("method", "inspection", "procedure", "Inspect two quarterly reviews."));
        control.put("evidence", List.of("Signed review"));
        control.put("criteria", List.of("CC6.2"));
        Response created = org.api().post("/api/v1/controls", control);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Setup(org, programId, created.json().get("id").asText(), start);
    }

    void implement(Setup s) {
        Response moved = s.api().post("/api/v1/controls/" + s.controlId() + "/status", body("status", "IMPLEMENTED",
                "version", control(s).get("version").asLong()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    JsonNode control(Setup s) {
        return s.api().get("/api/v1/controls/" + s.controlId()).json();
    }

    void record(Setup s, String title, LocalDate day) {
        Response r = s.api().post("/api/v1/evidence/records", body("records", List.of(body("title", title,
                "data", body("reviewed", 12), "effectiveFrom", day.toString(), "controlIds", List.of(s.controlId())))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void evidenceCoveringEveryDueQuarterMovesTheControlToEvidencedAndAGapMovesItBack() {
        Setup s = setup("Evidenced");
        implement(s);
        record(s, "Q1 access review", s.start().plusMonths(1));
        assertThat(control(s).get("status").asText()).as("one of two due quarters").isEqualTo("IMPLEMENTED");

        record(s, "Q2 access review", s.start().plusMonths(4));
        assertThat(control(s).get("status").asText()).isEqualTo("EVIDENCED");
        JsonNode entry = s.api().get("/api/v1/audit-log?action=control.status_changed&limit=1").json().get("items").get(0);
        assertThat(entry.toString()).contains("evidence covers 2 of 2 quarters due in 'SOC 2 Evidenced");

        JsonNode items = s.api().get("/api/v1/evidence?control=" + s.controlId()).json().get("items");
        String q2Id = null;
        for (JsonNode item : items) {
            if (item.get("title").asText().startsWith("Q2")) {
                q2Id = item.get("id").asText();
            }
        }
        assertThat(q2Id).isNotNull();
        Response unlinked = s.api().delete("/api/v1/evidence/" + q2Id + "/links/" + s.controlId());
        assertThat(unlinked.status()).as(unlinked.body()).isLessThan(300);
        assertThat(control(s).get("status").asText()).isEqualTo("IMPLEMENTED");
    }

    @Test
    void forATypeOneProgramEvidenceOfTheQuarterUpToTheAsOfDateIsEnough() {
        LocalDate asOf = today().minusDays(10);
        Map<String, Object> program = Programs.typeTwo("SOC 2 Type I");
        program.remove("periodStart");
        program.remove("periodEnd");
        program.put("reportType", "TYPE_1");
        program.put("asOfDate", asOf.toString());
        Setup s = setup("Type one", program, asOf);
        implement(s);
        String path = "/api/v1/controls/" + s.controlId() + "/coverage?programId=" + s.programId();
        JsonNode before = s.api().get(path).json();
        assertThat(before.get("expected").asInt()).isEqualTo(1);
        assertThat(before.get("status").asText()).isEqualTo("GAPS");
        assertThat(before.get("periodStart").asText()).isEqualTo(asOf.minusMonths(3).plusDays(1).toString());
        assertThat(before.get("summary").asText()).startsWith("No evidence for the quarter up to the as-of date");

        record(s, "Access review before the as-of date", asOf.minusMonths(1));
        assertThat(s.api().get(path).json().get("status").asText()).isEqualTo("COMPLETE");
        assertThat(control(s).get("status").asText()).isEqualTo("EVIDENCED");
    }

    @Test
    void theTypeTwoVerdictBecomesReadyWhenEvidenceFillsTheGaps() {
        Setup s = setup("Verdict");
        JsonNode before = s.api().get("/api/v1/programs/" + s.programId() + "/readiness").json().get("typeTwo");
        assertThat(before.get("status").asText()).isEqualTo("NOT_READY");
        assertThat(before.get("summary").asText()).contains("1 of 1 controls").contains("CUS-01 (2 of 2 quarters missing)");

        record(s, "Q1 access review", s.start().plusMonths(1));
        JsonNode half = s.api().get("/api/v1/programs/" + s.programId() + "/readiness").json().get("typeTwo");
        assertThat(half.get("summary").asText()).contains("CUS-01 (1 of 2 quarters missing)");

        record(s, "Q2 access review", s.start().plusMonths(4));
        JsonNode after = s.api().get("/api/v1/programs/" + s.programId() + "/readiness").json().get("typeTwo");
        assertThat(after.get("status").asText()).isEqualTo("READY");
        assertThat(after.get("summary").asText()).startsWith("Evidence covers every occurrence due so far");
    }

    @Test
    void aQuarterFallingDueWithoutEvidenceNotifiesTheOwnerOnceAndMovesTheControlBack() {
        Setup s = setup("Stale");
        implement(s);
        record(s, "Q1 access review", s.start().plusMonths(1));
        record(s, "Q2 access review", s.start().plusMonths(4));
        assertThat(control(s).get("status").asText()).isEqualTo("EVIDENCED");
        watch.sweep();
        WebSession owner = browserlessSession();
        owner.signIn(s.org().adminEmail(), s.org().adminPassword());
        ApiClient ownerApi = ownersToken(owner);
        assertThat(inbox(ownerApi).get("items")).isEmpty();

        Instant original = clock.instant();
        try {
            clock.set(s.start().plusMonths(9).plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC));
            watch.sweep();
            watch.sweep();
            assertThat(control(s).get("status").asText()).isEqualTo("IMPLEMENTED");
            JsonNode inbox = inbox(ownerApi);
            assertThat(inbox.get("items")).hasSize(1);
            assertThat(inbox.get("unread").asInt()).isEqualTo(1);
            JsonNode notice = inbox.get("items").get(0);
            String q3From = s.start().plusMonths(6).toString();
            assertThat(notice.get("kind").asText()).isEqualTo("evidence.stale");
            assertThat(notice.get("subject").asText()).isEqualTo("CUS-01: evidence missing for the quarter " + q3From
                    + " to " + s.start().plusMonths(9).minusDays(1));
            assertThat(notice.get("link").asText()).isEqualTo("/controls/" + s.controlId());
            assertThat(notice.get("read").asBoolean()).isFalse();

            assertThat(owner.get("/notifications/bell").body()).contains("Notifications, 1 unread");
            WebSession.Page page = owner.get("/notifications");
            assertThat(page.body()).contains("CUS-01: evidence missing for the quarter " + q3From);
            String id = notice.get("id").asText();
            assertThat(owner.post("/notifications/" + id + "/read", Map.of()).location()).endsWith("/notifications");
            JsonNode afterRead = inbox(ownerApi);
            assertThat(afterRead.get("unread").asInt()).isZero();
            assertThat(afterRead.get("items").get(0).get("read").asBoolean()).isTrue();

            record(s, "Q3 access review", s.start().plusMonths(7));
            assertThat(control(s).get("status").asText()).isEqualTo("EVIDENCED");
            watch.sweep();
            assertThat(inbox(ownerApi).get("items")).hasSize(1);
        } finally {
            clock.set(original);
        }
    }

    @Test
    void someoneElsesNotificationsStayTheirs() {
        Setup s = setup("Private inbox");
        implement(s);
        record(s, "Q1 access review", s.start().plusMonths(1));
        watch.evaluate(s.org().id(), null, true);
        WebSession owner = browserlessSession();
        owner.signIn(s.org().adminEmail(), s.org().adminPassword());
        ApiClient ownerApi = ownersToken(owner);
        JsonNode mine = inbox(ownerApi);
        assertThat(mine.get("items")).hasSize(1);
        String id = mine.get("items").get(0).get("id").asText();

        Setup other = setup("Other inbox");
        WebSession stranger = browserlessSession();
        stranger.signIn(other.org().adminEmail(), other.org().adminPassword());
        ApiClient strangerApi = ownersToken(stranger);
        assertThat(inbox(strangerApi).get("items")).isEmpty();
        assertThat(strangerApi.post("/api/v1/notifications/" + id + "/read", Map.of()).status()).isEqualTo(404);
        assertThat(s.api().post("/api/v1/notifications/" + id + "/read", Map.of()).status())
                .as("a token without a person has no notifications").isEqualTo(404);
        assertThat(inbox(ownerApi).get("unread").asInt()).isEqualTo(1);
        Response read = ownerApi.post("/api/v1/notifications/" + id + "/read", Map.of());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("read").asBoolean()).isTrue();
        assertThat(inbox(ownerApi).get("unread").asInt()).isZero();
    }

    /** The owner's own API token (made in the tokens page, so it acts for the owner). */
    private ApiClient ownersToken(WebSession owner) {
        owner.get("/tokens");
        // The test moves the clock up to ten months ahead of the day it starts on; a 90-day token would expire
        // before the inbox is read whenever that day is early in a month.
        owner.post("/tokens", Map.of("name", "Inbox " + System.nanoTime(), "role", "ADMIN", "expiresInDays", "400"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"new-token\"[^>]*value=\"([^\"]+)\"")
                .matcher(owner.get("/tokens").body());
        assertThat(m.find()).as("the new token's secret is shown once").isTrue();
        return api(m.group(1));
    }

    private static JsonNode inbox(ApiClient api) {
        Response page = api.get("/api/v1/notifications");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json();
    }
}
