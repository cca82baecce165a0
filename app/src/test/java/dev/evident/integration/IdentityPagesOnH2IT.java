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
        ApiClient api = org.api();
        Map<String, Object> settings = new HashMap<>();
        settings.put("baseUrl", "https://scripted.example.com");
        settings.put("apiToken", "valid-people-token-0123456789-abcd");
        settings.put("script", "script-" + UUID.randomUUID());
        String id = api.post("/api/v1/connections", Map.of("connector", ScriptedConnectorFactory.NAME, "displayName",
                "Scripted people", "settings", settings)).json().get("id").asText();
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
}
