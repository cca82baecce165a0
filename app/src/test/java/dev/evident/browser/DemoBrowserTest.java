package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.evident.testing.H2Test;
import dev.evident.testing.TestClockConfiguration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The demo company in Chromium, as a newcomer would look around it: an AWS check broken down by
 * account and region, narrowed to one of them, and a person whose Okta account joins through an alias,
 * with their accounts across systems. Same configuration as {@code DemoModeIT}, so the two share one
 * seeded application.
 *
 * <p>Run with {@code -Devident.screenshots=<folder>} to save the check page with its breakdown, the people who left with accounts, Maya's accounts and the audit log.
 */
@H2Test
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"evident.demo=true", "evident.sign-in.attempts-per-minute=10000", "logging.level.dev.evident.demo=INFO"})
@Import(TestClockConfiguration.class)
@Tag("browser")
class DemoBrowserTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @Test
    void anAwsCheckByAccountAndRegionAndAPersonAcrossSystems() {
        String base = "http://localhost:" + port;
        Page page = browser.newPage(base);
        List<String> problems = Pages.recordProblems(page);
        Pages.signIn(page, base, "maya@brightwave.example", "brightwave demo 2026");

        page.navigate(base + "/checks?connector=aws&status=failing");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Critical S3 buckets keep object versions")).first()
                .click();
        Locator breakdown = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("By account and region"));
        assertThat(breakdown).isVisible();
        Locator rows = breakdown.locator("tbody tr");
        assertThat(rows.first()).isVisible();
        Pages.assertEveryControlLabelled(page);
        Pages.screenshot(page, "check-breakdown.png");
        Locator failingRow = breakdown.locator("tbody tr", new Locator.LocatorOptions().setHasNot(
                page.locator("td:nth-child(3):text-is('0')")));
        failingRow.first().locator("td a").first().click();
        assertThat(page.locator("#failing .notice")).containsText("Only the resources");
        assertThat(page.locator("#failing")).containsText("exports");

        // people who left and still hold accounts, across the HR roster, Okta, Google, AWS and GitHub
        page.navigate(base + "/integrations/people?show=left");
        Locator leavers = page.locator("section[aria-labelledby=people-title] tbody tr");
        assertThat(leavers.first()).isVisible();
        assertThat(leavers.first()).containsText("left");
        Pages.assertEveryControlLabelled(page);
        Pages.screenshot(page, "people.png");

        page.navigate(base + "/integrations/people");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Liam O'Brien")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Liam O'Brien");
        Locator accounts = page.locator("table.person-accounts tbody tr");
        assertThat(accounts.filter(new Locator.FilterOptions().setHasText("okta.user"))).containsText("an alias");
        assertThat(accounts.filter(new Locator.FilterOptions().setHasText("google.user"))).containsText("its email");

        // Maya: an administrator in AWS through IAM users and through Identity Center, as approved
        page.navigate(base + "/integrations/people/person?email=maya@brightwave.example");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Maya Chen");
        Locator maya = page.locator("table.person-accounts tbody tr");
        assertThat(maya.filter(new Locator.FilterOptions().setHasText("aws.sso_user"))).containsText("yes");
        assertThat(maya.filter(new Locator.FilterOptions().setHasText("aws.iam_user"))).hasCount(1);
        Pages.screenshot(page, "person.png");

        // the demo's audit log verifies as one unbroken chain from the page
        page.navigate(base + "/audit-log");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify hash chain")).click();
        assertThat(page.locator("#verification")).containsText("Chain intact");
        Pages.screenshot(page, "audit-log.png", false);

        assertEquals(List.of(), Pages.cspViolations(page), "Content-Security-Policy violations");
        assertEquals(List.of(), problems, "script errors");
    }
}
