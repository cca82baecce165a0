package dev.evident.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.evident.program.Programs;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A control owner's evidence, in Chromium: the quarterly access review's coverage shows its first
 * quarter missing; two files dropped on the upload form each get their own title and dates and are
 * uploaded with progress; one is linked to the control from its page, whose SHA-256 matches the file;
 * the control's timeline then shows the quarter evidenced. Every page has its labels, logs no script
 * error and breaks no Content-Security-Policy rule.
 *
 * <p>The journey runs in an organization of its own. Run with {@code -Devident.screenshots=<folder>}
 * to save the library, an item and the coverage timeline as screenshots.
 */
@H2Test
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Journey.class)
class EvidenceBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    static final byte[] REVIEW = ("Quarterly access review\nEvery account checked against the HR roster.\n"
            + "Two leavers removed.\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] ROSTER = "name,team\nAda,Platform\nGrace,Security\n".getBytes(StandardCharsets.UTF_8);

    Page lead;
    Organization org;
    String programId;
    String controlId;
    LocalDate periodStart;
    String reviewId;
    final List<String> problems = new CopyOnWriteArrayList<>();

    private Page open() {
        Page page = browser.newPage(baseUrl(), true);
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

    private void assertClean() {
        assertEquals(List.of(), Pages.cspViolations(lead), "Content-Security-Policy violations on " + lead.url());
        assertEquals(List.of(), problems, "console errors or failed requests");
    }

    private void screenshot(String name, Locator element) {
        String folder = System.getProperty("evident.screenshots");
        if (folder != null && !folder.isBlank()) {
            if (element == null) {
                lead.screenshot(new Page.ScreenshotOptions().setPath(Path.of(folder, name)).setFullPage(true));
            } else {
                element.screenshot(new Locator.ScreenshotOptions().setPath(Path.of(folder, name)));
            }
        }
    }

    private Locator quarter(int number) {
        return lead.locator("#coverage ol li").nth(number - 1);
    }

    @Test
    @Order(1)
    @DisplayName("1. The quarterly access review's timeline shows its first quarter missing")
    void timelineBefore() {
        org = newOrganization("Evidence browser");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        periodStart = today.minusMonths(6).withDayOfMonth(1);
        Map<String, Object> program = Programs.typeTwo("SOC 2 (evidence browser)", "availability");
        program.put("periodStart", periodStart.toString());
        program.put("periodEnd", periodStart.plusMonths(12).minusDays(1).toString());
        programId = org.api().post("/api/v1/programs", program).json().get("id").asText();
        JsonNode adopted = org.api().post("/api/v1/controls/library/adopt", Map.of("controlIds", List.of("AC-06")))
                .json().get("adopted").get(0);
        controlId = adopted.get("id").asText();

        lead = open();
        lead.navigate("/login");
        lead.getByLabel("Email").fill(org.adminEmail());
        lead.getByLabel("Password").fill(org.adminPassword());
        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(lead).hasURL(baseUrl() + "/");

        lead.navigate("/controls/" + controlId);
        // htmx replaces the link to the library with the timeline itself
        assertThat(lead.locator("#coverage svg.coverage-band")).isVisible();
        assertThat(lead.locator("#coverage")).containsText("Evidenced");
        assertThat(lead.locator("#coverage .coverage-legend")).containsText("Not due yet");
        assertThat(quarter(1)).hasAttribute("data-state", "missing");
        assertThat(lead.locator("#coverage rect.cell").first()).hasAttribute("data-state", "missing");
        assertThat(lead.locator("#coverage .coverage-missing")).containsText(periodStart.toString());
        assertTrue(lead.locator("#coverage rect.cell title").first().textContent().startsWith("Quarter 1, " + periodStart),
                "each cell has a title");
        assertClean();
    }

    @Test
    @Order(2)
    @DisplayName("2. Two files dropped on the upload form get their own titles and dates and are uploaded")
    void uploadTwoFiles() {
        lead.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Evidence")).click();
        assertThat(lead).hasURL(baseUrl() + "/evidence");
        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Evidence").setLevel(1))).isVisible();
        assertThat(lead.locator("#evidence-results")).containsText("No evidence yet");
        Pages.assertEveryControlLabelled(lead);

        lead.getByLabel("Files", new Page.GetByLabelOptions().setExact(true)).setInputFiles(new FilePayload[] {
            new FilePayload("q1-access-review.txt", "text/plain", REVIEW),
            new FilePayload("hr-roster.csv", "text/csv", ROSTER)});
        Locator rows = lead.locator("[data-upload-list] li");
        assertThat(rows).hasCount(2);
        Pages.assertEveryControlLabelled(lead);
        LocalDate q1Day = periodStart.plusMonths(1);
        lead.getByLabel("Title of q1-access-review.txt").fill("Q1 access review");
        rows.nth(0).getByLabel("Effective from").fill(periodStart.toString());
        rows.nth(0).getByLabel("Effective to").fill(periodStart.plusMonths(3).minusDays(1).toString());
        rows.nth(1).getByLabel("Effective from").fill(q1Day.toString());
        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();

        assertThat(rows.nth(0).locator(".file-done")).containsText("Added: Q1 access review");
        assertThat(rows.nth(1).locator(".file-done")).containsText("Added: hr-roster");
        assertThat(rows.nth(0).locator("progress")).hasAttribute("value", "100");
        // the table below refreshes in place
        assertThat(lead.locator("#evidence-results tbody tr")).hasCount(2);
        assertThat(lead.locator("#evidence-results")).containsText(periodStart + " to "
                + periodStart.plusMonths(3).minusDays(1));
        assertEquals(2, org.api().get("/api/v1/evidence").json().get("items").size());
        screenshot("evidence-library.png", null);
        assertClean();
    }

    @Test
    @Order(3)
    @DisplayName("3. The review's page shows the file's SHA-256; linking it to the control is one form")
    void openAndLink() throws Exception {
        lead.locator("#evidence-results").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName("Q1 access review")).click();
        assertThat(lead.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Q1 access review").setLevel(1)))
                .isVisible();
        reviewId = lead.url().substring(lead.url().lastIndexOf('/') + 1);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(REVIEW));
        assertThat(lead.locator("[data-sha256]")).hasText(sha);
        assertThat(lead.locator(".evidence-text")).containsText("Two leavers removed.");
        assertThat(lead.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inclusion proof (JSON)"))).isVisible();
        Pages.assertEveryControlLabelled(lead);

        lead.getByLabel("Link to a control").selectOption(controlId);
        lead.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Link").setExact(true)).click();
        assertThat(lead.getByRole(AriaRole.STATUS).first()).containsText("Linked to AC-06.");
        assertThat(lead.locator(".link-list")).containsText("AC-06");
        screenshot("evidence-detail.png", null);
        assertClean();
    }

    @Test
    @Order(4)
    @DisplayName("4. The control's timeline now shows the first quarter evidenced")
    void timelineAfter() {
        lead.navigate("/controls/" + controlId);
        assertThat(lead.locator("#coverage svg.coverage-band")).isVisible();
        assertThat(quarter(1)).hasAttribute("data-state", "evidenced");
        assertThat(quarter(1)).containsText("evidenced by 1 item");
        assertThat(lead.locator("#coverage rect.cell").first()).hasAttribute("data-state", "evidenced");
        screenshot("coverage-timeline.png", lead.locator("#coverage"));

        // the library filtered by the control shows the same timeline and only the linked item
        lead.navigate("/evidence?control=" + controlId);
        assertThat(lead.locator("#evidence-results tbody tr")).hasCount(1);
        assertThat(lead.locator("#coverage li[data-state]").first()).hasAttribute("data-state", "evidenced");
        assertClean();
    }

    @Test
    @Order(5)
    @DisplayName("5. The export dialog on the program page downloads the audit package with its manifest")
    void exportThePackage() throws Exception {
        lead.navigate("/programs/" + programId);
        lead.getByText("Export the audit package").first().click();
        assertThat(lead.getByLabel("From")).hasValue(periodStart.toString());
        assertThat(lead.getByLabel("To")).hasValue(periodStart.plusMonths(12).minusDays(1).toString());
        Pages.assertEveryControlLabelled(lead);
        com.microsoft.playwright.Download download = lead.waitForDownload(() -> lead.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download the package")).click());
        assertTrue(download.suggestedFilename().endsWith(".zip"), download.suggestedFilename());
        String manifest = null;
        try (var in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(download.path()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith("/manifest.json")) {
                    manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(manifest != null, "the package has a manifest.json");
        assertTrue(manifest.contains(reviewId), "the manifest lists the linked review");
        assertClean();
    }
}
