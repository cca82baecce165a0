package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.evident.identity.internal.SetupService;
import dev.evident.testing.H2Test;
import dev.evident.testing.TestClockConfiguration;
import java.util.ArrayList;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The first hour of a new installation, in Chromium: an empty Evident (no bootstrap settings) is
 * set up with the code from the log, the admin invites a colleague who joins in their own browser,
 * the admin changes the colleague's role and finds it all in the audit log, signs out and back in.
 * Then the sign-in page's keyboard order and labels, and the friendly 404 page.
 *
 * <p>The steps run in order and share the browsers; after a failed step the rest are not run. The
 * setup code comes from {@link SetupService#issueCodeIfNeeded()}, which replaces the one in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "evident.sign-in.attempts-per-minute=10000",
        // an empty installation whatever EVIDENT_* variables the machine running the tests has set
        "evident.bootstrap.admin-email=", "evident.bootstrap.admin-password=", "evident.bootstrap.admin-token=",
        "evident.demo=false", "evident.public-url="})
@H2Test
@Import(TestClockConfiguration.class)
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Journey.class)
class FirstRunBrowserTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    static final String ORG = "Northwind Analytics";
    static final String ADMIN_NAME = "Ada Admin";
    static final String ADMIN_EMAIL = "ada@northwind.example";
    static final String ADMIN_PASSWORD = "violet harbor compass 1987";
    static final String COLLEAGUE_NAME = "Casey Colleague";
    static final String COLLEAGUE_EMAIL = "casey@northwind.example";
    static final String COLLEAGUE_PASSWORD = "quiet meadow orchard 314";

    @LocalServerPort
    int port;

    @Autowired
    SetupService setupService;

    /** The admin's browser, used throughout the journey. */
    Page admin;
    String inviteLink;
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Page open() {
        Page page = browser.newPage(baseUrl());
        page.onConsoleMessage(m -> {
            // Pages answered with 4xx on purpose (form errors, the 404 page) are logged as failed resources;
            // failed scripts, styles, images and htmx calls are caught below instead.
            if (m.type().equals("error") && !m.text().startsWith("Failed to load resource")) {
                consoleErrors.add(page.url() + ": " + m.text());
            }
        });
        page.onResponse(r -> {
            if (r.status() >= 400 && !r.request().resourceType().equals("document")) {
                consoleErrors.add(page.url() + ": " + r.request().resourceType() + " " + r.url() + " answered " + r.status());
            }
        });
        page.onPageError(e -> consoleErrors.add(page.url() + ": uncaught " + e));
        return page;
    }

    @Test
    @Order(1)
    @DisplayName("1. An empty Evident sends people to setup; setup checks the code and the password, then opens the dashboard")
    void firstRunSetup() {
        admin = open();

        Response fromRoot = admin.navigate("/");
        assertEquals(List.of("/", "/login", "/setup"), Pages.redirectChain(fromRoot),
                "/ should send a signed-out visitor to sign-in, which sends them on to setup while no account exists");
        Response fromLogin = admin.navigate("/login");
        assertEquals(List.of("/login", "/setup"), Pages.redirectChain(fromLogin));
        assertThat(admin).hasTitle("Set up Evident · Evident");
        assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Set up Evident"))).isVisible();
        Pages.assertEveryControlLabelled(admin);

        // A wrong setup code: the error names the setup code, the other fields keep what was typed.
        fillSetupForm("wrong-code-0000", ADMIN_PASSWORD);
        Response wrongCode = submitSetup();
        assertEquals(400, wrongCode.status());
        Locator codeError = admin.locator("#setupCode-error");
        assertThat(codeError).isVisible();
        assertThat(codeError).containsText("Setup code");
        assertThat(admin.getByLabel("Setup code", new Page.GetByLabelOptions().setExact(true)))
                .hasAttribute("aria-invalid", "true");
        assertThat(admin.getByRole(AriaRole.ALERT)).containsText("Setup code");
        assertThat(admin.getByLabel("Organization name")).hasValue(ORG);
        assertThat(admin.getByLabel("Your email")).hasValue(ADMIN_EMAIL);

        // The real code (a fresh one replaces the code printed in the log) but a weak password.
        String code = setupService.issueCodeIfNeeded().orElseThrow();
        fillSetupForm(code, "short");
        Response weakPassword = submitSetup();
        assertEquals(400, weakPassword.status());
        assertThat(admin.locator("#setupCode-error")).hasCount(0);
        Locator passwordError = admin.locator("#password-error");
        assertThat(passwordError).isVisible();
        assertThat(passwordError).containsText("Password must be at least 12 characters");

        // All valid: the organization exists and its admin is signed in.
        fillSetupForm(code, ADMIN_PASSWORD);
        submitSetup();
        assertThat(admin).hasURL(baseUrl() + "/");
        assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ORG).setLevel(1))).isVisible();
        assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Your organization is ready");
        assertThat(admin.locator("header.topbar")).containsText(ADMIN_NAME);
        assertThat(admin.locator("header.topbar .badge")).hasText("Admin");
    }

    @Test
    @Order(2)
    @DisplayName("2. The admin invites a colleague, who joins through the link in their own browser")
    void inviteColleague() {
        admin.navigate("/invitations");
        Pages.assertEveryControlLabelled(admin);
        admin.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(COLLEAGUE_EMAIL);
        admin.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("Contributor"));
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create invitation link")).click();

        Locator link = admin.locator("#invite-link");
        assertThat(link).isVisible();
        inviteLink = link.inputValue();
        assertTrue(inviteLink.matches(Pattern.quote(baseUrl() + "/invite/") + "\\S{20,}"), "invitation link: " + inviteLink);
        assertThat(admin.getByRole(AriaRole.STATUS)).containsText(COLLEAGUE_EMAIL);
        assertThat(admin.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(COLLEAGUE_EMAIL)))
                .containsText("Contributor");

        Page colleague = open();
        colleague.navigate(inviteLink);
        assertThat(colleague.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Join " + ORG + " on Evident");
        assertThat(colleague.locator("main")).containsText("You were invited as Contributor with the email " + COLLEAGUE_EMAIL);
        Pages.assertEveryControlLabelled(colleague);
        colleague.getByLabel("Your name").fill(COLLEAGUE_NAME);
        colleague.getByLabel("Choose a password").fill(COLLEAGUE_PASSWORD);
        colleague.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account and join")).click();

        assertThat(colleague).hasURL(baseUrl() + "/");
        assertThat(colleague.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ORG).setLevel(1))).isVisible();
        assertThat(colleague.getByRole(AriaRole.STATUS)).containsText("Welcome, " + COLLEAGUE_NAME);
        assertThat(colleague.locator("header.topbar")).containsText(COLLEAGUE_NAME);
        assertThat(colleague.locator("header.topbar .badge")).hasText("Contributor");
        browser.close(colleague);
    }

    @Test
    @Order(3)
    @DisplayName("3. The admin sees the colleague, changes their role, and finds all of it in the audit log")
    void changeRoleAndAudit() {
        admin.navigate("/members");
        Pages.assertEveryControlLabelled(admin);
        Locator row = admin.locator("tr[data-email='" + COLLEAGUE_EMAIL + "']");
        assertThat(row).containsText(COLLEAGUE_NAME);
        Locator role = row.getByLabel("Role of " + COLLEAGUE_NAME);
        assertThat(role).hasValue("CONTRIBUTOR");

        role.selectOption(new SelectOption().setLabel("Compliance manager"));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change role")).click();

        assertThat(admin.getByRole(AriaRole.STATUS)).hasText(COLLEAGUE_NAME + " is now Compliance manager.");
        assertThat(admin.locator("tr[data-email='" + COLLEAGUE_EMAIL + "']").getByLabel("Role of " + COLLEAGUE_NAME))
                .hasValue("COMPLIANCE_MANAGER");

        admin.navigate("/audit-log");
        Pages.assertEveryControlLabelled(admin);
        Locator actions = admin.locator("#audit-rows td:nth-child(4) code");
        assertThat(actions.first()).isVisible();
        List<String> logged = actions.allInnerTexts();
        for (String expected : List.of("invitation.created", "member.joined", "member.role_changed")) {
            assertTrue(logged.contains(expected), "audit log should show " + expected + "; it shows " + logged);
        }

        // The hash-chain check runs through htmx under the page's Content-Security-Policy.
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify hash chain")).click();
        assertThat(admin.locator("#verification")).containsText("Chain intact");
    }

    @Test
    @Order(4)
    @DisplayName("4. Signing out, a wrong password gets a clear announced message, the right one opens the dashboard")
    void signOutAndBackIn() {
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(admin).hasURL(baseUrl() + "/login?signedOut");
        assertThat(admin.getByRole(AriaRole.STATUS)).hasText("You are signed out.");
        admin.navigate("/");
        assertThat(admin).hasURL(baseUrl() + "/login");

        admin.getByLabel("Email").fill(ADMIN_EMAIL);
        admin.getByLabel("Password").fill("violet harbor compass 1988");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(admin).hasURL(Pattern.compile("/login\\?error$"));
        Locator alert = admin.getByRole(AriaRole.ALERT);
        assertThat(alert).isVisible();
        assertThat(alert).hasText("Wrong email or password.");
        assertThat(admin.getByLabel("Email")).hasValue(ADMIN_EMAIL);
        assertThat(admin.getByLabel("Email")).hasAttribute("aria-describedby", alert.getAttribute("id"));

        admin.getByLabel("Password").fill(ADMIN_PASSWORD);
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        // back to the page asked for before signing in (Spring Security marks it with "?continue")
        assertThat(admin).hasURL(Pattern.compile("^http://localhost:" + port + "/(\\?continue)?$"));
        assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ORG).setLevel(1))).isVisible();
        assertThat(admin.getByRole(AriaRole.ALERT)).hasCount(0);
    }

    @Test
    @Order(5)
    @DisplayName("5. The sign-in page works from the keyboard: email, password, Sign in, each with a label")
    void signInByKeyboard() {
        Page visitor = open();
        visitor.navigate("/login");
        // Chromium applies autofocus when it next renders, which can come after the load event.
        assertThat(visitor.getByLabel("Email")).isFocused();
        assertEquals("input#email", Pages.focused(visitor), "the email field should have focus when the page opens");
        Pages.assertEveryControlLabelled(visitor);

        // Tab on from the focused email field until focus leaves the page, then on from the top of the
        // document: the skip link first, then the form fields in reading order, and nothing else.
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            visitor.keyboard().press("Tab");
            stops.add(Pages.focused(visitor));
        }
        int top = stops.indexOf("body");
        assertTrue(top > 0, "focus never left the page: " + stops);
        assertEquals(List.of("input#password", "button \"Sign in\""), stops.subList(0, top), "tab order " + stops);
        int end = stops.subList(top + 1, stops.size()).indexOf("body");
        assertTrue(end > 0, "focus did not come round again: " + stops);
        assertEquals(List.of("a \"Skip to content\"", "input#email", "input#password", "button \"Sign in\""),
                stops.subList(top + 1, top + 1 + end), "tab order from the top of the sign-in page " + stops);

        // Typing along the tab order signs in.
        visitor.navigate("/login");
        assertThat(visitor.getByLabel("Email")).isFocused();
        visitor.keyboard().type(COLLEAGUE_EMAIL);
        visitor.keyboard().press("Tab");
        visitor.keyboard().type(COLLEAGUE_PASSWORD);
        assertThat(visitor.getByLabel("Email")).hasValue(COLLEAGUE_EMAIL);
        assertThat(visitor.getByLabel("Password")).hasValue(COLLEAGUE_PASSWORD);
        visitor.keyboard().press("Enter");
        assertThat(visitor).hasURL(baseUrl() + "/");
        assertThat(visitor.locator("header.topbar .badge")).hasText("Compliance manager");
        browser.close(visitor);
    }

    @Test
    @Order(6)
    @DisplayName("6. An unknown address shows a friendly 404 page without technical details")
    void friendlyNotFound() {
        Response response = admin.navigate("/does-not-exist");
        assertEquals(404, response.status());
        assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("We couldn't find that page");
        assertThat(admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the dashboard"))).isVisible();
        String body = admin.locator("body").innerText();
        String html = admin.content();
        for (String technical : List.of("Exception", "at dev.", "at java.", "Whitelabel", "stack trace")) {
            assertFalse(body.toLowerCase().contains(technical.toLowerCase()), "404 page shows \"" + technical + "\": " + body);
            assertFalse(html.contains(technical), "404 page source contains \"" + technical + "\"");
        }
    }

    @Test
    @Order(7)
    @DisplayName("7. No page of the journey logged a script error, a Content-Security-Policy violation or a failed resource")
    void noScriptErrors() {
        assertEquals(List.of(), consoleErrors);
    }

    private void fillSetupForm(String code, String password) {
        admin.getByLabel("Setup code", new Page.GetByLabelOptions().setExact(true)).fill(code);
        admin.getByLabel("Organization name").fill(ORG);
        admin.getByLabel("Your name").fill(ADMIN_NAME);
        admin.getByLabel("Your email").fill(ADMIN_EMAIL);
        admin.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
    }

    private Response submitSetup() {
        return admin.waitForResponse(r -> r.url().equals(baseUrl() + "/setup") && r.request().method().equals("POST"),
                () -> admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization")).click());
    }
}
