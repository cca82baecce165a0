package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.integration.ConnectionSynced;
import dev.evident.monitoring.CheckStateChanged;
import dev.evident.monitoring.InMemoryInventory;
import dev.evident.monitoring.MonitoringTestConfiguration;
import dev.evident.monitoring.MonitoringTestConfiguration.StateChanges;
import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.BackgroundWork;
import dev.evident.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Checks over HTTP and after syncs on a real database: the built-in library, custom checks with
 * versions and compile errors, dry runs, history as intervals, exceptions and evidence records.
 * The inventory is an in-memory stand-in; syncs are ConnectionSynced events published by the test, and each
 * test waits for the evaluation task they plan before it looks at results.
 */
@Import(MonitoringTestConfiguration.class)
abstract class MonitoringContract extends IntegrationTest {

    private static final String TWO_FA = "github.member-2fa-enabled";

    @Autowired
    private InMemoryInventory inventory;
    @Autowired
    private ApplicationEventPublisher publisher;
    @Autowired
    private StateChanges changes;
    @Autowired
    private ExceptionService exceptionService;
    @Autowired
    private EvaluationRequests requests;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private org.springframework.transaction.support.TransactionTemplate transaction;

    private Organization org;
    private ApiClient api;
    private final UUID github = UUID.randomUUID();

    @BeforeEach
    void organization() {
        org = newOrganization("Monitored");
        api = org.api();
    }

    private void member(String id, String login, Boolean twoFactor) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("login", login);
        attributes.put("role", "member");
        attributes.put("twoFactorEnabled", twoFactor);
        inventory.put(org.id(), github, "github", "github.member", id, login, null, attributes);
    }

    private UUID sync(List<String> types, List<String> failed, String error) {
        UUID syncId = UUID.randomUUID();
        publisher.publishEvent(new ConnectionSynced(org.id(), github, "github", syncId, clock.instant(), types, failed,
                error, "ab".repeat(32)));
        evaluated();
        return syncId;
    }

    /** Evaluation runs as a db-scheduler task after the sync: wait for it to finish. */
    private void evaluated() {
        BackgroundWork.awaitEvaluations(jdbc, org.id());
    }

    private UUID sync() {
        return sync(List.of("github.member"), List.of(), null);
    }

    private Map<String, String> outcomes(String check, String at) {
        Response r = api.get("/api/v1/checks/" + check + "/results" + (at == null ? "" : "?at=" + at));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, String> out = new LinkedHashMap<>();
        r.json().get("results").forEach(i -> out.put(i.get("resourceName").asText(), i.get("outcome").asText()));
        return out;
    }

    private String keyOf(String check, String name) {
        for (JsonNode i : api.get("/api/v1/checks/" + check + "/results").json().get("results")) {
            if (i.get("resourceName").asText().equals(name)) {
                return i.get("resourceKey").asText();
            }
        }
        throw new AssertionError(name + " not in the results of " + check);
    }

    private int intervalRows(String checkKey) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM monitoring_result_interval i JOIN monitoring_check c ON c.id = i.check_id
                WHERE i.org_id = :org AND c.check_key = :key""").param("org", org.id()).param("key", checkKey)
                .query(Integer.class).single();
    }

    @Test
    void theBuiltInLibraryIsListedWithControlsAndCriteria() {
        Response list = api.get("/api/v1/checks");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().size()).isGreaterThanOrEqualTo(20);
        JsonNode twoFa = api.get("/api/v1/checks/github.org-2fa-required").json();
        assertThat(twoFa.get("builtIn").asBoolean()).isTrue();
        assertThat(twoFa.get("version").asInt()).isEqualTo(1);
        assertThat(twoFa.get("controls").toString()).contains("AC-02");
        assertThat(twoFa.get("criteria").toString()).contains("CC6.1");
        assertThat(api.get("/api/v1/checks?resourceType=hr.person").json()).allSatisfy(c ->
                assertThat(c.get("resourceType").asText()).isEqualTo("hr.person"));
    }

    @Test
    void anExpressionThatDoesNotCompileIsRefusedWithItsPosition() {
        Map<String, Object> check = custom("custom.bad", "resource.attributes.role == 'admin' &&\n   members.size() > 1");
        Response refused = api.post("/api/v1/checks", check);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("expression");
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("column").asInt()).isEqualTo(4);
        assertThat(error.get("message").asText()).contains("undeclared reference to 'members'");
        assertThat(api.get("/api/v1/checks/custom.bad").status()).isEqualTo(404);

        Map<String, Object> unknownControl = custom("custom.controls", "true");
        unknownControl.put("controls", List.of("NOPE-99"));
        Response controls = api.post("/api/v1/checks", unknownControl);
        assertThat(controls.status()).isEqualTo(400);
        assertThat(controls.json().get("errors").get(0).get("field").asText()).isEqualTo("controls[0]");
    }

    @Test
    void aDryRunEvaluatesTheCurrentInventoryWithoutSavingAnything() {
        member("1", "ann", true);
        member("2", "bob", false);
        inventory.put(org.id(), github, "github", "github.member", "3", "carl", null, Map.of("login", "carl"));
        int checks = api.get("/api/v1/checks").json().size();
        Response dry = api.post("/api/v1/checks/dry-run", Map.of("resourceType", "github.member",
                "expression", "resource.attributes.twoFactorEnabled ? '' : resource.attributes.login + ' has no 2FA'"));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("counts").get("pass").asInt()).isEqualTo(1);
        assertThat(dry.json().get("counts").get("fail").asInt()).isEqualTo(1);
        assertThat(dry.json().get("counts").get("error").asInt()).as("carl has no twoFactorEnabled").isEqualTo(1);
        List<String> details = new ArrayList<>();
        dry.json().get("results").forEach(r -> details.add(r.get("resourceName").asText() + ":" + r.get("outcome").asText()));
        assertThat(details).containsExactlyInAnyOrder("ann:pass", "bob:fail", "carl:error");
        assertThat(api.get("/api/v1/checks").json().size()).isEqualTo(checks);

        Response bad = api.post("/api/v1/checks/dry-run", Map.of("resourceType", "github.member", "expression", "resource."));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("column").asInt()).isGreaterThan(1);
    }

    @Test
    void checksAreEvaluatedByATaskOfTheirOwnNotOnTheThreadThatFinishedTheSync() {
        member("1", "ann", false);
        String publisher = Thread.currentThread().getName();
        sync();
        assertThat(changes.of(org.id(), TWO_FA)).hasSize(1);
        assertThat(changes.threads(org.id())).isNotEmpty().doesNotContain(publisher);
        assertThat(outcomes(TWO_FA, null)).containsEntry("ann", "fail");
    }

    @Test
    void syncsInARowMergeIntoOneWaitingEvaluationRequest() {
        UUID connection = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // the task's plan only runs after a commit, so this transaction leaves the request waiting until it ends
        transaction.executeWithoutResult(status -> {
            requests.request(new ConnectionSynced(org.id(), connection, "github", first, clock.instant(),
                    List.of("github.member", "github.repository"), List.of(), null, "ab".repeat(32)), clock.instant());
            requests.request(new ConnectionSynced(org.id(), connection, "github", second, clock.instant(),
                    List.of("github.member"), List.of("github.repository"), "GitHub answered 500", "cd".repeat(32)),
                    clock.instant());
            ConnectionSynced merged = requests.find(org.id(), connection).orElseThrow().synced();
            assertThat(merged.syncId()).isEqualTo(second);
            assertThat(merged.resourceTypes()).containsExactly("github.member");
            assertThat(merged.failedTypes()).containsExactly("github.repository");
            assertThat(merged.error()).isEqualTo("GitHub answered 500");
            assertThat(requests.done(org.id(), connection, first)).as("a newer sync merged in").isFalse();
            assertThat(requests.done(org.id(), connection, second)).isTrue();
            assertThat(requests.find(org.id(), connection)).isEmpty();
        });
    }

    @Test
    void everyChangeIsANewVersionAndResultsRecordTheVersionTheyCameFrom() {
        member("1", "ann", true);
        Response created = api.post("/api/v1/checks", custom("custom.ann-is-owner", "resource.attributes.role == 'admin'"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        sync();
        assertThat(api.get("/api/v1/checks/" + id + "/results").json().get("results").get(0).get("checkVersion").asInt())
                .isEqualTo(1);
        assertThat(outcomes(id, null)).containsEntry("ann", "fail");

        Map<String, Object> change = custom("custom.ann-is-owner", "resource.attributes.role in ['admin', 'member']");
        change.put("expectedVersion", 1);
        Response updated = put("/api/v1/checks/" + id, change);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("version").asInt()).isEqualTo(2);
        Response stale = put("/api/v1/checks/" + id, change);
        assertThat(stale.status()).isEqualTo(409);

        clock.tick(Duration.ofMinutes(5));
        sync();
        JsonNode now = api.get("/api/v1/checks/" + id + "/results").json().get("results").get(0);
        assertThat(now.get("checkVersion").asInt()).isEqualTo(2);
        assertThat(now.get("outcome").asText()).isEqualTo("pass");
        JsonNode versions = api.get("/api/v1/checks/" + id + "/versions").json();
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).get("expression").asText()).isEqualTo("resource.attributes.role == 'admin'");

        Response disabled = api.post("/api/v1/checks/" + id + "/disable", Map.of());
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        member("1", "ann", false);
        inventory.put(org.id(), github, "github", "github.member", "1", "ann", null, Map.of("login", "ann", "role", "x"));
        clock.tick(Duration.ofMinutes(5));
        sync();
        assertThat(outcomes(id, null)).as("a disabled check is not evaluated").containsEntry("ann", "pass");
        assertThat(audit()).contains("check.created", "check.updated", "check.disabled");
    }

    @Test
    void resultsAreIntervalsThatChangeOnlyWhenOutcomesChange() {
        member("1", "ann", true);
        member("2", "bob", false);
        Instant first = clock.instant();
        sync();
        assertThat(outcomes(TWO_FA, null)).containsEntry("ann", "pass").containsEntry("bob", "fail");
        assertThat(intervalRows(TWO_FA)).isEqualTo(2);
        List<CheckStateChanged> events = changes.of(org.id(), TWO_FA);
        assertThat(events).extracting(e -> e.resourceName() + ":" + e.previousOutcome() + ">" + e.outcome())
                .containsExactlyInAnyOrder("ann:null>pass", "bob:null>fail");
        assertThat(events.get(0).checkVersion()).isEqualTo(1);
        assertThat(events.get(0).severity()).isEqualTo("high");

        clock.tick(Duration.ofHours(1));
        sync();
        assertThat(intervalRows(TWO_FA)).as("unchanged outcomes add no rows").isEqualTo(2);
        assertThat(changes.of(org.id(), TWO_FA)).hasSize(2);

        member("2", "bob", true);
        Instant fixed = clock.instant();
        sync();
        assertThat(outcomes(TWO_FA, null)).containsEntry("bob", "pass");
        assertThat(intervalRows(TWO_FA)).isEqualTo(3);
        assertThat(changes.of(org.id(), TWO_FA)).last().satisfies(e -> {
            assertThat(e.resourceName()).isEqualTo("bob");
            assertThat(e.previousOutcome()).isEqualTo("fail");
            assertThat(e.outcome()).isEqualTo("pass");
        });
        String bob = keyOf(TWO_FA, "bob");
        JsonNode duration = api.get("/api/v1/checks/" + TWO_FA + "/failing-duration?resourceKey=" + bob + "&from="
                + first.minusSeconds(60)).json();
        assertThat(Duration.parse(duration.get("failing").asText())).isEqualTo(Duration.between(first, fixed));
        assertThat(duration.get("failingSince").isNull()).isTrue();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        JsonNode days = api.get("/api/v1/checks/" + TWO_FA + "/failing-days?from=" + today.minusDays(10) + "&to="
                + today.plusDays(1)).json();
        assertThat(days.get("days").asInt()).isBetween(1, 2);

        clock.tick(Duration.ofHours(1));
        inventory.remove(org.id(), github, "github.member", "1");
        Instant beforeRemoval = clock.instant();
        clock.tick(Duration.ofSeconds(1));
        sync();
        assertThat(outcomes(TWO_FA, null)).doesNotContainKey("ann");
        assertThat(outcomes(TWO_FA, beforeRemoval.toString())).containsEntry("ann", "pass");
        assertThat(outcomes(TWO_FA, first.minusSeconds(1).toString())).isEmpty();

        clock.tick(Duration.ofHours(1));
        sync(List.of(), List.of("github.member"), "GitHub answered 401 Bad credentials");
        JsonNode error = api.get("/api/v1/checks/" + TWO_FA + "/results?outcome=error").json().get("results").get(0);
        assertThat(error.get("resourceName").asText()).isEqualTo("bob");
        assertThat(error.get("detail").asText()).contains("401 Bad credentials");
        JsonNode history = api.get("/api/v1/checks/" + TWO_FA + "/history?resourceKey=" + bob + "&from="
                + first.minusSeconds(1)).json();
        assertThat(history).extracting(h -> h.get("outcome").asText()).containsExactly("fail", "pass", "error");
        assertThat(history.get(0).get("to").asText()).isEqualTo(history.get(1).get("from").asText());
    }

    @Test
    void anAcceptedFailureIsExceptedUntilItsExceptionEnds() {
        member("1", "ann", false);
        member("2", "bob", false);
        sync();
        String ann = keyOf(TWO_FA, "ann");
        Response granted = api.post("/api/v1/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", ann,
                "reason", "Hardware key on order", "expiresAt", clock.instant().plus(Duration.ofDays(2)).toString()));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("approvedByLabel").asText()).as("the caller approves").contains("API token");
        assertThat(outcomes(TWO_FA, null)).containsEntry("ann", "excepted").containsEntry("bob", "fail");
        assertThat(changes.of(org.id(), TWO_FA)).last().satisfies(e -> assertThat(e.outcome()).isEqualTo("excepted"));

        clock.tick(Duration.ofDays(1));
        sync();
        assertThat(outcomes(TWO_FA, null)).containsEntry("ann", "excepted");

        clock.tick(Duration.ofDays(2));
        assertThat(exceptionService.sweep(org.id())).isEqualTo(1);
        assertThat(outcomes(TWO_FA, null)).containsEntry("ann", "fail");
        assertThat(api.get("/api/v1/checks/" + TWO_FA + "/exceptions").json().get(0).get("valid").asBoolean()).isFalse();

        String bob = keyOf(TWO_FA, "bob");
        Response another = api.post("/api/v1/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", bob,
                "reason", "Service account", "expiresAt", clock.instant().plus(Duration.ofDays(30)).toString()));
        assertThat(outcomes(TWO_FA, null)).containsEntry("bob", "excepted");
        assertThat(api.delete("/api/v1/checks/" + TWO_FA + "/exceptions/" + another.json().get("id").asText()).status())
                .isEqualTo(204);
        assertThat(outcomes(TWO_FA, null)).containsEntry("bob", "fail");
        assertThat(audit()).contains("check.exception_granted", "check.exception_revoked");

        member("3", "cat", true);
        sync();
        Response passing = api.post("/api/v1/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", keyOf(TWO_FA, "cat"),
                "reason", "x", "expiresAt", clock.instant().plus(Duration.ofDays(3)).toString()));
        assertThat(passing.status()).as("only failing resources can be accepted").isEqualTo(409);
        Response invalid = api.post("/api/v1/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", ann,
                "reason", "", "expiresAt", clock.instant().minusSeconds(5).toString()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").toString()).contains("reason").contains("expiresAt");
    }

    @Test
    void everySyncAddsOneEvidenceRecordPerEvaluatedCheckOnce() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Object> program = Programs.typeTwo("SOC 2 monitored");
        program.put("periodStart", today.minusMonths(6).withDayOfMonth(1).toString());
        program.put("periodEnd", today.minusMonths(6).withDayOfMonth(1).plusMonths(12).minusDays(1).toString());
        assertThat(api.post("/api/v1/programs", program).status()).isEqualTo(201);
        Response adopted = api.post("/api/v1/controls/library/adopt", Map.of("controlIds", List.of("AC-02")));
        assertThat(adopted.status()).as(adopted.body()).isIn(200, 201);
        String control = adopted.json().get("adopted").get(0).get("id").asText();
        member("1", "ann", true);
        member("2", "bob", false);
        // published inside the sync's transaction, as the integration module does: evaluated after its commit
        UUID syncId = UUID.randomUUID();
        transaction.executeWithoutResult(status -> publisher.publishEvent(new ConnectionSynced(org.id(), github, "github",
                syncId, clock.instant(), List.of("github.member"), List.of(), null, "ab".repeat(32))));
        evaluated();
        assertThat(outcomes(TWO_FA, null)).containsEntry("bob", "fail");
        JsonNode records = api.get("/api/v1/evidence?kind=CONNECTOR_RECORD&limit=200").json().get("items");
        long perCheck = api.get("/api/v1/checks").json().valueStream().filter(c -> c.get("enabled").asBoolean()
                && (c.get("resourceType").asText().equals("github.member")
                || c.get("joins").toString().contains("github.member"))).count();
        assertThat(records.size()).isEqualTo((int) perCheck);
        JsonNode twoFa = records.valueStream().filter(r -> r.get("title").asText().startsWith("Check " + TWO_FA + " v1"))
                .findFirst().orElseThrow();
        assertThat(twoFa.get("title").asText()).contains("1 pass, 1 fail");
        assertThat(twoFa.get("source").get("connector").asText()).isEqualTo("github");
        assertThat(twoFa.get("source").get("query").asText()).isEqualTo(TWO_FA + "@1 over github.member");
        assertThat(twoFa.get("effectiveFrom").asText()).isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        JsonNode linked = api.get("/api/v1/evidence?control=" + control).json().get("items");
        assertThat(linked.valueStream().map(r -> r.get("title").asText())).anyMatch(t -> t.startsWith("Check " + TWO_FA));

        publisher.publishEvent(new ConnectionSynced(org.id(), github, "github", syncId, clock.instant(),
                List.of("github.member"), List.of(), null, "ab".repeat(32)));
        evaluated();
        assertThat(api.get("/api/v1/evidence?kind=CONNECTOR_RECORD&limit=200").json().get("items").size())
                .as("the same sync adds nothing twice").isEqualTo((int) perCheck);
    }

    @Autowired
    private dev.evident.monitoring.MonitoringHistory history;

    @Test
    void historyWrittenAfterTheFactIsQueriedLikeLiveHistoryAndLeavesEvidenceForEachPastSync() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Object> program = Programs.typeTwo("SOC 2 backfilled");
        program.put("periodStart", today.minusMonths(2).withDayOfMonth(1).toString());
        program.put("periodEnd", today.minusMonths(2).withDayOfMonth(1).plusMonths(12).minusDays(1).toString());
        assertThat(api.post("/api/v1/programs", program).status()).isEqualTo(201);
        member("1", "ann", true);
        member("2", "bob", false);
        Instant now = clock.instant();
        sync();
        int notified = changes.of(org.id(), TWO_FA).size();
        String bob = keyOf(TWO_FA, "bob");
        String carol = dev.evident.monitoring.MonitoringHistory.resourceKey(github, "3");
        Instant tenDaysAgo = now.minus(Duration.ofDays(10));
        Instant threeDaysAgo = now.minus(Duration.ofDays(3));
        List<dev.evident.monitoring.MonitoringHistory.PastResult> past = List.of(
                past(keyOf(TWO_FA, "ann"), "ann", "pass", null, tenDaysAgo, null),
                past(bob, "bob", "pass", null, tenDaysAgo, threeDaysAgo),
                past(bob, "bob", "fail", "2FA is off", threeDaysAgo, null),
                past(carol, "carol", "pass", null, tenDaysAgo, now.minus(Duration.ofDays(5))));

        assertThat(history.backfill(org.id(), now, past)).isEqualTo(4);

        assertThat(outcomes(TWO_FA, now.minus(Duration.ofDays(6)).toString()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ann", "pass", "bob", "pass", "carol", "pass"));
        assertThat(outcomes(TWO_FA, now.minus(Duration.ofDays(2)).toString()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ann", "pass", "bob", "fail"));
        assertThat(outcomes(TWO_FA, null)).containsExactlyInAnyOrderEntriesOf(Map.of("ann", "pass", "bob", "fail"));
        assertThat(history.openResults(org.id())).filteredOn(r -> r.checkKey().equals(TWO_FA) && r.resourceKey().equals(bob))
                .singleElement().satisfies(r -> assertThat(r.since()).isEqualTo(threeDaysAgo));
        assertThat(changes.of(org.id(), TWO_FA)).as("old news is not announced").hasSize(notified);

        UUID pastSync = UUID.randomUUID();
        int records = history.recordEvidence(org.id(), List.of(new dev.evident.monitoring.MonitoringHistory.PastSync(
                pastSync, github, "github", now.minus(Duration.ofDays(6)), List.of("github.member"), "cd".repeat(32))));
        assertThat(records).isPositive();
        JsonNode twoFa = api.get("/api/v1/evidence?kind=CONNECTOR_RECORD&limit=200").json().get("items").valueStream()
                .filter(r -> r.get("title").asText().startsWith("Check " + TWO_FA + " v1")
                        && r.get("effectiveFrom").asText().equals(today.minusDays(6).toString()))
                .findFirst().orElseThrow();
        assertThat(twoFa.get("title").asText()).as("the state six days ago").contains("3 pass, 0 fail");
    }

    private static dev.evident.monitoring.MonitoringHistory.PastResult past(String key, String name, String outcome,
                                                                            String detail, Instant from, Instant to) {
        return new dev.evident.monitoring.MonitoringHistory.PastResult(TWO_FA, "github.member", key, name, outcome, detail,
                from, to);
    }

    private Response put(String path, Object body) {
        return api.raw("PUT", path, ApiClient.JSON.writeValueAsString(body), "application/json");
    }

    @Test
    void aTerminatedPersonStillInGitHubFailsWhicheverSourceSyncsLast() {
        UUID roster = UUID.randomUUID();
        String check = "hr.terminated-removed-from-github";
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("email", "ann@acme.example");
        ann.put("status", "terminated");
        ann.put("endDate", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(10).toString());
        inventory.put(org.id(), roster, "hr-roster", "hr.person", "ann@acme.example", "Ann", null, ann);
        inventory.put(org.id(), roster, "hr-roster", "hr.person", "bob@acme.example", "Bob", null,
                Map.of("email", "bob@acme.example", "status", "active"));
        publisher.publishEvent(new ConnectionSynced(org.id(), roster, "hr-roster", UUID.randomUUID(), clock.instant(),
                List.of("hr.person"), List.of(), null, "cd".repeat(32)));
        evaluated();
        assertThat(outcomes(check, null)).containsEntry("Ann", "pass").containsEntry("Bob", "pass");

        // a GitHub account with a personal address, linked to Ann by the inventory
        inventory.put(org.id(), github, "github", "github.member", "7", "ann-gh", "ann@acme.example",
                Map.of("login", "ann-gh", "role", "member"));
        clock.tick(Duration.ofMinutes(1));
        sync();
        Map<String, String> after = outcomes(check, null);
        assertThat(after).containsEntry("Ann", "fail").containsEntry("Bob", "pass");
        JsonNode failing = api.get("/api/v1/checks/" + check + "/results?outcome=fail").json().get("results").get(0);
        assertThat(failing.get("detail").asText()).contains("ann-gh");
        assertThat(outcomes("github.member-known-person", null)).containsEntry("ann-gh", "pass");
        assertThat(outcomes("github.member-not-terminated", null)).containsEntry("ann-gh", "fail");
    }

    @Test
    void aBuiltInCheckTakesTheOrganizationsParametersAsANewVersion() {
        inventory.put(org.id(), github, "github", "github.member", "1", "root", null,
                Map.of("login", "root", "role", "admin"));
        String check = "github.owner-approved";
        JsonNode current = api.get("/api/v1/checks/" + check).json();
        Map<String, Object> change = ApiClient.JSON.convertValue(current, Map.class);
        change.put("parameters", Map.of("approvedAdmins", List.of("root")));
        change.put("expectedVersion", 1);
        change.remove("id");
        Response updated = put("/api/v1/checks/" + check, change);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/checks/" + check + "/versions").json().get(1).get("origin").asText()).isEqualTo("user");

        Response evaluated = api.post("/api/v1/checks/" + check + "/evaluate", Map.of());
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        assertThat(evaluated.json().get("counts").get("pass").asInt()).isEqualTo(1);
        assertThat(outcomes(check, null)).containsEntry("root", "pass");

        assertThat(api.post("/api/v1/checks/" + check + "/disable", Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/checks/" + check + "/evaluate", Map.of()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/checks/" + check + "/enable", Map.of()).json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void anAuditorReadsChecksButCannotChangeThem() {
        String secret = "auditor-token-" + UUID.randomUUID() + "-0123456789";
        provisioningToken(secret);
        ApiClient auditor = api(secret);
        assertThat(auditor.get("/api/v1/checks").status()).isEqualTo(200);
        assertThat(auditor.post("/api/v1/checks", custom("custom.nope", "true")).status()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/checks/" + TWO_FA + "/disable", Map.of()).status()).isEqualTo(403);
    }

    @Autowired
    private dev.evident.identity.Provisioning provisioning;

    private void provisioningToken(String secret) {
        provisioning.registerToken(org.id(), "auditor", dev.evident.shared.security.Role.AUDITOR, secret, "test");
    }

    private List<String> audit() {
        return jdbc.sql("SELECT action FROM audit_log_entry WHERE org_id = :org").param("org", org.id())
                .query(String.class).list();
    }

    private static Map<String, Object> custom(String key, String expression) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("key", key);
        check.put("title", "Custom " + key);
        check.put("resourceType", "github.member");
        check.put("expression", expression);
        check.put("severity", "medium");
        check.put("controls", List.of("AC-02"));
        return check;
    }
}
