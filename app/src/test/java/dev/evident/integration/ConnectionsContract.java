package dev.evident.integration;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.integration.internal.IntegrationTestSupport;
import dev.evident.integration.testconnector.ScriptedConnectorFactory;
import dev.evident.integration.testconnector.Scripts;
import dev.evident.integration.testconnector.Scripts.Account;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Connections on a real database through the API: sealed and masked secrets, schema validation,
 * connection tests, syncs run by db-scheduler into the inventory, failures, retries, the failing flag,
 * documents and identity links. Syncs run on scheduler threads, so tests wait for the sync log.
 */
@Import(IntegrationTestSupport.class)
@TestPropertySource(properties = {"evident.integration.scheduler.polling-interval=200ms",
        "evident.integration.max-document-size=4096"})
abstract class ConnectionsContract extends IntegrationTest {

    private static final String TOKEN = "valid-token-0123456789-wxyz";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IntegrationTestSupport.Pauses pauses;

    @Autowired
    IntegrationTestSupport.SyncedEvents synced;

    @Autowired
    Inventory inventory;

    @Autowired
    ResourceChecks resourceChecks;

    record Setup(Organization org, String script) {
        ApiClient api() {
            return org.api();
        }
    }

    Setup setup(String name) {
        return new Setup(newOrganization(name), "script-" + UUID.randomUUID());
    }

    Map<String, Object> connection(Setup s, String name) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("baseUrl", "https://scripted.example.com");
        settings.put("apiToken", TOKEN);
        settings.put("script", s.script());
        return body("connector", ScriptedConnectorFactory.NAME, "displayName", name, "settings", settings);
    }

    String create(Setup s, String name) {
        Response created = s.api().post("/api/v1/connections", connection(s, name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Asks for a sync and waits until the sync log shows it finished. */
    JsonNode syncNow(Setup s, String id) {
        int before = finishedSyncs(s, id).size();
        Response requested = s.api().post("/api/v1/connections/" + id + "/sync", Map.of());
        for (int i = 0; i < 100 && requested.status() == 409; i++) {
            pause(); // the previous run is still rescheduling itself
            requested = s.api().post("/api/v1/connections/" + id + "/sync", Map.of());
        }
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        return awaitSync(s, id, runs -> runs.size() > before);
    }

    /** The connection once its next sync is planned (while a run finishes, none is). */
    JsonNode awaitPlanned(Setup s, String id) {
        for (int i = 0; i < 300; i++) {
            JsonNode view = s.api().get("/api/v1/connections/" + id).json();
            if (!view.get("nextSyncAt").isNull()) {
                return view;
            }
            pause();
        }
        throw new AssertionError("the next sync of " + id + " was never planned");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitSync(Setup s, String id, Predicate<List<JsonNode>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> runs = finishedSyncs(s, id);
            if (done.test(runs)) {
                return runs.get(0);
            }
            pause();
        }
        throw new AssertionError("no sync of " + id + " finished: " + s.api().get("/api/v1/connections/" + id + "/syncs").body());
    }

    List<JsonNode> finishedSyncs(Setup s, String id) {
        List<JsonNode> runs = new ArrayList<>();
        s.api().get("/api/v1/connections/" + id + "/syncs").json().get("items").forEach(r -> {
            if (!r.get("status").asText().equals("running")) {
                runs.add(r);
            }
        });
        return runs;
    }

    Map<String, JsonNode> inventoryByType(Setup s, String id) {
        Map<String, JsonNode> byType = new HashMap<>();
        s.api().get("/api/v1/connections/" + id + "/inventory").json().forEach(t -> byType.put(t.get("type").asText(), t));
        return byType;
    }

    @Test
    void connectorsAreListedWithTheirSchema() {
        JsonNode connectors = adminApi().get("/api/v1/connectors").json();
        JsonNode scripted = null;
        for (JsonNode c : connectors) {
            if (c.get("name").asText().equals(ScriptedConnectorFactory.NAME)) {
                scripted = c;
            }
        }
        assertThat(scripted).as(connectors.toString()).isNotNull();
        assertThat(scripted.get("fields").findValuesAsString("name"))
                .containsExactly("baseUrl", "apiToken", "script", "mode", "roster", "notes");
        assertThat(scripted.get("fields").get(1).get("type").asText()).isEqualTo("SECRET");
        assertThat(scripted.get("fields").get(3).get("options").toString()).contains("incremental");
    }

    @Test
    void secretsAreSealedMaskedKeptWhenTheMaskComesBackAndRotated() {
        Setup s = setup("Secrets");
        String id = create(s, "Scripted");
        JsonNode view = s.api().get("/api/v1/connections/" + id).json();
        String mask = view.get("settings").get("apiToken").asText();
        assertThat(mask).isEqualTo("••••••••wxyz").doesNotContain("valid-token");
        assertThat(view.get("secretsSet").toString()).contains("apiToken");
        assertThat(view.get("syncIntervalMinutes").asInt()).isEqualTo(60);
        assertThat(view.get("status").asText()).isEqualTo("never_synced");
        String stored = storedSettings(id);
        assertThat(stored).doesNotContain(TOKEN).doesNotContain("0123456789").contains("v1:");

        // The mask sent back keeps the secret: the stored ciphertext does not change and the test still passes.
        Response kept = s.api().patch("/api/v1/connections/" + id, body("settings",
                Map.of("apiToken", mask, "notes", "read-only token of the platform team")));
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(storedSettings(id)).contains(ciphertext(stored));
        assertThat(test(s, id).get("passed").asBoolean()).isTrue();

        // A new value rotates it.
        Response rotated = s.api().patch("/api/v1/connections/" + id, body("settings",
                Map.of("apiToken", "expired-token-9876543210-abcd")));
        assertThat(rotated.json().get("settings").get("apiToken").asText()).isEqualTo("••••••••abcd");
        assertThat(storedSettings(id)).doesNotContain("expired-token").doesNotContain(ciphertext(stored));
        JsonNode failed = test(s, id);
        assertThat(failed.get("passed").asBoolean()).isFalse();
        assertThat(failed.get("steps").findValuesAsString("name")).containsExactly("Reach https://scripted.example.com",
                "Authenticate");
        assertThat(failed.get("steps").get(1).get("message").asText()).contains("401");

        // The old mask, sent back by a form loaded before the rotation, is refused rather than stored as the token.
        Response stale = s.api().patch("/api/v1/connections/" + id, body("settings", Map.of("apiToken", mask)));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().get("errors").get(0).get("field").asText()).isEqualTo("settings.apiToken");
        assertThat(test(s, id).get("steps").get(1).get("passed").asBoolean()).isFalse();

        String audit = s.api().get("/api/v1/audit-log?limit=50").body();
        assertThat(audit).contains("connection.created", "connection.updated", "rotated")
                .doesNotContain("expired-token").doesNotContain(TOKEN);
    }

    @Test
    void settingsAreValidatedAgainstTheSchemaNamingEachField() {
        Setup s = setup("Validation");
        Map<String, Object> settings = new HashMap<>();
        settings.put("baseUrl", "not a url");
        settings.put("mode", "sometimes");
        settings.put("colour", "blue");
        Response refused = s.api().post("/api/v1/connections", body("connector", ScriptedConnectorFactory.NAME,
                "displayName", "Bad", "settings", settings, "syncIntervalMinutes", 1));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("settings.baseUrl",
                "settings.apiToken", "settings.mode", "settings.colour", "syncIntervalMinutes");
        assertThat(refused.body()).contains("API base URL must be an absolute http", "API token is required",
                "must be one of: full, incremental");

        Response unknown = s.api().post("/api/v1/connections", body("connector", "no-such-thing", "settings", Map.of()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("connector");
        assertThat(s.api().get("/api/v1/connections").json().size()).isZero();

        String id = create(s, "Good");
        Response duplicate = s.api().post("/api/v1/connections", connection(s, "good"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("errors").get(0).get("field").asText()).isEqualTo("displayName");
        Response badUpdate = s.api().patch("/api/v1/connections/" + id, body("settings", Map.of("baseUrl", "")));
        assertThat(badUpdate.status()).isEqualTo(400);
        assertThat(badUpdate.json().get("errors").get(0).get("field").asText()).isEqualTo("settings.baseUrl");
        assertThat(storedSettings(id)).contains("https://scripted.example.com");
    }

    @Test
    void settingsOnlyTheConnectorCanJudgeAreRefusedAtSaveTimeNamingTheField() {
        Setup s = setup("Connector validation");
        Response http = s.api().post("/api/v1/connections", body("connector", "okta", "displayName", "Okta",
                "settings", Map.of("orgUrl", "http://acme.okta.com", "apiToken", "00abcdefghijklmnop")));
        assertThat(http.status()).as(http.body()).isEqualTo(400);
        assertThat(http.json().get("errors").findValuesAsString("field")).containsExactly("settings.orgUrl");
        assertThat(http.body()).contains("Okta org URL must start with https://");
        assertThat(s.api().get("/api/v1/connections").json().size()).as("nothing saved").isZero();

        Response google = s.api().post("/api/v1/connections", body("connector", "google-workspace", "displayName",
                "Workspace", "settings", Map.of("serviceAccountKey", "{not json", "adminEmail", "admin@example.com",
                        "customerId", "my_customer")));
        assertThat(google.status()).as(google.body()).isEqualTo(400);
        assertThat(google.json().get("errors").findValuesAsString("field")).containsExactly("settings.serviceAccountKey");
        assertThat(google.body()).contains("Service account key does not parse as JSON");
        assertThat(s.api().get("/api/v1/connections").json().size()).as("nothing saved").isZero();

        Response created = s.api().post("/api/v1/connections", body("connector", "okta", "displayName", "Okta",
                "settings", Map.of("orgUrl", "https://acme.okta.com", "apiToken", "00abcdefghijklmnop")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response admin = s.api().patch("/api/v1/connections/" + id, body("settings",
                Map.of("orgUrl", "https://acme-admin.okta.com")));
        assertThat(admin.status()).as(admin.body()).isEqualTo(400);
        assertThat(admin.json().get("errors").findValuesAsString("field")).containsExactly("settings.orgUrl");
        assertThat(admin.body()).contains("points at the Admin Console");
        assertThat(storedSettings(id)).contains("https://acme.okta.com").doesNotContain("acme-admin");
    }

    @Test
    void syncNowFillsTheInventoryLogsTheRunAndPublishesTheEvent() {
        Setup s = setup("Sync");
        String id = create(s, "Scripted");
        JsonNode run = syncNow(s, id);

        assertThat(run.get("status").asText()).isEqualTo("ok");
        assertThat(run.get("trigger").asText()).isEqualTo("manual");
        assertThat(run.get("typeCounts").get(ScriptedConnectorFactory.ACCOUNT).asInt()).isEqualTo(2);
        assertThat(run.get("typeCounts").get(ScriptedConnectorFactory.REPO).asInt()).isEqualTo(2);
        assertThat(run.get("finishedAt").isNull()).isFalse();

        List<InventoryResource> accounts = new ArrayList<>();
        inventory.forEach(s.org().id(), ScriptedConnectorFactory.ACCOUNT, accounts::add);
        assertThat(accounts).extracting(InventoryResource::externalId).containsExactlyInAnyOrder("u1", "u2");
        InventoryResource alice = accounts.stream().filter(r -> r.externalId().equals("u1")).findFirst().orElseThrow();
        assertThat(alice.personEmail()).isEqualTo("alice@example.com");
        assertThat(alice.connector()).isEqualTo(ScriptedConnectorFactory.NAME);
        assertThat(alice.attributesJson()).contains("\"login\":\"alice\"");
        assertThat(inventory.types(s.org().id())).contains(ScriptedConnectorFactory.ACCOUNT, ScriptedConnectorFactory.REPO);

        List<ConnectionSynced> events = synced.of(UUID.fromString(id));
        assertThat(events).hasSize(1);
        ConnectionSynced event = events.get(0);
        assertThat(event.orgId()).isEqualTo(s.org().id());
        assertThat(event.syncId().toString()).isEqualTo(run.get("id").asText());
        assertThat(event.resourceTypes()).contains(ScriptedConnectorFactory.ACCOUNT, ScriptedConnectorFactory.REPO);
        assertThat(event.failedTypes()).isEmpty();
        assertThat(event.error()).isNull();
        assertThat(event.payloadDigest()).isEqualTo(run.get("payloadDigest").asText()).matches("[0-9a-f]{64}");

        JsonNode view = s.api().get("/api/v1/connections/" + id).json();
        assertThat(view.get("status").asText()).isEqualTo("ok");
        assertThat(view.get("lastSuccessAt").isNull()).isFalse();
        JsonNode resources = s.api().get("/api/v1/resources?type=" + ScriptedConnectorFactory.ACCOUNT).json().get("items");
        assertThat(resources.findValuesAsString("externalId")).containsExactly("u1", "u2");
        assertThat(resources.get(0).get("attributes").get("login").asText()).isEqualTo("alice");
        assertThat(resources.get(0).get("personEmail").asText()).isEqualTo("alice@example.com");
        assertThat(s.api().get("/api/v1/resources?connection=nope").status()).isEqualTo(400);
        assertThat(inventoryByType(s, id).get(ScriptedConnectorFactory.ACCOUNT).get("count").asInt()).isEqualTo(2);
        // Other organizations see nothing of it.
        assertThat(adminApi().get("/api/v1/connections/" + id).status()).isEqualTo(404);
    }

    @Test
    void theInventoryIsReadPageByPageWithAnOpaqueCursor() {
        Setup s = setup("Pages");
        String first = create(s, "Scripted one");
        String second = create(s, "Scripted two");
        syncNow(s, first);
        syncNow(s, second);
        JsonNode all = s.api().get("/api/v1/resources?limit=1000").json();
        assertThat(all.get("nextCursor").isNull()).isTrue();
        List<String> expected = new java.util.ArrayList<>();
        all.get("items").forEach(r -> expected.add(r.get("type").asText() + "|" + r.get("connectionId").asText() + "|"
                + r.get("externalId").asText()));
        assertThat(expected).hasSizeGreaterThan(4).doesNotHaveDuplicates();
        assertThat(expected.stream().map(k -> k.split("\\|")[0]).toList()).isSorted();

        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = s.api().get("/api/v1/resources?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isBetween(1, 3);
            page.json().get("items").forEach(r -> paged.add(r.get("type").asText() + "|"
                    + r.get("connectionId").asText() + "|" + r.get("externalId").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(paged).as("every resource once, in the same order").containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 2) / 3);

        // text in the name, id or email, any case; LIKE's wildcards are plain characters
        Response alice = s.api().get("/api/v1/resources?q=ALICE@EXAMPLE&connection=" + first);
        assertThat(alice.json().get("items").findValuesAsString("displayName")).containsExactly("alice");
        assertThat(s.api().get("/api/v1/resources?q=%25").json().get("items").size()).isZero();
        assertThat(s.api().get("/api/v1/resources?q=_").json().get("items").size()).isZero();

        // filters stay with the cursor
        Response accounts = s.api().get("/api/v1/resources?limit=1&type=" + ScriptedConnectorFactory.ACCOUNT);
        Response next = s.api().get("/api/v1/resources?limit=1&type=" + ScriptedConnectorFactory.ACCOUNT + "&cursor="
                + accounts.json().get("nextCursor").asText());
        assertThat(next.json().get("items").get(0).get("type").asText()).isEqualTo(ScriptedConnectorFactory.ACCOUNT);

        for (String bad : List.of("cursor=not-a-cursor!", "cursor=" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"x\"]".getBytes(StandardCharsets.UTF_8)), "limit=0", "limit=1001")) {
            Response refused = s.api().get("/api/v1/resources?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo(bad.split("=")[0]);
        }
    }

    @Test
    void aFailedTypeKeepsItsPreviousResourcesAndVanishedOnesAreRemoved() {
        Setup s = setup("Failure");
        Scripts.plan(s.script(), ScriptedConnectorFactory.ACCOUNT,
                Scripts.ok(new Account("u1", "alice", "alice@example.com"), new Account("u2", "bob", "bob@example.com")),
                Scripts.fail("401 Bad credentials"),
                Scripts.ok(new Account("u1", "alice", "alice@example.com")));
        String id = create(s, "Scripted");
        syncNow(s, id);

        JsonNode failed = syncNow(s, id);
        assertThat(failed.get("status").asText()).isEqualTo("partial");
        assertThat(failed.get("error").asText()).contains(ScriptedConnectorFactory.ACCOUNT, "401 Bad credentials");
        assertThat(failed.get("failedTypes").toString()).contains(ScriptedConnectorFactory.ACCOUNT);
        JsonNode accounts = inventoryByType(s, id).get(ScriptedConnectorFactory.ACCOUNT);
        assertThat(accounts.get("count").asInt()).isEqualTo(2);
        assertThat(accounts.get("stale").asBoolean()).isTrue();
        assertThat(accounts.get("lastError").asText()).contains("401");
        assertThat(inventoryByType(s, id).get(ScriptedConnectorFactory.REPO).get("stale").asBoolean()).isFalse();
        ConnectionSynced event = synced.of(UUID.fromString(id)).get(1);
        assertThat(event.failedTypes()).containsExactly(ScriptedConnectorFactory.ACCOUNT);
        assertThat(event.resourceTypes()).doesNotContain(ScriptedConnectorFactory.ACCOUNT);
        assertThat(event.error()).contains("401 Bad credentials");
        JsonNode view = s.api().get("/api/v1/connections/" + id).json();
        assertThat(view.get("status").asText()).isEqualTo("error");
        assertThat(view.get("lastError").asText()).contains("401");

        JsonNode recovered = syncNow(s, id);
        assertThat(recovered.get("status").asText()).isEqualTo("ok");
        List<String> ids = new ArrayList<>();
        inventory.forEach(s.org().id(), ScriptedConnectorFactory.ACCOUNT, r -> ids.add(r.externalId()));
        assertThat(ids).containsExactly("u1");
        assertThat(inventoryByType(s, id).get(ScriptedConnectorFactory.ACCOUNT).get("stale").asBoolean()).isFalse();
    }

    @Test
    void transientFailuresAreRetriedWithBackoffHonouringRetryAfter() {
        Setup s = setup("Retry");
        Scripts.plan(s.script(), ScriptedConnectorFactory.ACCOUNT, Scripts.rateLimited(Duration.ofSeconds(30)),
                Scripts.transient_("502 Bad Gateway"), Scripts.ok(new Account("u9", "carol", "carol@example.com")));
        String id = create(s, "Scripted");
        pauses.clear();
        JsonNode run = syncNow(s, id);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("ok");
        assertThat(run.get("attempts").asInt()).isEqualTo(5); // three for accounts, one each for repos and rows
        assertThat(pauses.recorded()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(4));
        assertThat(run.get("typeCounts").get(ScriptedConnectorFactory.ACCOUNT).asInt()).isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanASyncMayWaitEndsTheTryAndPostponesTheNextSync() {
        Setup s = setup("RateLimit");
        Scripts.plan(s.script(), ScriptedConnectorFactory.ACCOUNT, Scripts.rateLimited(Duration.ofMinutes(45)));
        String id = create(s, "Scripted");
        pauses.clear();
        JsonNode run = syncNow(s, id);

        assertThat(run.get("status").asText()).isEqualTo("partial");
        assertThat(run.get("error").asText()).contains("429", "2700 s");
        assertThat(pauses.recorded()).isEmpty();
        JsonNode view = awaitPlanned(s, id);
        Duration untilNext = Duration.between(java.time.Instant.parse(view.get("lastSyncAt").asText()),
                java.time.Instant.parse(view.get("nextSyncAt").asText()));
        assertThat(untilNext).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aConnectionFailingThreeSyncsInARowIsFlaggedAndShownOnTheDashboard() {
        Setup s = setup("Failing");
        Scripts.plan(s.script(), ScriptedConnectorFactory.ACCOUNT, Scripts.fail("403 organization access revoked"));
        Scripts.plan(s.script(), ScriptedConnectorFactory.REPO, Scripts.fail("403 organization access revoked"));
        String id = create(s, "Flaky source");
        for (int i = 1; i <= 2; i++) {
            syncNow(s, id);
            assertThat(s.api().get("/api/v1/connections/" + id).json().get("failing").asBoolean()).isFalse();
        }
        syncNow(s, id);
        JsonNode view = s.api().get("/api/v1/connections/" + id).json();
        assertThat(view.get("failing").asBoolean()).isTrue();
        assertThat(view.get("status").asText()).isEqualTo("failing");
        assertThat(view.get("consecutiveFailures").asInt()).isEqualTo(3);
        // Failed syncs are retried sooner than the interval: 1, 2, 4 minutes after the first, second, third failure.
        view = awaitPlanned(s, id);
        assertThat(Duration.between(java.time.Instant.parse(view.get("lastSyncAt").asText()),
                java.time.Instant.parse(view.get("nextSyncAt").asText()))).isEqualTo(Duration.ofMinutes(4));

        var web = browserlessSession();
        web.signIn(s.org().adminEmail(), s.org().adminPassword());
        var dashboard = web.get("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Failing connections", "Flaky source", "403 organization access revoked");
        var page = web.get("/integrations/" + id);
        assertThat(page.body()).contains("Failing", "403 organization access revoked");
    }

    @Test
    void theSchedulerRunsADueSyncOnItsOwn() {
        Setup s = setup("Scheduled");
        String id = create(s, "Scripted");
        assertThat(finishedSyncs(s, id)).isEmpty();
        clock.tick(Duration.ofMinutes(2)); // the first sync is due one minute after creation
        JsonNode run = awaitSync(s, id, runs -> !runs.isEmpty());
        assertThat(run.get("trigger").asText()).isEqualTo("scheduled");
        assertThat(run.get("status").asText()).isEqualTo("ok");
        JsonNode view = awaitPlanned(s, id);
        assertThat(Duration.between(java.time.Instant.parse(view.get("lastSyncAt").asText()),
                java.time.Instant.parse(view.get("nextSyncAt").asText()))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void twoNodesRunEachDueSyncOnce() throws Exception {
        Setup s = setup("TwoNodes");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(create(s, "Scripted " + i));
        }
        try (AutoCloseable second = IntegrationTestSupport.secondNode(context)) {
            clock.tick(Duration.ofMinutes(2)); // all four first syncs fall due at once, on both nodes
            for (String id : ids) {
                awaitSync(s, id, runs -> !runs.isEmpty());
            }
        }
        for (String id : ids) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM integration_sync WHERE connection_id = :id")
                    .param("id", UUID.fromString(id)).query(Integer.class).single()).as(id).isEqualTo(1);
            assertThat(synced.of(UUID.fromString(id))).as(id).hasSize(1);
        }
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void documentsAreStoredHashedAndReadByCollectors() {
        Setup s = setup("Documents");
        String id = create(s, "Scripted");
        byte[] roster = "dana@example.com\neve@example.com\n".getBytes(StandardCharsets.UTF_8);
        Response uploaded = upload(s, id, "roster", "../roster.csv", roster);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().get("sha256").asText()).isEqualTo(dev.evident.verifier.Hashes.sha256Hex(roster));
        assertThat(uploaded.json().get("fileName").asText()).isEqualTo("roster.csv");
        JsonNode view = s.api().get("/api/v1/connections/" + id).json();
        assertThat(view.get("documents").get("roster").get("size").asLong()).isEqualTo(roster.length);

        JsonNode run = syncNow(s, id);
        assertThat(run.get("typeCounts").get(ScriptedConnectorFactory.ROW).asInt()).isEqualTo(2);

        assertThat(upload(s, id, "baseUrl", "x.csv", roster).json().get("errors").get(0).get("field").asText())
                .isEqualTo("field");
        assertThat(upload(s, id, "roster", "big.csv", new byte[5000]).status()).isEqualTo(413);
        assertThat(upload(s, id, "roster", "empty.csv", new byte[0]).status()).isEqualTo(400);
    }

    @Test
    void theBuiltInHrRosterReadsItsUploadedFileInTestsAndSyncs() {
        Setup s = setup("Roster");
        Response created = s.api().post("/api/v1/connections", body("connector", "hr-roster", "displayName", "HR"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode untested = test(s, id);
        assertThat(untested.get("passed").asBoolean()).isFalse();
        assertThat(untested.toString()).contains("roster");

        byte[] roster = ("name,email,start date,end date\nAna Lima,Ana@Acme.example,2024-01-15,\n"
                + "Bo Chen,bo@acme.example,2023-02-01,2024-06-30\n").getBytes(StandardCharsets.UTF_8);
        assertThat(upload(s, id, "roster", "roster.csv", roster).status()).isEqualTo(201);
        JsonNode tested = test(s, id);
        assertThat(tested.get("passed").asBoolean()).as(tested.toString()).isTrue();

        JsonNode run = syncNow(s, id);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("ok");
        assertThat(run.get("typeCounts").get("hr.person").asInt()).isEqualTo(2);
        Map<String, String> people = new HashMap<>();
        inventory.forEach(s.org().id(), "hr.person", r -> people.put(r.externalId(), r.personEmail()));
        assertThat(people).containsEntry("ana@acme.example", "ana@acme.example").containsKey("bo@acme.example");
    }

    @Test
    void accountsJoinTheirRosterPersonThroughAliasesFromEitherSide() {
        Setup s = setup("Aliases");
        String roster = s.api().post("/api/v1/connections", body("connector", "hr-roster", "displayName", "HR"))
                .json().get("id").asText();
        assertThat(upload(s, roster, "roster", "roster.csv", ("name,email,start date,end date,other emails\n"
                + "Ana Lima,ana@acme.example,2024-01-15,,\"Ana.Lima@acme.example; ana@old.example\"\n"
                + "Bo Chen,bo@acme.example,2023-02-01,2024-06-30,\n").getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(201);
        assertThat(syncNow(s, roster).get("status").asText()).isEqualTo("ok");
        Scripts.plan(s.script(), ScriptedConnectorFactory.ACCOUNT, Scripts.ok(
                new Account("u1", "ana", "ana.lima@acme.example"),
                new Account("u2", "bo-io", "bo.chen@acme.io", List.of("Bo@acme.example")),
                new Account("u3", "stranger", "zed@elsewhere.example", List.of("zed@acme.example")),
                new Account("u4", "old-ana", "ana@old.example")));
        String id = create(s, "Scripted");
        syncNow(s, id);

        Map<String, String> people = new HashMap<>();
        inventory.forEach(s.org().id(), ScriptedConnectorFactory.ACCOUNT, r -> people.put(r.externalId(), r.personEmail()));
        assertThat(people).as("the roster's other emails, and the account's own aliases, name the roster person")
                .containsEntry("u1", "ana@acme.example").containsEntry("u2", "bo@acme.example")
                .containsEntry("u4", "ana@acme.example")
                .as("someone the roster does not know is named by the smallest of their addresses")
                .containsEntry("u3", "zed@acme.example");
        JsonNode bo = s.api().get("/api/v1/people?email=bo.chen@acme.io").json();
        assertThat(bo.get("email").asText()).isEqualTo("bo@acme.example");
        assertThat(bo.get("rosterStatus").asText()).isEqualTo("terminated");
        assertThat(bo.get("endDate").asText()).isEqualTo("2024-06-30");
        assertThat(bo.get("accounts").findValuesAsString("externalId")).containsExactly("u2");
        assertThat(bo.get("accounts").get(0).get("joinedBy").asText()).isEqualTo("alias");
        assertThat(bo.get("activeAfterLeaving").findValuesAsString("externalId")).containsExactly("u2");
        JsonNode ana = s.api().get("/api/v1/people?email=ana@acme.example").json();
        assertThat(ana.get("accounts").findValuesAsString("externalId")).containsExactlyInAnyOrder("u1", "u4");
        assertThat(ana.get("activeAfterLeaving")).isEmpty();
        assertThat(s.api().get("/api/v1/people?email=nobody@acme.example").status()).isEqualTo(404);
        Map<String, String> roster2 = new HashMap<>();
        inventory.forEach(s.org().id(), "hr.person", r -> roster2.put(r.externalId(), r.personEmail()));
        assertThat(roster2).containsEntry("ana@acme.example", "ana@acme.example").containsEntry("bo@acme.example", "bo@acme.example");
    }

    @Test
    void identityLinksOverrideEmailsAndUnlinkedAccountsAreListed() {
        Setup s = setup("Identity");
        String id = create(s, "Scripted");
        syncNow(s, id);
        JsonNode unlinked = s.api().get("/api/v1/identity-links/unlinked?type=" + ScriptedConnectorFactory.ACCOUNT).json();
        assertThat(unlinked.findValuesAsString("externalId")).containsExactly("u2");
        for (int i = 0; i < 30; i++) { // more than the connection pool holds: the listing must give its connection back
            assertThat(s.api().get("/api/v1/identity-links/unlinked").status()).isEqualTo(200);
        }

        Response refused = s.api().post("/api/v1/identity-links", body("resourceType", ScriptedConnectorFactory.ACCOUNT,
                "externalId", "u2", "personEmail", "not-an-email"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("connectionId", "personEmail");

        Response linked = s.api().post("/api/v1/identity-links", body("connectionId", id, "resourceType",
                ScriptedConnectorFactory.ACCOUNT, "externalId", "u2", "personEmail", "Bot.Owner@Example.com"));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(s.api().get("/api/v1/identity-links/unlinked").json().size()).isZero();
        Map<String, String> people = new HashMap<>();
        inventory.forEach(s.org().id(), ScriptedConnectorFactory.ACCOUNT, r -> people.put(r.externalId(), r.personEmail()));
        assertThat(people).containsEntry("u1", "alice@example.com").containsEntry("u2", "bot.owner@example.com");

        // A connector-wide link for the same account is overridden by the connection's own link.
        Response connectorWide = s.api().post("/api/v1/identity-links", body("connector", ScriptedConnectorFactory.NAME,
                "resourceType", ScriptedConnectorFactory.ACCOUNT, "externalId", "u1", "personEmail", "a.smith@example.com"));
        assertThat(connectorWide.status()).isEqualTo(201);
        people.clear();
        inventory.forEach(s.org().id(), ScriptedConnectorFactory.ACCOUNT, r -> people.put(r.externalId(), r.personEmail()));
        assertThat(people).containsEntry("u1", "a.smith@example.com");

        assertThat(s.api().delete("/api/v1/identity-links/" + linked.json().get("id").asText()).status()).isEqualTo(204);
        assertThat(s.api().get("/api/v1/identity-links/unlinked").json().findValuesAsString("externalId"))
                .containsExactly("u2");
        assertThat(s.api().get("/api/v1/audit-log?limit=50").body()).contains("identity_link.created",
                "identity_link.deleted");
    }

    /** A custom check over the scripted accounts: an account without an email fails (build-bot). */
    private static void emailCheck(Setup s, String key) {
        Response check = s.api().post("/api/v1/checks", body("key", key, "title",
                "Accounts have an email", "resourceType", ScriptedConnectorFactory.ACCOUNT, "severity", "low",
                "controls", List.of("AC-10"), "expression",
                "resource.attributes.email != null ? '' : resource.attributes.login + ' has no email'"));
        assertThat(check.status()).as(check.body()).isEqualTo(201);
    }

    @Test
    void aSyncEvaluatesTheChecksOverItsTypesAgainstTheRealInventory() {
        Setup s = setup("Checked");
        emailCheck(s, "scripted.account-has-email");
        String id = create(s, "Scripted");
        syncNow(s, id);
        // evaluated by a task of its own after the sync, not on the sync's thread
        dev.evident.testing.BackgroundWork.awaitEvaluations(jdbc, s.org().id());
        JsonNode results = s.api().get("/api/v1/checks/scripted.account-has-email/results").json().get("results");
        Map<String, String> outcomes = new HashMap<>();
        results.forEach(r -> outcomes.put(r.get("resourceName").asText(), r.get("outcome").asText()));
        assertThat(outcomes).containsEntry("alice", "pass").containsEntry("build-bot", "fail");
        assertThat(results.findValuesAsString("resourceKey")).allSatisfy(k -> assertThat(k).startsWith(id + "/"));

        // the same outcomes from the resource's side, as the inventory pages read them
        UUID connection = UUID.fromString(id);
        var alice = new ResourceChecks.ResourceRef(connection, ScriptedConnectorFactory.ACCOUNT, "u1");
        var bot = new ResourceChecks.ResourceRef(connection, ScriptedConnectorFactory.ACCOUNT, "u2");
        var elsewhere = new ResourceChecks.ResourceRef(UUID.randomUUID(), ScriptedConnectorFactory.ACCOUNT, "u2");
        Map<ResourceChecks.ResourceRef, ResourceChecks.Summary> summaries = resourceChecks.summaries(s.org().id(),
                List.of(alice, bot, elsewhere));
        assertThat(summaries.get(bot).failing()).isEqualTo(1);
        assertThat(summaries.get(alice).failing()).isZero();
        assertThat(summaries.get(alice).passing()).isPositive();
        assertThat(summaries).doesNotContainKey(elsewhere);
        var botOutcomes = resourceChecks.outcomes(s.org().id(), bot);
        assertThat(botOutcomes.get(0)).satisfies(o -> {
            assertThat(o.checkKey()).isEqualTo("scripted.account-has-email");
            assertThat(o.outcome()).isEqualTo("fail");
            assertThat(o.reason()).isEqualTo("build-bot has no email");
            assertThat(o.since()).isNotNull();
        });
        assertThat(resourceChecks.outcomes(setup("Other").org().id(), bot)).as("another organization's view").isEmpty();
    }

    @Test
    void deletingAConnectionRemovesItsInventoryAndSchedule() {
        Setup s = setup("Delete");
        String id = create(s, "Scripted");
        syncNow(s, id);
        // The sync log says "finished" a moment before the task hands its next run back to the scheduler;
        // a deletion in that moment leaves the run to end the schedule itself, which this test does not wait for.
        for (int i = 0; i < 100 && Boolean.TRUE.equals(jdbc.sql("SELECT picked FROM scheduled_tasks WHERE task_name = 'connection-sync' AND task_instance = :id")
                .param("id", id).query(Boolean.class).optional().orElse(false)); i++) {
            pause();
        }
        assertThat(s.api().delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(s.api().get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(inventory.types(s.org().id())).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = :id").param("id", id)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void deletingAConnectionEndsTheOpenResultsOfItsResources() {
        Setup s = setup("Gone");
        emailCheck(s, "scripted.gone-has-email");
        String id = create(s, "Scripted");
        syncNow(s, id);
        dev.evident.testing.BackgroundWork.awaitEvaluations(jdbc, s.org().id());
        JsonNode before = s.api().get("/api/v1/checks/scripted.gone-has-email").json().get("status");
        assertThat(before.get("fail").asInt()).isEqualTo(1);
        assertThat(before.get("pass").asInt()).isPositive();
        String failedAt = clock.instant().toString();

        clock.tick(java.time.Duration.ofMinutes(5));
        assertThat(s.api().delete("/api/v1/connections/" + id).status()).isEqualTo(204);

        JsonNode after = s.api().get("/api/v1/checks/scripted.gone-has-email").json().get("status");
        assertThat(after.get("fail").asInt()).as(after.toString()).isZero();
        assertThat(after.get("pass").asInt()).isZero();
        assertThat(s.api().get("/api/v1/checks/scripted.gone-has-email/results").json().get("results")).isEmpty();
        // the history before the deletion stays
        assertThat(s.api().get("/api/v1/checks/scripted.gone-has-email/results?at=" + failedAt).json().get("results")
                .findValuesAsString("outcome")).contains("fail");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM monitoring_evaluation_request WHERE connection_id = :id")
                .param("id", UUID.fromString(id)).query(Integer.class).single()).isZero();
    }

    private JsonNode test(Setup s, String id) {
        Response tested = s.api().post("/api/v1/connections/" + id + "/test", Map.of());
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        return tested.json();
    }

    private String storedSettings(String id) {
        return jdbc.sql("SELECT settings FROM integration_connection WHERE id = :id").param("id", UUID.fromString(id))
                .query(String.class).single();
    }

    private static String ciphertext(String settingsJson) {
        return ApiClient.JSON.readTree(settingsJson).get("apiToken").asText();
    }

    private Response upload(Setup s, String id, String field, String fileName, byte[] content) {
        return s.api().upload("/api/v1/connections/" + id + "/documents/" + field, fileName, "text/csv", content);
    }
}
