package dev.evident.evidence;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.Provisioning;
import dev.evident.program.Programs;
import dev.evident.shared.security.Role;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.FilePart;
import dev.evident.testing.WebSession.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The evidence pages as a person without JavaScript uses them (and the upload as evident.js sends it):
 * the library and its filters, uploads and their errors, the item page with its hashes, links,
 * corrections and previews, and who may do what. H2 only, as pages are the same on every database.
 */
@H2Test
class EvidencePagesOnH2IT extends IntegrationTest {

    static final Pattern ROW = Pattern.compile("<tr data-evidence=\"([^\"]+)\"");
    static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            + "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a1d10000000049454e44ae426082");

    @Autowired
    Provisioning provisioning;

    record Setup(Organization org, WebSession admin, String programId, String ac06, String cm02) {
    }

    Setup setup(String name) {
        Organization org = newOrganization(name);
        LocalDate today = today();
        Map<String, Object> program = Programs.typeTwo("SOC 2 " + name, "availability");
        program.put("periodStart", today.minusMonths(6).withDayOfMonth(1).toString());
        program.put("periodEnd", today.minusMonths(6).withDayOfMonth(1).plusMonths(12).minusDays(1).toString());
        String programId = org.api().post("/api/v1/programs", program).json().get("id").asText();
        JsonNode adopted = org.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("AC-06", "CM-02")))
                .json().get("adopted");
        String ac06 = null;
        String cm02 = null;
        for (JsonNode c : adopted) {
            if (c.get("ref").asText().equals("AC-06")) {
                ac06 = c.get("id").asText();
            } else {
                cm02 = c.get("id").asText();
            }
        }
        return new Setup(org, signIn(org.adminEmail(), org.adminPassword()), programId, ac06, cm02);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    WebSession signIn(String email, String password) {
        WebSession session = browserlessSession();
        assertThat(session.signIn(email, password).status()).isEqualTo(302);
        return session;
    }

    static List<Map.Entry<String, String>> fields(String... pairs) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return out;
    }

    static List<String> rows(Page page) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW.matcher(page.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static FilePart file(String name, String text) {
        return new FilePart("file", name, "application/octet-stream", text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Uploads through the form, as the no-JavaScript browser does, and returns the new items' ids, newest first. */
    List<String> upload(Setup s, List<Map.Entry<String, String>> fields, FilePart... files) {
        s.admin().get("/evidence");
        Page posted = s.admin().postMultipart("/evidence/upload", fields, List.of(files), Map.of());
        assertThat(posted.redirectsTo("/evidence")).as(posted.status() + " " + posted.body()).isTrue();
        return rows(s.admin().get("/evidence"));
    }

    @Test
    void severalFilesUploadedAtOnceAppearInTheLibraryAndItsFiltersFindThem() {
        Setup s = setup("Library");
        String month = today().minusMonths(1).toString();
        String week = today().minusDays(7).toString();
        s.admin().get("/evidence");
        Page posted = s.admin().postMultipart("/evidence/upload", fields("effectiveFrom", month, "effectiveTo", week,
                        "controlIds", s.ac06(), "programIds", s.programId()),
                List.of(file("access-review.txt", "Access review: all accounts checked"),
                        new FilePart("file", "dashboard.png", "image/png", PNG)), Map.of());
        assertThat(posted.redirectsTo("/evidence")).as(posted.body()).isTrue();
        Page library = s.admin().get("/evidence");
        assertThat(library.body()).contains("Added 2 files: access-review, dashboard.")
                .contains(">access-review</a>").contains(">dashboard</a>").contains(month + " to " + week)
                .contains(">AC-06</a>").contains("Current").contains("dashboard.png");
        assertThat(rows(library)).hasSize(2);
        upload(s, fields("title", "Change approvals", "effectiveFrom", month, "controlIds", s.cm02()),
                file("changes.csv", "id,approved\n1,yes\n"));

        assertThat(rows(s.admin().get("/evidence"))).hasSize(3);
        assertThat(rows(s.admin().get("/evidence?control=" + s.ac06()))).hasSize(2);
        assertThat(rows(s.admin().get("/evidence?control=" + s.cm02()))).hasSize(1);
        assertThat(rows(s.admin().get("/evidence?program=" + s.programId()))).hasSize(2);
        assertThat(rows(s.admin().get("/evidence?q=approvals"))).hasSize(1);
        assertThat(rows(s.admin().get("/evidence?q=dashboard.png"))).hasSize(1);
        assertThat(rows(s.admin().get("/evidence?kind=FILE&source=USER"))).hasSize(3);
        assertThat(rows(s.admin().get("/evidence?kind=CONNECTOR_RECORD"))).isEmpty();
        assertThat(rows(s.admin().get("/evidence?source=CONNECTOR"))).isEmpty();
        // the single-day item of a month ago overlaps only a window that includes that day
        assertThat(rows(s.admin().get("/evidence?from=" + month + "&to=" + month))).hasSize(3);
        assertThat(rows(s.admin().get("/evidence?from=" + today().minusDays(10)))).hasSize(2);
        assertThat(rows(s.admin().get("/evidence?to=" + today().minusMonths(2)))).isEmpty();

        // stale: items linked to controls whose latest due occurrence has no evidence
        Page stale = s.admin().get("/evidence?stale=true");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).contains("Only controls with stale coverage").doesNotContain("could not be used");
        assertThat(rows(stale)).isSubsetOf(rows(s.admin().get("/evidence")));
        assertThat(s.admin().get("/evidence?stale=maybe").body()).contains("stale must be true or false");

        Page bad = s.admin().get("/evidence?from=yesterday");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("This filter could not be used: from must be a date written as YYYY-MM-DD");
        assertThat(rows(bad)).isEmpty();

        // the control filter shows that control's coverage section above the results
        assertThat(s.admin().get("/evidence?control=" + s.ac06()).body()).contains("Evidence coverage")
                .contains("id=\"coverage\"");

        // htmx gets the results only, without the page around them
        Page partial = s.admin().get("/evidence?control=" + s.cm02(), Map.of("HX-Request", "true"));
        assertThat(partial.body()).doesNotContain("<html").doesNotContain("Add evidence").contains("Change approvals");
        assertThat(rows(partial)).hasSize(1);
    }

    @Test
    void loadMoreContinuesAfterTheFirstPage() {
        Setup s = setup("Paging");
        String day = today().minusDays(2).toString();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            records.add(body("kind", "CONNECTOR_RECORD", "title", "Branch protection " + i, "data", body("n", i),
                    "effectiveFrom", day, "connector", "github", "query", "GET /repos/" + i));
        }
        assertThat(s.org().api().post("/api/v1/evidence/records", body("records", records)).status()).isEqualTo(201);
        Page first = s.admin().get("/evidence?source=CONNECTOR");
        assertThat(rows(first)).hasSize(50);
        Matcher more = Pattern.compile("href=\"([^\"]*cursor=[^\"]+)\"").matcher(first.body());
        assertThat(more.find()).as("a load-more link").isTrue();
        String next = more.group(1).replace("&amp;", "&");
        assertThat(next).contains("source=CONNECTOR");
        Page rest = s.admin().get(next, Map.of("HX-Request", "true", "HX-Target", "load-more-row"));
        assertThat(rows(rest)).hasSize(5).doesNotContainAnyElementsOf(rows(first));
        assertThat(rest.body()).doesNotContain("<table").doesNotContain("Load more");
        assertThat(first.body()).contains("Connector github");
    }

    @Test
    void uploadProblemsAreShownNextToTheirFiles() {
        Setup s = setup("Problems");
        s.admin().get("/evidence");
        String day = today().minusDays(3).toString();
        Page noDate = s.admin().postMultipart("/evidence/upload", fields("effectiveFrom", ""),
                List.of(file("notes.txt", "some notes")), Map.of());
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.body()).contains("Some files were not added").contains("notes.txt:")
                .contains("Effective from is required");

        s.admin().get("/evidence");
        Page lie = s.admin().postMultipart("/evidence/upload", fields("effectiveFrom", day),
                List.of(file("report.pdf", "this is plain text pretending to be a PDF")), Map.of());
        assertThat(lie.status()).isEqualTo(400);
        assertThat(lie.body()).contains("report.pdf:").containsIgnoringCase("pdf");

        s.admin().get("/evidence");
        Page mixed = s.admin().postMultipart("/evidence/upload", fields("effectiveFrom", day),
                List.of(file("good.txt", "fine"), file("empty.txt", "")), Map.of());
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.body()).contains(">good</a>").contains("was added").contains("empty.txt is empty");

        s.admin().get("/evidence");
        Page future = s.admin().postMultipart("/evidence/upload", fields("effectiveFrom", today().plusDays(5).toString()),
                List.of(file("later.txt", "later")), Map.of("Accept", "application/json"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("\"fileName\":\"later.txt\"").contains("\"ok\":false")
                .contains("Effective from is in the future");

        s.admin().get("/evidence");
        Page unknownControl = s.admin().postMultipart("/evidence/upload", fields("effectiveFrom", day, "controlIds",
                java.util.UUID.randomUUID().toString()), List.of(file("x.txt", "x")), Map.of("Accept", "application/json"));
        assertThat(unknownControl.status()).isEqualTo(400);
        assertThat(unknownControl.body()).contains("Control").contains("is not a control of this organization");

        s.admin().get("/evidence");
        Page ok = s.admin().postMultipart("/evidence/upload", fields("title", "Per-file title", "effectiveFrom", day),
                List.of(file("y.txt", "y")), Map.of("Accept", "application/json"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body()).contains("\"ok\":true").contains("\"title\":\"Per-file title\"").contains("\"href\":\"/evidence/");

        // no CSRF token: refused
        WebSession fresh = signIn(s.org().adminEmail(), s.org().adminPassword());
        Page forged = fresh.postMultipart("/evidence/upload", fields("effectiveFrom", day), List.of(file("z.txt", "z")),
                Map.of());
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void theItemPageShowsHashesLinksCorrectionsAndPreviews() throws Exception {
        Setup s = setup("Detail");
        String day = today().minusDays(10).toString();
        byte[] text = "Line one <script>alert(1)</script>\nLine two".getBytes(StandardCharsets.UTF_8);
        String id = upload(s, fields("title", "Backup log", "effectiveFrom", day, "controlIds", s.ac06()),
                new FilePart("file", "backup.log", "text/plain", text)).get(0);
        Page page = s.admin().get("/evidence/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Backup log</h1>").contains(sha256(text)).contains("data-ledger-seq")
                .contains("/evidence/" + id + "/proof.json").contains("AC-06").contains("Supersede with a correction")
                .contains("Line one &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");

        // link, with CSRF; without it the server refuses
        assertThat(s.admin().post("/evidence/" + id + "/links", Map.of("controlId", s.cm02()))
                .redirectsTo("/evidence/" + id)).isTrue();
        assertThat(s.admin().get("/evidence/" + id).body()).contains("Linked to CM-02.").contains(">CM-02</span>");
        assertThat(rows(s.admin().get("/evidence?control=" + s.cm02()))).containsExactly(id);
        assertThat(s.admin().post("/evidence/" + id + "/links/" + s.cm02() + "/remove", Map.of("_csrf", "forged")).status())
                .isEqualTo(403);
        assertThat(s.admin().post("/evidence/" + id + "/links/" + s.cm02() + "/remove", Map.of())
                .redirectsTo("/evidence/" + id)).isTrue();
        assertThat(s.admin().get("/evidence/" + id).body()).contains("Unlinked from CM-02.");
        assertThat(rows(s.admin().get("/evidence?control=" + s.cm02()))).isEmpty();
        JsonNode ledger = s.org().api().get("/api/v1/evidence/" + id).json();
        assertThat(ledger.get("links").toString()).doesNotContain(s.cm02());

        // the proof as a file for the signed-in browser
        WebSession.Download proof = s.admin().download("/evidence/" + id + "/proof.json");
        assertThat(proof.status()).isEqualTo(200);
        assertThat(new String(proof.body(), StandardCharsets.UTF_8)).contains("\"evidenceId\":\"" + id + "\"")
                .contains("\"checkpoint\"");

        // a correction supersedes it and the history shows both ways
        s.admin().get("/evidence/" + id);
        Page corrected = s.admin().postMultipart("/evidence/" + id + "/supersede", fields("title", "Backup log, fixed",
                "effectiveFrom", day), List.of(new FilePart("file", "backup2.log", "text/plain",
                "Line one\nLine two, fixed".getBytes(StandardCharsets.UTF_8))), Map.of());
        assertThat(corrected.location()).as(corrected.body()).contains("/evidence/");
        String newId = corrected.location().substring(corrected.location().lastIndexOf('/') + 1);
        Page newer = s.admin().get("/evidence/" + newId);
        assertThat(newer.body()).contains("supersedes Backup log").contains("Corrections").contains("Backup log, fixed (this item)")
                .contains("/evidence/" + id + "\"").contains("AC-06");
        Page older = s.admin().get("/evidence/" + id);
        assertThat(older.body()).contains("Superseded").contains("see the current version")
                .contains("/evidence/" + newId).doesNotContain("Supersede with a correction");
        assertThat(rows(s.admin().get("/evidence"))).contains(newId).doesNotContain(id);
        assertThat(rows(s.admin().get("/evidence?status=all"))).contains(newId, id);

        // correcting the old version again is refused with the reason, on the page
        Page again = s.admin().postMultipart("/evidence/" + id + "/supersede", fields("title", "Third", "effectiveFrom", day),
                List.of(file("third.txt", "third")), Map.of());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already corrected");
    }

    @Test
    void contentIsADownloadAndOnlyImagesAndPdfShowInThePage() throws Exception {
        Setup s = setup("Content");
        String day = today().minusDays(4).toString();
        String png = upload(s, fields("title", "Screenshot", "effectiveFrom", day),
                new FilePart("file", "shot.png", "image/png", PNG)).get(0);
        String html = upload(s, fields("title", "Saved page", "effectiveFrom", day),
                new FilePart("file", "page.html", "text/html", "<html><script>alert(1)</script></html>"
                        .getBytes(StandardCharsets.UTF_8))).get(0);

        WebSession.Download download = s.admin().download("/evidence/" + png + "/content");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PNG);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        WebSession.Download preview = s.admin().download("/evidence/" + png + "/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.contentType()).isEqualTo("image/png");
        assertThat(preview.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
        assertThat(preview.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(preview.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertThat(preview.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        // pages keep refusing to be framed
        assertThat(s.admin().download("/evidence/" + png).headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(s.admin().download("/evidence").headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(s.admin().get("/evidence/" + png).body()).contains("<img class=\"evidence-preview\"")
                .contains("/evidence/" + png + "/preview");

        // HTML never renders: no preview on the page, the preview address refuses, the download is an attachment
        assertThat(s.admin().get("/evidence/" + html).body()).doesNotContain("evidence-preview")
                .doesNotContain("<script>alert(1)");
        assertThat(s.admin().download("/evidence/" + html + "/preview").status()).isEqualTo(404);
        WebSession.Download htmlDownload = s.admin().download("/evidence/" + html + "/content");
        assertThat(htmlDownload.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(htmlDownload.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");

        String pdf = upload(s, fields("title", "Policy", "effectiveFrom", day),
                new FilePart("file", "policy.pdf", "application/pdf", Uploads.pdf("signed policy"))).get(0);
        assertThat(s.admin().get("/evidence/" + pdf).body()).contains("<iframe class=\"evidence-preview pdf\"");
        WebSession.Download pdfPreview = s.admin().download("/evidence/" + pdf + "/preview");
        assertThat(pdfPreview.status()).isEqualTo(200);
        assertThat(pdfPreview.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(pdfPreview.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'self'");
    }

    @Test
    void anAuditorReadsButCannotUploadOrLinkAndAnEmployeeSeesNoEvidence() {
        Setup s = setup("Roles");
        String day = today().minusDays(4).toString();
        String id = upload(s, fields("title", "Access list", "effectiveFrom", day, "controlIds", s.ac06()),
                file("access.txt", "alice, bob")).get(0);

        String auditorEmail = "ann-" + System.nanoTime() + "@cpa.example";
        provisioning.addUser(s.org().id(), auditorEmail, "Ann Auditor", "a long auditor passphrase", Role.AUDITOR, "test");
        WebSession auditor = signIn(auditorEmail, "a long auditor passphrase");
        Page library = auditor.get("/evidence");
        assertThat(library.status()).isEqualTo(200);
        assertThat(library.body()).contains(">Evidence</a>").contains("Access list").doesNotContain("Add evidence")
                .doesNotContain("/evidence/upload");
        Page detail = auditor.get("/evidence/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("Access list").doesNotContain("Supersede with a correction")
                .doesNotContain("Unlink").doesNotContain("Link to a control");
        assertThat(auditor.download("/evidence/" + id + "/content").status()).isEqualTo(200);
        assertThat(auditor.postMultipart("/evidence/upload", fields("effectiveFrom", day), List.of(file("a.txt", "a")),
                Map.of()).status()).isEqualTo(403);
        assertThat(auditor.post("/evidence/" + id + "/links", Map.of("controlId", s.cm02())).status()).isEqualTo(403);
        assertThat(auditor.post("/evidence/" + id + "/links/" + s.ac06() + "/remove", Map.of()).status()).isEqualTo(403);
        // the program page offers the auditor the package export
        assertThat(auditor.get("/programs/" + s.programId()).body()).contains("Export the audit package")
                .contains("/programs/" + s.programId() + "/audit-package");

        String contributorEmail = "casey-" + System.nanoTime() + "@acme.example";
        provisioning.addUser(s.org().id(), contributorEmail, "Casey", "a long contributor passphrase", Role.CONTRIBUTOR,
                "test");
        WebSession contributor = signIn(contributorEmail, "a long contributor passphrase");
        assertThat(contributor.get("/evidence").body()).contains("Add evidence");
        assertThat(contributor.get("/programs/" + s.programId()).body()).doesNotContain("Export the audit package");

        String employeeEmail = "erin-" + System.nanoTime() + "@acme.example";
        provisioning.addUser(s.org().id(), employeeEmail, "Erin", "a long employee passphrase", Role.EMPLOYEE, "test");
        WebSession employee = signIn(employeeEmail, "a long employee passphrase");
        assertThat(employee.get("/evidence").status()).isEqualTo(403);
        assertThat(employee.get("/evidence/" + id).status()).isEqualTo(403);
        assertThat(employee.get("/").body()).doesNotContain("href=\"/evidence\"");
    }

    @Test
    void theProgramPageExportsTheAuditPackageForItsPeriodOrAChosenInterval() throws Exception {
        Setup s = setup("Export");
        String day = today().minusDays(6).toString();
        upload(s, fields("title", "Access review", "effectiveFrom", day, "controlIds", s.ac06(), "programIds", s.programId()),
                file("review.txt", "all accounts reviewed"));
        Page program = s.admin().get("/programs/" + s.programId());
        assertThat(program.body()).contains("Export the audit package").contains("name=\"from\"")
                .contains("value=\"" + today().minusMonths(6).withDayOfMonth(1) + "\"");

        WebSession.Download zip = s.admin().postForDownload("/programs/" + s.programId() + "/audit-package",
                Map.of("from", "", "to", ""));
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.contentType()).isEqualTo("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        List<String> names = new ArrayList<>();
        String manifest = null;
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                if (entry.getName().equals("evident-package/manifest.json")) {
                    manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).contains("evident-package/manifest.json", "evident-package/public-key.pem", "evident-package/index.html");
        assertThat(manifest).contains("Access review");

        // a chosen interval outside the period goes back to the dialog with the reason
        s.admin().get("/programs/" + s.programId());
        Page outside = s.admin().post("/programs/" + s.programId() + "/audit-package",
                Map.of("from", today().minusYears(3).toString(), "to", day));
        assertThat(outside.redirectsTo("/programs/" + s.programId() + "#export")).as(outside.body()).isTrue();
        assertThat(s.admin().get("/programs/" + s.programId()).body())
                .contains("The audit package was not exported: From must lie within the program&#39;s period");
        // without the form's CSRF token: refused
        assertThat(s.admin().post("/programs/" + s.programId() + "/audit-package", Map.of("_csrf", "forged")).status())
                .isEqualTo(403);
        // a contributor may upload but not export
        String email = "casey-" + System.nanoTime() + "@acme.example";
        provisioning.addUser(s.org().id(), email, "Casey", "a long contributor passphrase", Role.CONTRIBUTOR, "test");
        WebSession contributor = signIn(email, "a long contributor passphrase");
        contributor.get("/programs/" + s.programId());
        assertThat(contributor.post("/programs/" + s.programId() + "/audit-package", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void anotherOrganizationsEvidenceIsNotFoundOnAnyPage() {
        Setup s = setup("Tenant");
        String id = upload(s, fields("title", "Private review", "effectiveFrom", today().minusDays(2).toString(),
                "controlIds", s.ac06()), file("private.txt", "only for us")).get(0);
        Setup other = setup("Other tenant");
        for (String path : List.of("/evidence/" + id, "/evidence/" + id + "/content", "/evidence/" + id + "/preview",
                "/evidence/" + id + "/proof.json", "/controls/" + s.ac06() + "/coverage")) {
            assertThat(other.admin().download(path).status()).as(path).isEqualTo(404);
        }
        other.admin().get("/evidence");
        assertThat(other.admin().post("/evidence/" + id + "/links", Map.of("controlId", other.ac06())).status())
                .isEqualTo(404);
        assertThat(other.admin().post("/evidence/" + id + "/links/" + s.ac06() + "/remove", Map.of()).status())
                .isEqualTo(404);
        assertThat(other.admin().postMultipart("/evidence/" + id + "/supersede", fields("title", "Mine now",
                "effectiveFrom", today().minusDays(2).toString()), List.of(file("x.txt", "x")), Map.of()).status())
                .isEqualTo(404);
        assertThat(rows(other.admin().get("/evidence?status=all"))).doesNotContain(id);
        assertThat(rows(other.admin().get("/evidence?control=" + s.ac06()))).isEmpty();
        assertThat(s.org().api().get("/api/v1/evidence/" + id).json().get("links").toString()).doesNotContain(other.ac06());
    }

    @Test
    void theControlPageLoadsTheCoverageFragment() {
        Setup s = setup("Coverage");
        Page control = s.admin().get("/controls/" + s.ac06());
        assertThat(control.body()).contains("hx-get=\"/controls/" + s.ac06() + "/coverage\"")
                .contains("/evidence?control=" + s.ac06());
        Page fragment = s.admin().get("/controls/" + s.ac06() + "/coverage", Map.of("HX-Request", "true"));
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).doesNotContain("<html").contains("Evidence coverage").contains("AC-06")
                .contains("Quarter 1, ").contains("data-state=\"missing\"").doesNotContain("data-state=\"evidenced\"")
                .contains("Evidenced</li>").contains("Missing</li>").contains("Not due yet</li>")
                .contains("class=\"coverage-missing\"");

        // evidence of the first quarter turns its cell evidenced, in the band and in words
        LocalDate start = today().minusMonths(6).withDayOfMonth(1);
        upload(s, fields("title", "Q1 access review", "effectiveFrom", start.plusMonths(1).toString(), "controlIds", s.ac06()),
                file("q1.txt", "reviewed"));
        Page after = s.admin().get("/controls/" + s.ac06() + "/coverage", Map.of("HX-Request", "true"));
        assertThat(after.body()).contains("data-state=\"evidenced\"")
                .containsPattern("<li data-state=\"evidenced\">Quarter 1, " + start + " to [0-9-]+: evidenced by 1 item</li>");
        // the library filtered by the control shows the same timeline without JavaScript
        assertThat(s.admin().get("/evidence?control=" + s.ac06()).body()).contains("data-state=\"evidenced\"")
                .contains("Q1 access review");
        assertThat(s.admin().get("/controls/" + java.util.UUID.randomUUID() + "/coverage").status()).isEqualTo(404);
    }
}
