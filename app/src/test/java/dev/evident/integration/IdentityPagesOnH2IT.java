package dev.evident.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.Provisioning;
import dev.evident.integration.internal.IntegrationTestSupport;
import dev.evident.integration.testconnector.ScriptedConnectorFactory;
import dev.evident.shared.security.Role;
import dev.evident.testing.ApiClient;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import dev.evident.integration.testconnector.Scripts;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The "People and accounts" page without JavaScript: accounts joined to people by email, the account
 * without an email listed as unmatched, linking it by hand (and the error for a bad email), removing the
 * link, and readers seeing the joins without the forms.
 */
@H2Test
@Import(IntegrationTestSupport.class)
class IdentityPagesOnH2IT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Provisioning provisioning;

    /** A scripted connection with alice (alice@example.com) and build-bot (no email), synced. */
    private String syncedConnection(Organization org) throws InterruptedException {
        return syncedConnection(org, "script-" + UUID.randomUUID());
    }

    private String syncedConnection(Organization org, String script) throws InterruptedException {
        ApiClient api = org.api();
        Map<String, Object> settings = new HashMap<>();
        settings.put("baseUrl", "https://scripted.example.com");
        settings.put("apiToken", "valid-people-token-0123456789-abcd");
        settings.put("script", script);
        String id = api.post("/api/v1/connections", Map.of("connector", ScriptedConnectorFactory.NAME, "displayName",
                "Scripted people", "settings", settings)).json().get("id").asText();
        return synced(api, id);
    }

    private static String synced(ApiClient api, String id) throws InterruptedException {
        assertThat(api.post("/api/v1/connections/" + id + "/sync", Map.of()).status()).isEqualTo(202);
        for (int i = 0; i < 600; i++) {
            var items = api.get("/api/v1/connections/" + id + "/syncs").json().get("items");
            if (!items.isEmpty() && !items.get(0).get("status").asText().equals("running")) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sync never finished");
    }

    @Test
    void anAccountWithoutAPersonIsLinkedByHandAndUnlinked() throws Exception {
        Organization org = newOrganization("People");
        String connectionId = syncedConnection(org);
        WebSession web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());

        assertThat(web.get("/integrations").body()).contains("href=\"/integrations/people\"");
        Page page = web.get("/integrations/people");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Accounts without a person", "build-bot", "alice@example.com",
                "not in the HR roster", "Scripted people", "None: every account is joined by its own email");

        Map<String, String> link = new HashMap<>(Map.of("connectionId", connectionId, "resourceType",
                ScriptedConnectorFactory.ACCOUNT, "externalId", "u2", "personEmail", "not-an-email"));
        Page refused = web.post("/integrations/people/links", link);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Person&#39;s email must be an email address", "value=\"not-an-email\"",
                "aria-invalid=\"true\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM integration_identity_link WHERE org_id = :org").param("org", org.id())
                .query(Integer.class).single()).isZero();

        link.put("personEmail", "Bot.Owner@Example.com");
        assertThat(web.post("/integrations/people/links", link).status()).isEqualTo(302);
        String linked = web.get("/integrations/people").body();
        assertThat(linked).contains("bot.owner@example.com", "linked by hand", "Every account is joined to a person",
                "Unlink u2 from bot.owner@example.com");

        String linkId = jdbc.sql("SELECT id FROM integration_identity_link WHERE org_id = :org").param("org", org.id())
                .query(String.class).single();
        String contributorEmail = "casey-" + System.nanoTime() + "@people.example";
        provisioning.addUser(org.id(), contributorEmail, "Casey", "a long contributor passphrase", Role.CONTRIBUTOR, "test");
        WebSession contributor = browserlessSession();
        contributor.signIn(contributorEmail, "a long contributor passphrase");
        assertThat(contributor.get("/integrations/people").body()).contains("bot.owner@example.com")
                .doesNotContain("action=\"/integrations/people/links");
        assertThat(contributor.post("/integrations/people/links/" + linkId + "/delete", Map.of()).status()).isEqualTo(403);

        assertThat(web.post("/integrations/people/links/" + linkId + "/delete", Map.of()).status()).isEqualTo(302);
        assertThat(web.get("/integrations/people").body()).contains("The link was removed", "Accounts without a person",
                "build-bot", "None: every account is joined by its own email");
    }

    @Test
    void aPersonPageShowsTheirAccountsAcrossSystemsAndAccessKeptAfterLeaving() throws Exception {
        Organization org = newOrganization("Person page");
        WebSession web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());
        String roster = org.api().post("/api/v1/connections", Map.of("connector", "hr-roster", "displayName", "HR"))
                .json().get("id").asText();
        web.get("/integrations/" + roster);
        Page uploaded = web.postFile("/integrations/" + roster + "/documents/roster", "file", "roster.csv",
                ("name,email,start date,end date,other emails\n"
                        + "Ana Lima,ana@acme.example,2024-01-15,,\n"
                        + "Bo Chen,bo@acme.example,2023-02-01,2024-06-30,bo.chen@acme.example\n"
                        + "Cy Park,cy@acme.example,2023-02-01,,\n")
                        .getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(uploaded.status()).isEqualTo(302);
        synced(org.api(), roster);
        String script = "script-" + UUID.randomUUID();
        Scripts.plan(script, ScriptedConnectorFactory.ACCOUNT, Scripts.ok(new Scripts.Account("u1", "ana", "ana@acme.example"),
                new Scripts.Account("u2", "bochen", "bo.chen@acme.example"),
                new Scripts.Account("u3", "shared", "team@acme.example", java.util.List.of("ana@acme.example",
                        "cy@acme.example"))));
        syncedConnection(org, script);

        String people = web.get("/integrations/people").body();
        assertThat(people).contains("href=\"/integrations/people/person?email=bo@acme.example\"", "left, 1 active",
                "by alias bo.chen@acme.example", "Aliases that point at more than one person",
                "ana@acme.example, cy@acme.example, team@acme.example");

        String left = web.get("/integrations/people?show=left").body();
        assertThat(left).contains("1 of", "Bo Chen").doesNotContain(">Ana Lima<");
        String searched = web.get("/integrations/people?q=ANA").body();
        assertThat(searched).contains(">Ana Lima<").doesNotContain(">Bo Chen<");
        assertThat(web.get("/integrations/people?q=nobody-like-this").body()).contains("Nobody matches these filters.");
        assertThat(web.get("/integrations/people?page=99").body()).as("a page past the end shows the last one")
                .contains(">Ana Lima<", ">Bo Chen<");

        Page bo = web.get("/integrations/people/person?email=Bo.Chen@acme.example");
        assertThat(bo.status()).isEqualTo(200);
        assertThat(bo.body()).contains("<h1>Bo Chen</h1>", "is an alias of <strong>bo@acme.example</strong>",
                "Still has access after leaving", "left on 2024-06-30 and still holds 1 active account",
                "Scripted people (bochen)", "an alias", "terminated");
        Page ana = web.get("/integrations/people/person?email=ana@acme.example");
        assertThat(ana.body()).contains("<h1>Ana Lima</h1>", "its email").doesNotContain("Still has access after leaving");
        assertThat(web.get("/integrations/people/person?email=nobody@acme.example").status()).isEqualTo(404);
        assertThat(web.get("/integrations/people/person?email=not-an-address").status()).isEqualTo(404);
        Organization other = newOrganization("Other org");
        WebSession outsider = browserlessSession();
        outsider.signIn(other.adminEmail(), other.adminPassword());
        assertThat(outsider.get("/integrations/people/person?email=ana@acme.example").status())
                .as("another organization's people are not found").isEqualTo(404);
    }
}
