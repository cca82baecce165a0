package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.shared.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adding a connection in Chromium: the connector picker, the form rendered from the connector's schema
 * (a URL, a password input for the token, a select, a textarea), the saved connection showing its
 * token only as a mask, and "Test connection" answering with each named step through htmx; the
 * inventory's "Load more" appending the next page through htmx and a resource's page; a roster uploaded
 * on its connection page and a leaver found under an alias from People and accounts. No script errors, no Content-Security-Policy violations, every control labelled.
 */
@H2Test
@Tag("browser")
class IntegrationBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    private static final String TOKEN = "valid-browser-token-0123456789-mnop";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aConnectionIsAddedFromItsSchemaFormAndTested() {
        Organization org = newOrganization("Integration browser");
        Page page = browser.newPage(baseUrl());
        List<String> problems = Pages.recordProblems(page);
        Pages.signIn(page, baseUrl(), org.adminEmail(), org.adminPassword());

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Integrations")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a connection")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Connect Scripted test system")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Connect Scripted test system");
        Pages.assertEveryControlLabelled(page);
        assertThat(page.getByLabel("API token")).hasAttribute("type", "password");
        assertThat(page.getByLabel("Collection mode")).hasValue("full");

        page.getByLabel("Name").fill("Scripted in the browser");
        page.getByLabel("API base URL").fill("https://scripted.example.com");
        page.getByLabel("API token").fill(TOKEN);
        page.getByLabel("Collection mode").selectOption("incremental");
        page.getByLabel("Notes").fill("Read-only token");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save connection")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("Scripted in the browser");
        assertThat(page.getByLabel("API token")).hasValue("••••••••mnop");
        assertEquals(-1, page.content().indexOf(TOKEN), "the token is never sent back to the browser");
        assertThat(page.getByLabel("Collection mode")).hasValue("incremental");
        Pages.assertEveryControlLabelled(page);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection")).click();
        Locator result = page.locator("#test-result");
        assertThat(result).containsText("The connection works");
        assertThat(result).containsText("Authenticate");
        assertThat(result.locator("li.passed")).hasCount(2);

        assertEquals(List.of(), Pages.cspViolations(page), "Content-Security-Policy violations");
        assertEquals(List.of(), problems, "script errors");
    }

    @Test
    void theInventoryLoadsMoreInPlaceAndOpensAResource() {
        Organization org = newOrganization("Inventory browser");
        UUID connection = UUID.fromString(org.api().post("/api/v1/connections", Map.of("connector", "scripted",
                "displayName", "Scripted inventory", "enabled", false, "settings", Map.of("baseUrl",
                        "https://scripted.example.com", "apiToken", TOKEN))).json().get("id").asText());
        for (String login : List.of("alice", "bob")) {
            jdbc.sql("""
                    INSERT INTO integration_resource (org_id, connection_id, connector, resource_type, external_id,
                        display_name, attributes, account, email, collected_at, raw_digest)
                    VALUES (:org, :conn, 'scripted', 'scripted.account', :id, :id, :attributes, TRUE, NULL, :at, NULL)""")
                    .param("org", org.id()).param("conn", connection).param("id", login)
                    .param("attributes", "{\"login\":\"" + login + "\",\"groups\":[\"eng\",\"ops\"]}")
                    .param("at", Timestamps.toDb(clock.instant())).update();
        }
        Page page = browser.newPage(baseUrl());
        List<String> problems = Pages.recordProblems(page);
        Pages.signIn(page, baseUrl(), org.adminEmail(), org.adminPassword());

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Inventory")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Inventory");
        Pages.assertEveryControlLabelled(page);
        page.navigate(baseUrl() + "/integrations/inventory?size=1");
        Locator rows = page.locator("table.inventory-table tbody tr:not(.load-more)");
        assertThat(rows).hasCount(1);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Load more")).click();
        assertThat(rows).hasCount(2);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Load more"))).hasCount(0);
        assertEquals(baseUrl() + "/integrations/inventory?size=1", page.url(), "the rows were appended in place");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("bob")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("bob");
        assertThat(page.locator("dl.attributes")).containsText("groups");
        assertThat(page.locator("ol.attribute-list li")).hasCount(2);

        assertEquals(List.of(), Pages.cspViolations(page), "Content-Security-Policy violations");
        assertEquals(List.of(), problems, "script errors");
    }

    @Test
    void aLeaverWithAnAccountUnderAnAliasIsFoundFromThePeoplePage() throws Exception {
        Organization org = newOrganization("People browser");
        String roster = org.api().post("/api/v1/connections", Map.of("connector", "hr-roster", "displayName", "HR roster"))
                .json().get("id").asText();
        String script = "people-" + UUID.randomUUID();
        dev.evident.integration.testconnector.Scripts.plan(script, "scripted.account",
                dev.evident.integration.testconnector.Scripts.ok(
                        new dev.evident.integration.testconnector.Scripts.Account("u7", "dchen", "dan.chen@acme.example")));
        String scripted = org.api().post("/api/v1/connections", Map.of("connector", "scripted", "displayName",
                "Source control", "settings", Map.of("baseUrl", "https://scripted.example.com", "apiToken", TOKEN,
                        "script", script))).json().get("id").asText();
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("roster", ".csv");
        java.nio.file.Files.writeString(csv, "name,email,start date,end date,other emails\n"
                + "Dan Chen,dan@acme.example,2022-03-01,2025-01-31,dan.chen@acme.example\n");
        Page page = browser.newPage(baseUrl());
        List<String> problems = Pages.recordProblems(page);
        Pages.signIn(page, baseUrl(), org.adminEmail(), org.adminPassword());

        // The roster goes up through its connection page, like an HR export would.
        page.navigate(baseUrl() + "/integrations/" + roster);
        page.getByLabel("Upload Roster").setInputFiles(csv);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload").setExact(true)).click();
        assertThat(page.locator("body")).containsText("was uploaded");
        for (String id : List.of(roster, scripted)) {
            org.api().post("/api/v1/connections/" + id + "/sync", Map.of());
            dev.evident.testing.BackgroundWork.await("a sync of " + id, () -> {
                var items = org.api().get("/api/v1/connections/" + id + "/syncs").json().get("items");
                return !items.isEmpty() && !items.get(0).get("status").asText().equals("running");
            });
        }

        page.navigate(baseUrl() + "/integrations/people");
        assertThat(page.locator("body")).containsText("left, 1 active");
        assertThat(page.locator("body")).containsText("by alias dan.chen@acme.example");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dan Chen")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Dan Chen");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("left on 2025-01-31 and still holds 1 active account");
        Locator account = page.locator("table.person-accounts tbody tr");
        assertThat(account).hasCount(1);
        assertThat(account).containsText("Source control");
        assertThat(account).containsText("an alias");
        account.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("dchen")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("dchen");
        assertThat(page.locator("body")).containsText("dan@acme.example");

        assertEquals(List.of(), Pages.cspViolations(page), "Content-Security-Policy violations");
        assertEquals(List.of(), problems, "script errors");
    }
}
