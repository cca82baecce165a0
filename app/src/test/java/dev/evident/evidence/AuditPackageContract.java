package dev.evident.evidence;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.shared.security.Role;
import dev.evident.testing.ApiClient;
import dev.evident.testing.IntegrationTest;
import dev.evident.verifier.Ed25519;
import dev.evident.verifier.Json;
import dev.evident.verifier.PackageVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Audit packages over HTTP: what they hold, that the offline verifier accepts them, who may export what. */
abstract class AuditPackageContract extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.evident.identity.Provisioning provisioning;

    @TempDir
    Path dir;

    record Setup(Organization org, String programId, String controlId, LocalDate start, LocalDate end) {
    }

    record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return ApiClient.JSON.readTree(new String(body, StandardCharsets.UTF_8));
        }
    }

    Setup setup(String name) {
        Organization org = newOrganization(name);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = today.minusMonths(6).withDayOfMonth(1);
        LocalDate end = start.plusMonths(12).minusDays(1);
        Map<String, Object> program = Programs.typeTwo("SOC 2 " + name, "availability");
        program.put("periodStart", start.toString());
        program.put("periodEnd", end.toString());
        String programId = org.api().post("/api/v1/programs", program).json().get("id").asText();
        String controlId = org.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("AC-06")))
                .json().get("adopted").get(0).get("id").asText();
        return new Setup(org, programId, controlId, start, end);
    }

    Map<String, Object> metadata(Setup s, String title, LocalDate day, boolean control, boolean program) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("effectiveFrom", day.toString());
        m.put("effectiveTo", day.toString());
        if (control) {
            m.put("controlIds", List.of(s.controlId()));
        }
        if (program) {
            m.put("programIds", List.of(s.programId()));
        }
        return m;
    }

    String upload(Setup s, String file, byte[] content, Map<String, Object> metadata) {
        ApiClient.Response r = Uploads.upload(baseUrl(), s.org().adminToken(), file, content, metadata, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    Download export(String token, String programId, String query, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/programs/" + programId
                        + "/audit-package" + (query == null ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token).header("Accept", "application/zip, application/problem+json");
        if (jsonBody != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.body(), response.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aProgramsEvidenceExportsAsAPackageTheOfflineVerifierAccepts() throws Exception {
        Setup s = setup("Packager");
        LocalDate inside = s.start().plusMonths(2);
        byte[] review = Uploads.pdf("Q1 access review");
        String first = upload(s, "access review.pdf", review, metadata(s, "Access review", inside, true, true));
        Map<String, Object> correction = metadata(s, "Access review (signed)", inside, false, false);
        correction.put("supersedes", first);
        byte[] signed = Uploads.pdf("Q1 access review, signed by the CTO");
        String second = upload(s, "access-review-signed.pdf", signed, correction);
        String onlyProgram = upload(s, "<script>alert(1)</script>.txt", "program-wide policy".getBytes(StandardCharsets.UTF_8),
                metadata(s, "Policy <b>bold</b> & \"quoted\"", inside.plusDays(3), false, true));
        String early = upload(s, "early.txt", "first week".getBytes(StandardCharsets.UTF_8),
                metadata(s, "First week", s.start().plusDays(2), true, false));
        ApiClient.Response records = s.org().api().post("/api/v1/evidence/records", body("records", List.of(body(
                "kind", "CONNECTOR_RECORD", "title", "Branch protection", "data", body("repository", "acme/api", "reviews", 2),
                "effectiveFrom", inside.toString(), "connector", "github", "query", "GET /repos/acme/api/branches/main/protection",
                "controlIds", List.of(s.controlId())))));
        assertThat(records.status()).as(records.body()).isEqualTo(201);
        String record = records.json().get("items").get(0).get("id").asText();

        Download download = export(s.org().adminToken(), s.programId(), null, null);
        assertThat(download.status()).as(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .contains("attachment").contains(".zip"));
        Path zip = Files.write(dir.resolve("package.zip"), download.body());

        String pem = s.org().api().get("/api/v1/evidence/ledger/public-key", "application/x-pem-file").body();
        PackageVerifier.Result verified = PackageVerifier.verify(zip, Ed25519.fromPem(pem));
        assertThat(verified.problems()).as("the offline verifier accepts the package").isEmpty();
        assertThat(verified.summary().items()).isEqualTo(5);
        assertThat(verified.summary().bytes()).isEqualTo(review.length + signed.length + "program-wide policy".length()
                + "first week".length() + "{\"repository\":\"acme/api\",\"reviews\":2}".length());
        long head = s.org().api().get("/api/v1/evidence/ledger").json().get("entries").asLong();
        assertThat(verified.summary().treeSize()).as("a checkpoint made for the export covers the whole ledger").isEqualTo(head);

        try (ZipFile z = new ZipFile(zip.toFile())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> manifest = (Map<String, Object>) Json.parse(text(z, "evident-package/manifest.json"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) manifest.get("items");
            assertThat(items).extracting(i -> i.get("evidenceId")).containsExactlyInAnyOrder(first, second, onlyProgram, early,
                    record);
            Map<String, Object> old = items.stream().filter(i -> i.get("evidenceId").equals(first)).findFirst().orElseThrow();
            assertThat(old.get("supersededBy")).as("the superseded version stays, flagged").isEqualTo(second);
            Map<String, Object> rec = items.stream().filter(i -> i.get("evidenceId").equals(record)).findFirst().orElseThrow();
            assertThat(rec.get("path")).isEqualTo("evidence/" + record + "/record.json");
            assertThat(text(z, "evident-package/" + rec.get("path"))).isEqualTo("{\"repository\":\"acme/api\",\"reviews\":2}");
            assertThat(z.getEntry("evident-package/evidence/" + first + "/access review.pdf").getMethod())
                    .as("evidence is stored, not deflated").isEqualTo(ZipEntry.STORED);

            String index = text(z, "evident-package/index.html");
            assertThat(index).contains("Policy &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;")
                    .doesNotContain("<script").doesNotContain("<b>bold").contains("superseded by " + second);
            assertThat(text(z, "evident-package/README.txt")).contains("java -jar evident-verify.jar");
            assertThat(text(z, "evident-package/public-key.pem")).isEqualTo(pem);
        }

        // narrowed to a later interval: the first-week item drops out
        Download narrowed = export(s.org().adminToken(), s.programId(), "from=" + s.start().plusMonths(1), null);
        assertThat(narrowed.status()).isEqualTo(200);
        Path small = Files.write(dir.resolve("narrowed.zip"), narrowed.body());
        PackageVerifier.Result smallResult = PackageVerifier.verify(small, null);
        assertThat(smallResult.problems()).isEmpty();
        assertThat(smallResult.summary().items()).isEqualTo(4);
        Download byBody = export(s.org().adminToken(), s.programId(), null,
                "{\"from\":\"" + s.start().plusMonths(1) + "\",\"to\":\"" + s.end() + "\"}");
        assertThat(byBody.status()).isEqualTo(200);
        assertThat(byBody.headers().firstValue("X-Evidence-Items")).contains("4");

        JsonNode audit = s.org().api().get("/api/v1/audit-log?action=evidence.package_exported").json();
        assertThat(audit.get("items")).hasSize(3);
        JsonNode entry = audit.get("items").get(audit.get("items").size() - 1);
        assertThat(entry.get("targetId").asText()).isEqualTo(s.programId());
        assertThat(entry.toString()).contains("\"items\":5").contains("checkpointTreeSize").contains(s.start() + " to " + s.end());
    }

    @Test
    void exportNeedsThePermissionAProgramOfTheOrganizationAndAnIntervalInItsPeriod() {
        Setup s = setup("Gatekeeper");
        upload(s, "a.txt", "a".getBytes(StandardCharsets.UTF_8), metadata(s, "A", s.start().plusDays(1), true, true));

        String contributor = "contributor-token-" + System.nanoTime() + "-0123456789abcdef";
        provisioning.registerToken(s.org().id(), "contributor", Role.CONTRIBUTOR, contributor, "test");
        assertThat(export(contributor, s.programId(), null, null).status()).isEqualTo(403);
        String auditor = "auditor-token-" + System.nanoTime() + "-0123456789abcdef";
        provisioning.registerToken(s.org().id(), "auditor", Role.AUDITOR, auditor, "test");
        assertThat(export(auditor, s.programId(), null, null).status()).as("auditors may export").isEqualTo(200);

        Setup other = setup("Stranger");
        assertThat(export(s.org().adminToken(), other.programId(), null, null).status()).isEqualTo(404);
        assertThat(export(s.org().adminToken(), "00000000-0000-7000-8000-000000000000", null, null).status()).isEqualTo(404);
        assertThat(export(s.org().adminToken(), "not-an-id", null, null).status()).isEqualTo(404);

        Download before = export(s.org().adminToken(), s.programId(), "from=" + s.start().minusDays(1), null);
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
        assertThat(before.json().get("errors").get(0).get("message").asText()).contains("within the program's period");
        Download after = export(s.org().adminToken(), s.programId(), null, "{\"to\":\"" + s.end().plusDays(1) + "\"}");
        assertThat(after.status()).isEqualTo(400);
        assertThat(after.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        Download reversed = export(s.org().adminToken(), s.programId(), "from=" + s.start().plusDays(5) + "&to="
                + s.start().plusDays(4), null);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        Download garbage = export(s.org().adminToken(), s.programId(), "from=yesterday", null);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("errors").get(0).get("message").asText()).contains("'yesterday' is not a date");
    }

    @Test
    void aTypeOneProgramExportsItsAsOfDate() throws Exception {
        Organization org = newOrganization("Snapshot");
        LocalDate asOf = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(10);
        Map<String, Object> program = Programs.typeTwo("SOC 2 Type I Snapshot", "availability");
        program.remove("periodStart");
        program.remove("periodEnd");
        program.put("reportType", "TYPE_1");
        program.put("asOfDate", asOf.toString());
        ApiClient.Response created = org.api().post("/api/v1/programs", program);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String programId = created.json().get("id").asText();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Access list on the as-of date");
        m.put("effectiveFrom", asOf.toString());
        m.put("programIds", List.of(programId));
        ApiClient.Response r = Uploads.upload(baseUrl(), org.adminToken(), "access.txt", "alice, bob".getBytes(StandardCharsets.UTF_8),
                m, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);

        Download download = export(org.adminToken(), programId, null, null);
        assertThat(download.status()).isEqualTo(200);
        Path zip = Files.write(dir.resolve("type-one.zip"), download.body());
        PackageVerifier.Result result = PackageVerifier.verify(zip, null);
        assertThat(result.problems()).isEmpty();
        assertThat(result.summary().items()).isEqualTo(1);
        assertThat(result.summary().interval()).isEqualTo(asOf + " to " + asOf);

        Download before = export(org.adminToken(), programId, "from=" + asOf.minusDays(1), null);
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.json().get("errors").get(0).get("message").asText()).contains("as-of date " + asOf);
    }

    private static String text(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
