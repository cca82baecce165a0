package dev.evident.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium per test class. Each {@link #newPage(String)} opens a fresh browser
 * context (its own cookies), so a test can act as several people at once. When a test fails, every
 * open page is saved as a full-page screenshot under {@code app/target/browser-screenshots/}.
 * Tracing stays off and downloads are refused: nothing is written but the screenshots.
 *
 * <p>Register it as a static field: {@code @RegisterExtension static final BrowserExtension browser = new BrowserExtension();}
 */
public final class BrowserExtension implements BeforeAllCallback, AfterTestExecutionCallback, AfterAllCallback {

    static final int ACTION_TIMEOUT_MS = 15_000;

    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        var executable = Chromium.executable();
        PlaywrightAssertions.setDefaultAssertionTimeout(ACTION_TIMEOUT_MS);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright, executable);
    }

    /** A new page in a new browser context: a separate person with their own cookies. */
    public Page newPage(String baseUrl) {
        return newPage(baseUrl, false);
    }

    /** A new page that may also save downloads (an exported file the test then opens). */
    public Page newPage(String baseUrl, boolean acceptDownloads) {
        if (browser == null) {
            throw new IllegalStateException("Register BrowserExtension as a static @RegisterExtension field");
        }
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setAcceptDownloads(acceptDownloads)
                .setLocale("en-US")
                .setTimezoneId("UTC")
                .setViewportSize(1280, 900));
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        context.setDefaultNavigationTimeout(30_000);
        contexts.add(context);
        return context.newPage();
    }

    /** Closes a person's browser context (their cookies go with it). */
    public void close(Page page) {
        BrowserContext context = page.context();
        contexts.remove(context);
        context.close();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        Path dir = screenshotDirectory();
        int n = 0;
        for (BrowserContext browserContext : List.copyOf(contexts)) {
            for (Page page : browserContext.pages()) {
                if (page.isClosed()) {
                    continue;
                }
                n++;
                Path file = dir.resolve(n == 1 ? name + ".png" : name + "-" + n + ".png");
                try {
                    Files.createDirectories(dir);
                    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true).setTimeout(10_000));
                    System.err.println("[browser] " + name + " failed on " + page.url() + "; screenshot: " + file);
                } catch (Exception e) {
                    System.err.println("[browser] could not save a screenshot of " + page.url() + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            for (BrowserContext browserContext : List.copyOf(contexts)) {
                browserContext.close();
            }
            contexts.clear();
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (playwright != null) {
                playwright.close();
            }
            browser = null;
            playwright = null;
        }
    }

    /** {@code <module>/target/browser-screenshots}, found from where the test classes were compiled to. */
    static Path screenshotDirectory() {
        try {
            Path testClasses = Path.of(BrowserExtension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = testClasses.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")) {
                return target.resolve("browser-screenshots");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("target", "browser-screenshots").toAbsolutePath();
    }
}
