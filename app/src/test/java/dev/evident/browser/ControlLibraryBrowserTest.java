package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.evident.program.Programs;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A compliance lead's first hour with controls, in Chromium: adopt the library through the adopt
 * page, find controls by typing and with the filters (htmx swaps the table and the address follows,
 * without reloading the page), open a control, give it an owner and mark it implemented. Every
 * page has its labels, logs no script error and breaks no Content-Security-Policy rule.
 *
 * <p>The journey runs in an organization of its own: the bootstrap organization is shared with other
 * tests that run in the same application context. Counts are compared with the API. Run with
 * {@code -Devident.screenshots=<folder>} to save the library and control pages as screenshots.
 */
@H2Test
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Journey.class)
class ControlLibraryBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    Page lead;
    Organization org;
    final List<String> problems = new CopyOnWriteArrayList<>();

    private Page open() {
        Page page = browser.newPage(baseUrl());
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.text().contains("Content Security Policy")) {
                problems.add(page.url() + ": console " + m.type() + ": " + m.text());
            }
        });
        page.onPageError(e -> problems.add(page.url() + ": uncaught " + e));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                problems.add(page.url() + ": " + r.request().resourceType() + " " + r.url() + " answered " + r.status());
            }
        });
        Pages.recordCspViolations(page);
        return page;
    }

    private void assertNoCspViolations() {
        List<String> violations = Pages.cspViolations(lead);
        assertEquals(List.of(), violations, "Content-Security-Policy violations on " + lead.url());
    }

    private int apiCount(String query) {
        return org.api().get("/api/v1/controls?limit=1000" + query).json().get("items").size();
    }

    private Locator rows() {
        return lead.locator("#control-results tbody tr");
    }

    /** Marks the loaded document; the mark survives htmx swaps and is gone after a full page load. */
    private void markDocument() {
        lead.evaluate("() => { window.__sameDocument = true; }");
    }

    private void assertSameDocument() {
        assertEquals(Boolean.TRUE, lead.evaluate("() => window.__sameDocument === true"),
                "the page was reloaded instead of updated in place");
    }

    private void screenshot(String name, boolean fullPage) {
        String folder = System.getProperty("evident.screenshots");
        if (folder != null && !folder.isBlank()) {
            lead.screenshot(new Page.ScreenshotOptions().setPath(Path.of(folder, name)).setFullPage(fullPage));
        }
    }

    @Test
    @Order(1)
    @DisplayName("1. With a program in place, the lead adopts the library from the adopt page")
    void adoptTheLibrary() {
        org = newOrganization("Browser");
        assertEquals(201, org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027 (browser)", "availability"))
                .status());
        lead = open();
        lead.navigate("/login");
        lead.getByLabel("Email").fill(org.adminEmail());
        lead.getByLabel("Password").fill(org.adminPassword());
        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(lead).hasURL(baseUrl() + "/");

        lead.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Controls")).click();
        assertThat(lead).hasURL(baseUrl() + "/controls");
        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Controls").setLevel(1))).isVisible();
        Pages.assertEveryControlLabelled(lead);
        lead.locator("main a[href='/controls/adopt']").first().click();

        assertThat(lead).hasURL(baseUrl() + "/controls/adopt");
        Pages.assertEveryControlLabelled(lead);
        assertThat(lead.getByLabel(Pattern.compile("^\\s*Security\\b"))).isChecked();
        assertThat(lead.getByLabel(Pattern.compile("^\\s*Availability\\b"))).isChecked();
        assertThat(lead.locator("#unavailable-title + p + dl")).containsText("Privacy");
        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Adopt controls")).click();

        assertThat(lead).hasURL(baseUrl() + "/controls");
        assertThat(lead.getByRole(AriaRole.STATUS).first()).containsText("from the Evident library");
        int total = apiCount("");
        assertTrue(total > 80, "adopted " + total);
        assertThat(lead.locator("#control-count")).hasText(total + " of " + total + " controls");
        assertThat(rows()).hasCount(total);
        assertNoCspViolations();
    }

    @Test
    @Order(2)
    @DisplayName("2. Typing in the search box and choosing filters update the table in place, and the address follows")
    void filterByTypingAndSelects() {
        int total = apiCount("");
        markDocument();
        Locator search = lead.getByLabel("Search");
        search.pressSequentially("access", new Locator.PressSequentiallyOptions().setDelay(40));
        assertThat(lead).hasURL(baseUrl() + "/controls?q=access");
        assertThat(lead.locator("#control-count")).hasText(apiCount("&q=access") + " of " + total + " controls");
        assertThat(rows()).hasCount(apiCount("&q=access"));

        lead.getByLabel("Domain").selectOption(new SelectOption().setLabel("Access control and identity"));
        assertThat(lead).hasURL(baseUrl() + "/controls?q=access&domain=access-control");
        int accessControls = apiCount("&q=access&domain=access-control");
        assertThat(lead.locator("#control-count")).hasText(accessControls + " of " + total + " controls");
        for (String ref : rows().locator("td.ref").allInnerTexts()) {
            assertTrue(ref.startsWith("AC-"), ref + " is not an access-control control");
        }

        lead.getByLabel("Status").selectOption("IMPLEMENTED");
        assertThat(lead).hasURL(baseUrl() + "/controls?q=access&domain=access-control&status=IMPLEMENTED");
        assertThat(lead.locator("#control-results")).containsText("No controls match these filters");
        assertThat(lead.locator("#control-count")).hasText("0 of " + total + " controls");
        assertSameDocument();

        lead.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Clear").setExact(true)).click();
        assertThat(lead).hasURL(baseUrl() + "/controls");
        assertThat(lead.locator("#control-count")).hasText(total + " of " + total + " controls");

        markDocument();
        lead.getByLabel("Criterion").selectOption("CC6.1");
        assertThat(lead).hasURL(baseUrl() + "/controls?criterion=CC6.1");
        assertThat(rows()).hasCount(apiCount("&criterion=CC6.1"));
        // from the keyboard: Chromium lets Back skip history entries that pages add without a user's gesture
        lead.getByLabel("Owner").focus();
        lead.keyboard().type("No owner");
        assertThat(lead).hasURL(baseUrl() + "/controls?criterion=CC6.1&owner=none");
        assertThat(rows()).hasCount(apiCount("&criterion=CC6.1&owner=none"));
        assertSameDocument();

        // the browser's Back button restores the previous filters
        lead.goBack();
        assertThat(lead).hasURL(baseUrl() + "/controls?criterion=CC6.1");
        assertThat(lead.getByLabel("Criterion")).hasValue("CC6.1");
        assertThat(lead.getByLabel("Owner")).hasValue("");
        assertThat(rows()).hasCount(apiCount("&criterion=CC6.1"));
        Pages.assertEveryControlLabelled(lead);
        assertNoCspViolations();
    }

    @Test
    @Order(3)
    @DisplayName("3. The lead opens a control, gives it an owner and marks it implemented")
    void assignAndImplement() {
        lead.navigate("/controls");
        Locator row = lead.locator("tr[data-ref='AC-01']");
        String title = row.locator("td.control-title a").innerText();
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title)).click();

        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1))).isVisible();
        Pages.assertEveryControlLabelled(lead);
        assertThat(lead.locator(".detail-side")).containsText("No owner");
        assertThat(lead.locator(".lifecycle [aria-current='step']")).containsText("Defined");
        assertThat(lead.locator(".detail-main")).containsText("Security");

        lead.getByLabel("Assign to").selectOption(new SelectOption().setLabel("Browser Admin"));
        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign")).click();
        assertThat(lead.getByRole(AriaRole.STATUS).first()).hasText("Browser Admin now owns AC-01.");
        assertThat(lead.locator(".facts")).containsText(org.adminEmail());

        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark as implemented")).click();
        assertThat(lead.getByRole(AriaRole.STATUS).first()).hasText("AC-01 is now Implemented.");
        assertThat(lead.locator(".status-line .status")).hasText("Implemented");
        assertThat(lead.locator(".lifecycle [aria-current='step']")).containsText("Implemented");
        assertThat(lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move back to Defined"))).isVisible();
        assertThat(lead.locator(".history")).containsText("Moved from Defined to Implemented");
        assertThat(lead.locator(".history")).containsText("Owner: nobody → Browser Admin");
        assertEquals("IMPLEMENTED", org.api().get("/api/v1/controls?q=AC-01").json().get("items").get(0)
                .get("status").asText());
        assertNoCspViolations();
        screenshot("control-detail.png", true);

        lead.navigate("/controls");
        assertThat(lead.locator("tr[data-ref='AC-01'] .status")).hasText("Implemented");
        assertThat(lead.locator("tr[data-ref='AC-01']")).containsText("Browser Admin");
        screenshot("control-library.png", false);
    }

    @Test
    @Order(4)
    @DisplayName("4. Writing a control: choosing a domain suggests its next reference; every field has a label")
    void newControlSuggestsItsReference() {
        lead.navigate("/controls/new");
        Pages.assertEveryControlLabelled(lead);
        lead.getByLabel("Domain").selectOption(new SelectOption().setLabel("Change management"));
        assertThat(lead.getByLabel("Reference")).hasValue(Pattern.compile("^CM-\\d{2}$"));
        lead.getByLabel("Reference").fill("CHG-01");
        lead.getByLabel("Domain").selectOption(new SelectOption().setLabel("Incident response"));
        assertThat(lead.getByLabel("Reference")).hasValue("CHG-01");
        assertThat(lead.getByLabel("Why it does not apply")).isHidden();
        lead.getByLabel("Not applicable to our system").check();
        assertThat(lead.getByLabel("Why it does not apply")).isVisible();
        assertNoCspViolations();
    }

    @Test
    @Order(5)
    @DisplayName("5. No page logged a script error, a failed request or a Content-Security-Policy violation")
    void noProblems() {
        assertEquals(List.of(), problems);
    }
}
