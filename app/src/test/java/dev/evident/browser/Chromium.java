package dev.evident.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts Playwright against the Chromium installed on the machine (Debian's {@code chromium}
 * package, or {@code EVIDENT_CHROMIUM}). Playwright never downloads a browser: the build runs
 * offline, and a missing Chromium is a failure with instructions, never a skipped test.
 */
final class Chromium {

    static final String DEFAULT_PATH = "/usr/bin/chromium";

    /** Flags that keep an offline headless Chromium quiet: no background calls home, no QUIC retries. */
    static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private Chromium() {
    }

    static Path executable() {
        String configured = System.getenv("EVIDENT_CHROMIUM");
        Path path = Path.of(configured == null || configured.isBlank() ? DEFAULT_PATH : configured.trim());
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new AssertionError("Chromium not found at " + path
                    + "; install the Debian package chromium or set EVIDENT_CHROMIUM");
        }
        return path;
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright, Path executable) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(ARGS)
                .setChromiumSandbox(false));
    }
}
