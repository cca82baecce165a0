package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API reference (Swagger UI at {@code /api/docs}) in a real browser: it is public reference
 * material (like {@code /api/openapi.json}), and under the UI's Content-Security-Policy it loads the
 * OpenAPI document and lists the operations with no blocked script, style or image and no script error.
 */
@H2Test
@Tag("browser")
class ApiDocsBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Test
    void apiDocsOpenWithoutSigningIn() {
        Page visitor = browser.newPage(baseUrl());
        assertEquals(200, visitor.request().get("/api/openapi.json").status(), "the OpenAPI document is public");
        Response response = visitor.navigate("/api/docs");
        List<String> chain = Pages.redirectChain(response);
        assertFalse(chain.get(chain.size() - 1).startsWith("/login"),
                "the API docs are public, but " + String.join(" -> ", chain) + " sends a visitor to sign-in");
        assertEquals(200, response.status(), "Swagger UI via " + chain);
        assertThat(visitor.locator(".swagger-ui .opblock").first()).isVisible();
    }

    @Test
    void swaggerUiShowsTheOperationsWithoutContentSecurityPolicyViolations() {
        Page page = browser.newPage(baseUrl());
        List<String> problems = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.text().contains("Content Security Policy")) {
                problems.add("console " + m.type() + ": " + m.text());
            }
        });
        page.onPageError(e -> problems.add("uncaught: " + e));
        page.onRequestFailed(r -> problems.add("request failed: " + r.url() + " (" + r.failure() + ")"));
        Pages.recordCspViolations(page);

        // Signed in, so that this test checks the page itself whatever the access rules for the docs are.
        page.navigate("/login");
        page.getByLabel("Email").fill(ADMIN_EMAIL);
        page.getByLabel("Password").fill(ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(baseUrl() + "/");

        Response response = page.navigate("/api/docs");
        assertEquals(200, response.status(), "Swagger UI via " + Pages.redirectChain(response));
        assertThat(page.locator(".swagger-ui .info .title")).isVisible();
        assertThat(page.locator(".swagger-ui .info .title")).not().hasText("");
        assertThat(page.locator(".swagger-ui .opblock-tag-section").first()).isVisible();
        assertThat(page.locator(".swagger-ui .opblock-summary-path[data-path='/api/v1/members']").first()).isVisible();
        assertThat(page.locator(".swagger-ui .opblock-summary-path[data-path='/api/v1/audit-log']").first()).isVisible();
        page.waitForLoadState();

        List<String> violations = Pages.cspViolations(page);
        assertEquals(List.of(), violations, "Content-Security-Policy violations on " + page.url());
        assertEquals(List.of(), problems, "browser errors on " + page.url());
    }
}
