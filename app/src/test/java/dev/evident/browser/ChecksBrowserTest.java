package dev.evident.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Continuous monitoring in Chromium, end to end: a GitHub connection is added against a local stub of
 * GitHub's REST API (one member, bob, without two-factor authentication), synced now, and the checks
 * list then shows the failing 2FA check; its page names bob with the reason, an exception is accepted
 * for him through the form, and he is shown as excepted. No script errors, no Content-Security-Policy
 * violations, every control labelled.
 *
 * <p>Run with {@code -Devident.screenshots=<folder>} to save the checks list and the check page.
 */
@H2Test
@Tag("browser")
class ChecksBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    private static final String TWO_FA = "github.member-2fa-enabled";
    private static final String ALICE = "{\"login\":\"alice\",\"id\":101,\"type\":\"User\",\"site_admin\":false}";
    private static final String BOB = "{\"login\":\"bob\",\"id\":102,\"type\":\"User\",\"site_admin\":false}";

    static WireMockServer github;

    /** GitHub's REST API as its reference shows it, for an organization "acme" with an owner and a member without 2FA. */
    @BeforeAll
    static void stubGitHub() {
        github = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        github.stubFor(get(anyUrl()).atPriority(10).willReturn(okJson("[]")));
        github.stubFor(get("/user").willReturn(okJson("{\"login\":\"evident-bot\",\"id\":900}")));
        github.stubFor(get("/orgs/acme").willReturn(okJson("""
                {"login":"acme","id":1,"name":"Acme Inc","two_factor_requirement_enabled":false,\
                "default_repository_permission":"read","members_can_create_public_repositories":false}""")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("admin"))
                .willReturn(okJson("[" + ALICE + "]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("member"))
                .willReturn(okJson("[" + BOB + "]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("filter", equalTo("2fa_disabled"))
                .willReturn(okJson("[" + BOB + "]")));
    }

    @AfterAll
    static void stopGitHub() {
        if (github != null) {
            github.stop();
        }
    }

    @Test
    void aFailingCheckFromAStubbedGitHubIsAcceptedAsAnException() {
        Organization org = newOrganization("Checks browser");
        Page page = browser.newPage(baseUrl());
        List<String> problems = Pages.recordProblems(page);
        Pages.signIn(page, baseUrl(), org.adminEmail(), org.adminPassword());

        // Add a GitHub connection pointing at the stub and sync it now.
        page.navigate("/integrations/new?connector=github");
        page.getByLabel("Name").fill("GitHub (stub)");
        page.getByLabel("API base URL").fill(github.baseUrl());
        page.getByLabel("Organization").fill("acme");
        page.getByLabel("Access token").fill("ghp_browserTestToken0123456789");
        page.getByLabel("Read member profiles").selectOption("false");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save connection")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("GitHub (stub)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now")).click();
        assertThat(page.locator(".flash.success")).containsText("The sync started");

        // The checks list (from the navigation) shows the 2FA check failing once the sync has been evaluated.
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Checks").setExact(true)).click();
        page.getByLabel("Status").selectOption("failing");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/checks\\?.*status=failing.*"));
        Locator row = page.locator("tr", new Page.LocatorOptions().setHas(page.locator("a[href='/checks/" + TWO_FA + "']")));
        for (int reloads = 0; reloads < 60 && row.count() == 0; reloads++) {
            page.waitForTimeout(500); // the sync runs on a scheduler thread; reload until its results are in
            page.reload();
        }
        assertThat(row).containsText("Failing");
        assertThat(row).containsText("1 failing");
        assertThat(row).containsText("1 passing");
        Pages.assertEveryControlLabelled(page);
        Pages.screenshot(page, "checks.png");

        // The check page names bob and why he fails; accept an exception for him.
        row.getByRole(AriaRole.LINK).first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Every GitHub member uses two-factor authentication");
        Locator failing = page.locator("#failing");
        assertThat(failing).containsText("bob");
        assertThat(failing).containsText("twoFactorEnabled: false");
        assertThat(page.locator("svg.outcome-chart")).isVisible();
        Pages.assertEveryControlLabelled(page);
        failing.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Accept an exception for bob")).click();
        assertThat(page.getByLabel("Resource").locator("option:checked")).hasText("bob");

        // Without a reason the form says so next to the field, and keeps what was chosen.
        page.locator("#accept").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept exception")).click();
        assertThat(page.locator("#reason-error")).containsText("Reason is required");
        assertThat(page.getByLabel("Resource").locator("option:checked")).hasText("bob");

        page.getByLabel("Reason").fill("Service account; a hardware key is on order");
        page.locator("#accept").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept exception")).click();
        assertThat(page.locator(".flash.success")).containsText("The exception was accepted");
        assertThat(page.locator("#failing")).containsText("Nothing fails right now");
        Locator excepted = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Excepted resources").setExact(true));
        assertThat(excepted).containsText("bob");
        assertThat(excepted).containsText("Service account; a hardware key is on order");
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Exceptions").setExact(true))).containsText("active");
        Pages.screenshot(page, "check-detail.png");

        page.navigate("/checks?status=excepted");
        assertThat(page.locator("a[href='/checks/" + TWO_FA + "']")).isVisible();

        // The editor's dry run (htmx) shows a compile error at its position, then what would pass and fail.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New custom check")).click();
        Pages.assertEveryControlLabelled(page);
        page.getByLabel("Resource type").fill("github.member");
        page.getByLabel("Expression (CEL)").fill("resource.attributes.role == 'admin' ||\n  resource.attributes.logn == 'bob'");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dry run")).click();
        Locator result = page.locator("#dry-run-result");
        assertThat(result).containsText("The expression does not compile");
        assertThat(result).containsText("line 2, column");
        assertThat(result).containsText("logn");
        page.getByLabel("Expression (CEL)").fill("resource.attributes.role == 'admin' ? '' : resource.name + ' is not an owner'");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dry run")).click();
        assertThat(result).containsText("Dry run on the current inventory");
        assertThat(result).containsText("bob is not an owner");
        assertThat(result).containsText("1 pass");
        assertThat(page).hasURL(baseUrl() + "/checks/new");
        Pages.screenshot(page, "check-editor.png");

        assertEquals(List.of(), Pages.cspViolations(page), "Content-Security-Policy violations");
        assertEquals(List.of(), problems, "script errors");
    }
}
