package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Adding a connection in Chromium: the connector picker, the form rendered from the connector's schema
 * (a URL, a password input for the token, a select, a textarea), the saved connection showing its
 * token only as a mask, and "Test connection" answering with each named step through htmx. No
 * script errors, no Content-Security-Policy violations, every control labelled.
 */
@H2Test
@Tag("browser")
class IntegrationBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    private static final String TOKEN = "valid-browser-token-0123456789-mnop";

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
}
