package dev.evident.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small checks shared by the browser tests. */
final class Pages {

    private Pages() {
    }

    /**
     * Records Content-Security-Policy violations as DOM events from before any page script runs; read
     * them with {@link #cspViolations(Page)}. Call once, right after the page is opened.
     */
    static void recordCspViolations(Page page) {
        page.addInitScript("""
                window.__cspViolations = [];
                document.addEventListener('securitypolicyviolation', e =>
                  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
                    (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : '')));""");
    }

    /** The violations recorded on the current document (see {@link #recordCspViolations(Page)}). */
    @SuppressWarnings("unchecked")
    static List<String> cspViolations(Page page) {
        return (List<String>) page.evaluate("() => window.__cspViolations");
    }

    /**
     * Starts collecting script errors (console errors and uncaught exceptions) and Content-Security-Policy
     * violations of a freshly opened page; assert the returned list stays empty.
     */
    static List<String> recordProblems(Page page) {
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                problems.add(page.url() + ": console: " + m.text());
            }
        });
        page.onPageError(e -> problems.add(page.url() + ": uncaught " + e));
        recordCspViolations(page);
        return problems;
    }

    /** Signs in through the sign-in form and waits for the dashboard. */
    static void signIn(Page page, String baseUrl, String email, String password) {
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page).hasURL(baseUrl + "/");
    }

    /** Paths (with query) the browser went through to reach this response, first request first. */
    static List<String> redirectChain(Response response) {
        List<String> chain = new ArrayList<>();
        for (Request r = response.request(); r != null; r = r.redirectedFrom()) {
            URI uri = URI.create(r.url());
            chain.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        Collections.reverse(chain);
        return chain;
    }

    /** Every visible form control (not hidden inputs) has a {@code <label>} with text associated with it. */
    @SuppressWarnings("unchecked")
    static void assertEveryControlLabelled(Page page) {
        List<String> unlabelled = (List<String>) page.evaluate("""
                () => Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(el => el.type !== 'hidden')
                  .filter(el => !(el.labels && Array.from(el.labels).some(l => l.textContent.trim().length > 0)))
                  .map(el => el.outerHTML)""");
        assertEquals(List.of(), unlabelled, "form controls without an associated <label> on " + page.url());
    }

    /** Describes the focused element: tag, id and text, e.g. {@code input#email} or {@code button "Sign in"}. */
    static String focused(Page page) {
        return (String) page.evaluate("""
                () => {
                  const el = document.activeElement;
                  if (!el || el === document.body) { return 'body'; }
                  const id = el.id ? '#' + el.id : '';
                  const text = (el.tagName === 'BUTTON' || el.tagName === 'A') ? ' "' + el.textContent.trim() + '"' : '';
                  return el.tagName.toLowerCase() + id + text;
                }""");
    }

    /** Saves a full-page screenshot when the run is given {@code -Devident.screenshots=<folder>} (for the docs). */
    static void screenshot(Page page, String name) {
        screenshot(page, name, true);
    }

    /** Like {@link #screenshot(Page, String)}; {@code fullPage} false keeps to the window, for long pages. */
    static void screenshot(Page page, String name, boolean fullPage) {
        String folder = System.getProperty("evident.screenshots");
        if (folder != null && !folder.isBlank()) {
            page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of(folder, name)).setFullPage(fullPage));
        }
    }
}
