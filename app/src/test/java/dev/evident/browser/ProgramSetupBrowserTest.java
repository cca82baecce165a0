package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * A compliance lead's first ten minutes, in Chromium: from an organization without a program to a
 * scoped SOC 2 program with the library adopted, its readiness page (0 %, not ready for Type I,
 * a ranked list of what to fix) and its criteria matrix. Every page has a label for every field and
 * no script error or Content-Security-Policy violation.
 *
 * <p>Run with {@code -Devident.screenshots=<folder>} to save the pages as PNGs (how the pictures in
 * {@code docs/screenshots} are made).
 */
@H2Test
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Journey.class)
class ProgramSetupBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    /** The journey runs in an organization of its own, so what other tests do elsewhere cannot disturb it. */
    final String programName = "SOC 2 Type II 2027";
    Organization org;
    final List<String> problems = new CopyOnWriteArrayList<>();
    Page lead;

    Page open() {
        Page page = browser.newPage(baseUrl());
        page.onConsoleMessage(m -> {
            // Form pages answered with 400 on purpose are logged as failed resources; other failures are caught below.
            if ((m.type().equals("error") && !m.text().startsWith("Failed to load resource"))
                    || m.text().contains("Content Security Policy")) {
                problems.add(page.url() + ": console " + m.type() + ": " + m.text());
            }
        });
        page.onResponse(r -> {
            if (r.status() >= 400 && !r.request().resourceType().equals("document")) {
                problems.add(page.url() + ": " + r.request().resourceType() + " " + r.url() + " answered " + r.status());
            }
        });
        page.onPageError(e -> problems.add(page.url() + ": uncaught " + e));
        Pages.recordCspViolations(page);
        return page;
    }

    /** Checks the page the lead is on: labels, and no CSP violation so far on it. */
    void checkPage() {
        lead.waitForLoadState();
        Pages.assertEveryControlLabelled(lead);
        List<String> violations = Pages.cspViolations(lead);
        assertEquals(List.of(), violations, "Content-Security-Policy violations on " + lead.url());
    }

    /** Saves the page, at most {@code maxHeight} pixels of it from the top, when screenshots are asked for. */
    void screenshot(String name, int maxHeight) {
        String folder = System.getProperty("evident.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            Path dir = Path.of(folder);
            Files.createDirectories(dir);
            double height = ((Number) lead.evaluate("() => document.documentElement.scrollHeight")).doubleValue();
            lead.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true)
                    .setClip(0, 0, 1280, Math.min(height, maxHeight)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Locator button(String name) {
        return lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    @Order(1)
    @DisplayName("1. From Programs, the lead starts a program: name, type and dates are prefilled, mistakes are explained")
    void basics() {
        org = newOrganization("Northwind");
        lead = open();
        lead.navigate("/login");
        lead.getByLabel("Email").fill(org.adminEmail());
        lead.getByLabel("Password").fill(org.adminPassword());
        button("Sign in").click();
        assertThat(lead).hasURL(baseUrl() + "/");

        lead.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Programs")).click();
        assertThat(lead).hasURL(baseUrl() + "/programs");
        checkPage();
        lead.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                .setName(Pattern.compile("^(Set up the first program|New program)$"))).first().click();

        assertThat(lead).hasURL(baseUrl() + "/programs/new");
        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Name, report type and dates");
        assertThat(lead.locator(".steps [aria-current=step]")).containsText("Basics");
        checkPage();
        int nextYear = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).getYear() + 1;
        Locator name = lead.getByLabel("Program name");
        assertThat(name).hasValue(Pattern.compile("^SOC 2 Type II " + nextYear));
        assertThat(lead.getByLabel("Type II")).isChecked();
        LocalDate start = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        assertThat(lead.getByLabel("Start date")).hasValue(start.toString());
        assertThat(lead.getByLabel("End date")).hasValue(start.plusMonths(12).minusDays(1).toString());
        assertThat(lead.getByLabel("As-of date")).isHidden();

        // Type I shows its one date and renames the untouched suggestion; back to Type II.
        lead.getByLabel("Type I", new Page.GetByLabelOptions().setExact(true)).check();
        assertThat(lead.getByLabel("As-of date")).isVisible();
        assertThat(lead.getByLabel("Start date")).isHidden();
        assertThat(name).hasValue(Pattern.compile("^SOC 2 Type I " + nextYear));
        lead.getByLabel("Type II").check();
        assertThat(name).hasValue(Pattern.compile("^SOC 2 Type II " + nextYear));

        // A two-month period is refused at the end date, and the summary above the form takes focus.
        name.fill(programName);
        lead.getByLabel("Start date").fill("2027-01-01");
        lead.getByLabel("End date").fill("2027-02-28");
        Response refused = lead.waitForResponse(r -> r.url().contains("/programs/new/scope"), () -> button("Next").click());
        assertEquals(400, refused.status());
        assertThat(lead.locator("#periodEnd-error")).containsText("at least 3 months");
        assertThat(lead.getByLabel("End date")).hasAttribute("aria-invalid", "true");
        assertThat(lead.getByRole(AriaRole.ALERT)).containsText("There is a problem");
        // the page's script focuses the summary once it runs, which can be after the load event
        assertThat(lead.locator(".error-summary")).isFocused();
        assertThat(name).hasValue(programName);
        checkPage();

        lead.getByLabel("End date").fill("2027-12-31");
        button("Next").click();
        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("What is in scope");
    }

    @Test
    @Order(2)
    @DisplayName("2. Scope: Security is fixed, Availability is in, the others are left out with reasons picked from suggestions")
    void scope() {
        checkPage();
        Locator security = lead.locator("#include-security");
        assertThat(security).isChecked();
        assertThat(security).isDisabled();
        assertThat(lead.locator("#include-availability")).isChecked();
        assertThat(lead.locator("#reason-field-availability")).isHidden();
        assertThat(lead.getByLabel("If you leave Privacy out, why?")).isVisible();
        assertThat(lead.getByLabel("If you leave Privacy out, why?")).hasValue("");

        // Including a category hides its reason; leaving it out again brings the field back.
        lead.locator("#include-privacy").check();
        assertThat(lead.locator("#reason-field-privacy")).isHidden();
        lead.locator("#include-privacy").uncheck();
        assertThat(lead.locator("#reason-field-privacy")).isVisible();

        lead.getByLabel("If you leave Processing Integrity out, why?")
                .fill("We do not process transactions or calculations on behalf of customers");
        lead.getByLabel("If you leave Confidentiality out, why?")
                .fill("Our contracts make no confidentiality commitments beyond Security");
        lead.getByLabel("If you leave Privacy out, why?").fill("We do not collect personal information directly from individuals");
        screenshot("program-wizard.png", 1600);
        button("Create program").click();

        assertThat(lead).hasURL(Pattern.compile("/programs/[0-9a-f-]{36}/system\\?setup=true$"));
        assertThat(lead.getByRole(AriaRole.STATUS)).containsText("Created");
        assertThat(lead.locator(".steps")).containsText("Scope (done)");
    }

    @Test
    @Order(3)
    @DisplayName("3. System and responsibilities: one line per item, read back as understood; several vendors without scripts")
    void systemAndResponsibilities() {
        checkPage();
        lead.getByLabel("System name").fill("Acme Cloud Platform");
        lead.getByLabel("Services you provide").fill("Analytics API — hosted analytics for retailers\nExports - nightly CSV files");
        lead.getByLabel("Service commitments").fill("99.9% monthly uptime — SLA");
        lead.getByLabel("Infrastructure").fill("AWS eu-west-1 — VPC, EKS, RDS PostgreSQL");
        button("Next").click();
        assertThat(lead).hasURL(Pattern.compile("/responsibilities\\?setup=true$"));
        checkPage();

        lead.getByLabel("What customers must do").fill("Customers review which of their users have access — CC6.2, CC6.3");
        lead.getByLabel("Name of vendor 1").fill("Amazon Web Services");
        lead.getByLabel("Services it provides 1").fill("Cloud hosting");
        button("Add another vendor").click();
        assertThat(lead.locator("fieldset.subservice")).hasCount(3);
        assertThat(lead.getByLabel("Name of vendor 1")).hasValue("Amazon Web Services");
        assertThat(lead.locator(".parsed")).containsText("CC6.3");
        lead.getByLabel("Name of vendor 2").fill("Postmark");
        lead.getByLabel("Services it provides 2").fill("Transactional email");
        checkPage();
        button("Next").click();
        assertThat(lead).hasURL(Pattern.compile("/adopt\\?setup=true$"));
    }

    @Test
    @Order(4)
    @DisplayName("4. Adopting the library covers every criterion in scope; readiness starts at an honest 0 %")
    void adoptAndSeeReadiness() {
        checkPage();
        assertThat(lead.locator(".coverage")).hasText(Pattern.compile("Every one of the 36 criteria in scope will have at least one control"));
        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Adopt \\d+ controls$"))).click();

        assertThat(lead).hasURL(Pattern.compile("/programs/[0-9a-f-]{36}$"));
        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(programName);
        assertThat(lead.getByRole(AriaRole.STATUS)).containsText("Adopted");
        assertThat(lead.locator(".score-panel .big-number")).hasText("0 %");
        assertThat(lead.locator("section[aria-labelledby=type1-title] .big-status")).hasText(Pattern.compile("Not ready"));
        assertThat(lead.locator("section[aria-labelledby=type2-title]")).containsText("Not assessed yet");
        Locator fixes = lead.locator("ol.remediation > li");
        assertEquals(10, fixes.count(), "the ten most effective fixes are listed first");
        assertThat(fixes.first()).containsText("Closes a Security gap");
        assertThat(fixes.first().locator(".rank")).hasText("1");
        assertThat(fixes.first().getByRole(AriaRole.LINK).first()).hasAttribute("href", Pattern.compile("^/controls/[0-9a-f-]{36}$"));

        // The chart is drawn on the server: a line, a title and description, and the numbers as a table.
        Locator chart = lead.locator("svg.readiness-chart");
        assertThat(chart).isVisible();
        assertThat(chart.locator("path.chart-line")).hasAttribute("d", Pattern.compile("^M\\d"));
        assertThat(chart.locator("title#chart-title")).hasText("Readiness score over time");
        assertThat(lead.locator("figure.chart table caption")).hasText("Readiness history, newest first");
        assertTrue(chart.boundingBox().width > 600, "the chart uses the page's width");
        assertThat(lead.locator(".scope")).containsText("Amazon Web Services (carved out)");
        checkPage();
        screenshot("readiness.png", 3000);

        APIResponse csv = lead.request().get(lead.url() + "/control-matrix.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.headers().get("content-type").startsWith("text/csv"));
        APIResponse xlsx = lead.request().get(lead.url() + "/control-matrix.xlsx");
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.headers().get("content-type").contains("spreadsheetml"));
    }

    @Test
    @Order(5)
    @DisplayName("5. The matrix groups criteria by series and filters in place; the address keeps the filter")
    void matrix() {
        lead.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Criteria matrix")).click();
        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Criteria and controls");
        checkPage();
        assertThat(lead.locator("#matrix-count")).hasText("Showing 36 of 36 criteria.");
        assertThat(lead.locator("#series-CC6")).containsText("Logical and physical access controls");
        assertThat(lead.locator("#criterion-CC6\\.1 .control-chip").first()).containsText("No owner");
        screenshot("matrix.png", 1400);

        lead.getByLabel("Category").selectOption(new SelectOption().setLabel("Availability"));
        assertThat(lead.locator("#matrix-count")).hasText("Showing 3 of 36 criteria.");
        assertThat(lead).hasURL(Pattern.compile("/matrix\\?category=availability"));
        assertThat(lead.locator("#criterion-CC1\\.1")).hasCount(0);
        assertThat(lead.locator("#criterion-A1\\.1")).isVisible();
        lead.getByLabel("Verdict").selectOption(new SelectOption().setLabel("Met"));
        assertThat(lead.locator("#matrix-results")).containsText("No criteria match these filters.");
        checkPage();
    }

    @Test
    @Order(6)
    @DisplayName("6. No page of the journey logged a script error, a blocked resource or a policy violation")
    void noBrowserProblems() {
        assertEquals(List.of(), problems);
    }
}
