package dev.evident.control;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Controls as code on a real server and database: export, edit, dry run, apply (one transaction, one
 * audit entry), located errors, a 10 MB file, the size limit, permissions, and the import page.
 */
abstract class ControlsAsCodeContract extends IntegrationTest {

    private static final String YAML = "application/yaml";

    /** An organization with a Security + Availability program and the library adopted. */
    private Organization adopted(String name) {
        Organization org = newOrganization(name);
        assertThat(org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability")).status()).isEqualTo(201);
        assertThat(org.api().post("/api/v1/controls/library/adopt", Map.of()).status()).isEqualTo(201);
        return org;
    }

    private static String export(ApiClient api) {
        Response r = api.get("/api/v1/controls/export", YAML);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static Response importFile(ApiClient api, String yaml, boolean dryRun) {
        return api.raw("POST", "/api/v1/controls/import?dryRun=" + dryRun, yaml, YAML);
    }

    private static JsonNode control(ApiClient api, String ref) {
        JsonNode items = api.get("/api/v1/controls?q=" + ref + "&limit=100").json().get("items");
        for (JsonNode c : items) {
            if (c.get("ref").asText().equals(ref)) {
                return c;
            }
        }
        return null;
    }

    private static int controlCount(ApiClient api) {
        return ControlApiContract.all(api, "").size();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The YAML block of one control in an exported file. */
    private static String block(String yaml, String ref) {
        int start = yaml.indexOf("  - id: " + ref + "\n");
        int end = yaml.indexOf("\n  - id: ", start + 1);
        return yaml.substring(start, end < 0 ? yaml.length() : end + 1);
    }

    private static String newControl(String ref, String extra) {
        return "  - id: " + ref + "\n"
                + "    title: \"Quarterly review: production access\"\n"
                + "    description: |-\n"
                + "      The platform lead reviews who can reach production.\n"
                + "\n"
                + "      # Leftover access is revoked the same day.\n"
                + "    domain: access-control\n"
                + "    type: detective\n"
                + "    nature: manual\n"
                + "    frequency: quarterly\n"
                + extra
                + "    test:\n"
                + "      method: inspection\n"
                + "      procedure: Inspect two quarterly reviews and their tickets.\n"
                + "    evidence:\n"
                + "      - Signed review\n"
                + "    criteria: [CC6.2, CC6.3]\n"
                + "    applicable: true\n";
    }

    @Test
    void exportEditDryRunApplyAndExportAgainGivesTheEditedFile() throws Exception {
        Organization org = adopted("Brightwave");
        ApiClient api = org.api();
        JsonNode ac02 = control(api, "AC-02");
        assertThat(api.post("/api/v1/controls/" + ac02.get("id").asText() + "/status",
                body("status", "IMPLEMENTED", "version", ac02.get("version").asLong())).status()).isEqualTo(200);
        int before = controlCount(api);

        Response exported = api.get("/api/v1/controls/export", "*/*");
        assertThat(exported.contentType()).isEqualTo("application/yaml;charset=UTF-8");
        assertThat(exported.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"controls.yaml\"");
        String yaml = exported.body();
        assertThat(export(api)).as("deterministic").isEqualTo(yaml);
        assertThat(yaml).contains("source: evident-library/AC-01@2026.1").doesNotContain("IMPLEMENTED");

        JsonNode same = importFile(api, yaml, true).json();
        assertThat(same.get("summary").toString()).isEqualTo("{\"added\":0,\"changed\":0,\"removed\":0,\"unchanged\":" + before + "}");

        String ac01 = block(yaml, "AC-01");
        String ac02Block = block(yaml, "AC-02");
        String edited = yaml
                .replace(ac01, ac01.replaceFirst("    title: [^\n]*\n", "    title: \"Single sign-on: every system\"\n"))
                .replace(ac02Block, ac02Block.replace("    ownerRole:", "    owner: " + org.adminEmail() + "\n    ownerRole:"))
                .replace(block(yaml, "AC-03"), "");
        edited = edited + newControl("ZZ-01", "");

        Response dryRun = importFile(api, edited, true);
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        JsonNode plan = dryRun.json();
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("applied").asBoolean()).isFalse();
        assertThat(plan.get("file").asText()).isEqualTo("controls.yaml");
        assertThat(plan.get("sha256").asText()).isEqualTo(sha256(edited));
        assertThat(plan.get("summary").toString()).isEqualTo("{\"added\":1,\"changed\":2,\"removed\":1,\"unchanged\":"
                + (before - 3) + "}");
        assertThat(plan.get("added").toString()).isEqualTo("[\"ZZ-01\"]");
        assertThat(plan.get("removed").toString()).isEqualTo("[\"AC-03\"]");
        assertThat(plan.get("changed").get(0).get("ref").asText()).isEqualTo("AC-01");
        assertThat(plan.get("changed").get(0).get("changes").get("title").get("to").asText())
                .isEqualTo("Single sign-on: every system");
        assertThat(plan.get("changed").get(1).get("changes").get("owner").get("to").asText()).isEqualTo(org.adminEmail());
        assertThat(control(api, "AC-03")).as("a dry run changes nothing").isNotNull();
        assertThat(api.get("/api/v1/audit-log?action=controls.imported").json().get("items")).isEmpty();

        Response applied = api.raw("POST", "/api/v1/controls/import?dryRun=false&fileName=repo/soc2/controls.yaml",
                edited, "text/plain");
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("applied").asBoolean()).isTrue();
        assertThat(applied.json().get("file").asText()).isEqualTo("repo/soc2/controls.yaml");

        assertThat(control(api, "AC-01").get("title").asText()).isEqualTo("Single sign-on: every system");
        JsonNode ac02After = control(api, "AC-02");
        assertThat(ac02After.get("owner").get("email").asText()).isEqualTo(org.adminEmail());
        assertThat(ac02After.get("status").asText()).as("import never changes status").isEqualTo("IMPLEMENTED");
        assertThat(control(api, "AC-03")).isNull();
        JsonNode added = control(api, "ZZ-01");
        assertThat(added.get("status").asText()).isEqualTo("DEFINED");
        assertThat(added.get("description").asText()).isEqualTo("The platform lead reviews who can reach production.\n\n"
                + "# Leftover access is revoked the same day.");
        assertThat(controlCount(api)).isEqualTo(before);

        JsonNode audit = api.get("/api/v1/audit-log?action=controls.imported").json().get("items");
        assertThat(audit).hasSize(1);
        JsonNode summary = audit.get(0).get("summary");
        assertThat(summary.get("file").asText()).isEqualTo("repo/soc2/controls.yaml");
        assertThat(summary.get("sha256").asText()).isEqualTo(sha256(edited));
        assertThat(summary.get("added").asText()).isEqualTo("ZZ-01");
        assertThat(summary.get("changed").asText()).isEqualTo("AC-01, AC-02");
        assertThat(summary.get("removed").asText()).isEqualTo("AC-03");

        assertThat(export(api)).as("export → edit → import → export is byte-identical").isEqualTo(edited);
        JsonNode again = importFile(api, edited, false).json();
        assertThat(again.get("summary").get("unchanged").asInt()).isEqualTo(before);
        assertThat(api.get("/api/v1/audit-log?action=controls.imported").json().get("items"))
                .as("applying a file that changes nothing writes no entry").hasSize(1);
    }

    @Test
    void everyProblemIsLocatedAndNothingIsApplied() {
        Organization org = adopted("Mistakes");
        ApiClient api = org.api();
        String yaml = export(api);
        String ac01 = block(yaml, "AC-01");
        String broken = yaml.replace(ac01, ac01.replaceFirst("criteria: \\[[^\n]*]", "criteria: [CC6.1, CC9.9]")
                        .replace("frequency: continuous", "frequency: fortnightly"))
                + newControl("AC-02", "");
        int before = controlCount(api);

        Response refused = importFile(api, broken, false);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asText()).isEqualTo("/api/problems/validation-failed");
        assertThat(problem.get("detail").asText()).startsWith("controls.yaml has 3 problems; nothing was imported. Line ");
        JsonNode errors = problem.get("errors");
        assertThat(errors).hasSize(3);
        String[] lines = broken.split("\n", -1);
        for (JsonNode error : errors) {
            assertThat(error.get("file").asText()).isEqualTo("controls.yaml");
            String at = lines[error.get("line").asInt() - 1].substring(error.get("column").asInt() - 1);
            switch (error.get("field").asText()) {
                case "controls[0].frequency" -> assertThat(at).startsWith("fortnightly");
                case "controls[0].criteria[1]" -> assertThat(at).startsWith("CC9.9");
                default -> {
                    assertThat(error.get("field").asText()).endsWith(".id");
                    assertThat(error.get("message").asText()).contains("AC-02 appears twice");
                    assertThat(at).startsWith("AC-02");
                }
            }
        }
        assertThat(controlCount(api)).isEqualTo(before);
        assertThat(control(api, "AC-01").get("frequency").asText()).isEqualTo("CONTINUOUS");

        Response malformed = importFile(api, "format: evident-controls/1\ncontrols:\n  - id: [AC-01\n", true);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asText()).isEqualTo("/api/problems/malformed-request");
        assertThat(malformed.json().get("errors").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(malformed.json().get("errors").get(0).has("column")).isTrue();

        Response bomb = importFile(api, "format: evident-controls/1\nframework: soc2-2017\nx: &a [1, 2]\ncontrols: [*a, *a]\n",
                true);
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);

        Response json = api.post("/api/v1/controls/import", Map.of());
        assertThat(json.status()).as("JSON is not a controls file").isEqualTo(415);
    }

    @Test
    void aTenMegabyteFileWithOneBadLineNamesThatLineAndChangesNothing() {
        Organization org = adopted("Bigfile");
        ApiClient api = org.api();
        int before = controlCount(api);
        String description = "Every change to production is reviewed by a second engineer before it is merged. ".repeat(18);
        StringBuilder yaml = new StringBuilder("format: evident-controls/1\nframework: soc2-2017\ncontrols:\n");
        int badLine = -1;
        int count = 0;
        while (yaml.length() < 10_000_000) {
            count++;
            String ref = "GEN-" + count;
            boolean bad = count == 4321;
            yaml.append("  - id: ").append(ref).append('\n')
                    .append("    title: Generated control ").append(count).append('\n')
                    .append("    description: ").append(description.strip()).append('\n')
                    .append("    domain: change-management\n    type: preventive\n    nature: manual\n")
                    .append("    frequency: per_event\n    test:\n      method: inspection\n")
                    .append("      procedure: Inspect a sample of merged changes.\n")
                    .append("    evidence:\n      - Merge request with approval\n");
            if (bad) {
                badLine = (int) yaml.chars().filter(c -> c == '\n').count() + 1;
            }
            yaml.append(bad ? "    criteria: [CC8.1, CC99.1]\n" : "    criteria: [CC8.1]\n");
        }
        assertThat(yaml.length()).isGreaterThan(10_000_000);

        Response refused = importFile(api, yaml.toString(), false);
        assertThat(refused.status()).as(refused.body().length() > 500 ? refused.body().substring(0, 500) : refused.body())
                .isEqualTo(400);
        JsonNode errors = refused.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(badLine);
        assertThat(errors.get(0).get("column").asInt()).isEqualTo(23);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("controls[4320].criteria[1]");
        assertThat(controlCount(api)).as("nothing applied").isEqualTo(before);

        String fixed = yaml.toString().replace("criteria: [CC8.1, CC99.1]", "criteria: [CC8.1]");
        Response applied = importFile(api, fixed, false);
        assertThat(applied.status()).as(applied.body().length() > 500 ? applied.body().substring(0, 500) : applied.body())
                .isEqualTo(200);
        assertThat(applied.json().get("summary").get("added").asInt()).isEqualTo(count);
        assertThat(applied.json().get("summary").get("removed").asInt()).isEqualTo(before);
        assertThat(importFile(api, fixed, true).json().get("summary").get("unchanged").asInt()).isEqualTo(count);
    }

    @Test
    void bodiesOverTheImportLimitAre413WhileTheImportPathAcceptsMoreThanTheGeneralApiLimit() throws Exception {
        Organization org = adopted("Limits");
        String tooBig = "#".repeat(16 * 1024 * 1024) + "\n";

        String declared = declareOnly(org.adminToken(), 16 * 1024 * 1024 + 1);
        assertThat(declared).as("refused on the declared length, before any byte of the body")
                .startsWith("HTTP/1.1 413").contains("payload-too-large").contains("evident.controls.import-max-size");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/controls/import"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + org.adminToken())
                .header("Content-Type", YAML).header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        tooBig.getBytes(StandardCharsets.UTF_8)))).build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the server should answer 413, not drop the connection", e);
        }
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");

        String twoMegabytesOfComments = "# padding\n".repeat(200_000) + export(org.api());
        Response large = importFile(org.api(), twoMegabytesOfComments, true);
        assertThat(large.status()).as("over the general 1 MiB API limit, under the import limit").isEqualTo(200);
        Response elsewhere = org.api().raw("POST", "/api/v1/programs", "{\"name\": \"" + "x".repeat(2_000_000) + "\"}",
                "application/json");
        assertThat(elsewhere.status()).as("other endpoints keep the general limit").isEqualTo(413);
    }

    @Test
    void contributorsMayExportButNotImport() {
        Organization org = adopted("Roles");
        Response token = org.api().post("/api/v1/tokens", body("name", "Contributor", "role", "CONTRIBUTOR"));
        assertThat(token.status()).isEqualTo(201);
        ApiClient contributor = api(token.json().get("secret").asText());
        String yaml = export(contributor);
        assertThat(yaml).isEqualTo(export(org.api()));
        Response refused = importFile(contributor, yaml, true);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("/api/problems/forbidden");
    }

    @Test
    void theImportPageChecksShowsTheDiffAndAppliesTheSameFile() {
        Organization org = adopted("Pages");
        ApiClient api = org.api();
        WebSession session = browserlessSession();
        session.signIn(org.adminEmail(), org.adminPassword());

        WebSession.Page page = session.get("/controls/import");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"").contains("<label for=\"file\"");
        WebSession.Page download = session.get("/controls/export");
        assertThat(download.status()).isEqualTo(200);
        String yaml = export(api);
        assertThat(download.body()).isEqualTo(yaml);

        String edited = yaml.replace(block(yaml, "AC-04"), "") + newControl("ZZ-07", "");
        session.get("/controls/import");
        WebSession.Page checked = session.postFile("/controls/import", "file", "soc2-controls.yaml",
                edited.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.body()).contains("soc2-controls.yaml").contains("ZZ-07").contains("AC-04")
                .contains("Apply these changes").contains("data-confirm=\"This removes 1 control(s)");
        String draft = draftId(checked.body());
        assertThat(control(api, "ZZ-07")).as("checking applies nothing").isNull();

        WebSession.Page applied = session.post("/controls/import/apply", Map.of("draft", draft));
        assertThat(applied.redirectsTo("/controls/import")).as(applied.body()).isTrue();
        assertThat(session.get("/controls/import").body())
                .contains("Imported soc2-controls.yaml: 1 control added, 0 controls changed, 1 control removed.");
        assertThat(control(api, "ZZ-07")).isNotNull();
        assertThat(control(api, "AC-04")).isNull();
        assertThat(api.get("/api/v1/audit-log?action=controls.imported").json().get("items").get(0).get("summary")
                .get("file").asText()).isEqualTo("soc2-controls.yaml");

        WebSession.Page reused = session.post("/controls/import/apply", Map.of("draft", draft));
        assertThat(reused.redirectsTo("/controls/import")).isTrue();
        assertThat(session.get("/controls/import").body()).contains("has expired or was already applied");

        String broken = edited.replace(newControl("ZZ-07", ""),
                newControl("ZZ-07", "").replace("frequency: quarterly", "frequency: fortnightly"));
        WebSession.Page problems = session.postFile("/controls/import", "file", "controls.yaml",
                broken.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(problems.status()).isEqualTo(400);
        assertThat(problems.body()).contains("This file can't be imported yet").contains("controls.yaml has 1 problem.")
                .contains("fortnightly").contains("<td>" + (lineOf(broken, "frequency: fortnightly")) + "</td>");
    }

    @Test
    void applyingAfterTheControlsChangedShowsTheNewDiffInstead() {
        Organization org = adopted("Moving");
        ApiClient api = org.api();
        WebSession session = browserlessSession();
        session.signIn(org.adminEmail(), org.adminPassword());
        String yaml = export(api);
        String edited = yaml.replace(block(yaml, "AC-05"), "");

        session.get("/controls/import");
        String draft = draftId(session.postFile("/controls/import", "file", "controls.yaml",
                edited.getBytes(StandardCharsets.UTF_8), Map.of()).body());
        JsonNode ac01 = control(api, "AC-01");
        Map<String, Object> put = ApiClient.JSON.convertValue(ac01, Map.class);
        put.put("title", "Renamed meanwhile");
        assertThat(api.raw("PUT", "/api/v1/controls/" + ac01.get("id").asText(), ApiClient.JSON.writeValueAsString(put),
                "application/json").status()).isEqualTo(200);

        WebSession.Page stale = session.post("/controls/import/apply", Map.of("draft", draft));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Your controls changed since you checked this").contains("Renamed meanwhile");
        assertThat(control(api, "AC-05")).as("nothing applied").isNotNull();

        WebSession.Page confirmed = session.post("/controls/import/apply", Map.of("draft", draftId(stale.body())));
        assertThat(confirmed.redirectsTo("/controls/import")).isTrue();
        assertThat(control(api, "AC-05")).isNull();
        assertThat(control(api, "AC-01").get("title").asText()).as("the file is the source of truth")
                .isNotEqualTo("Renamed meanwhile");
    }

    @Test
    void anUploadOverTheLimitIsAnsweredAsTooLarge() {
        Organization org = newOrganization("Huge upload");
        WebSession session = browserlessSession();
        session.signIn(org.adminEmail(), org.adminPassword());
        session.get("/controls/import");
        WebSession.Page page = session.postFile("/controls/import", "file", "controls.yaml",
                new byte[16 * 1024 * 1024 + 1], Map.of());
        assertThat(page.status()).isEqualTo(413);
        assertThat(page.body()).contains("too large");
    }

    /** Sends only the headers of a request declaring a body of the given length, and reads the answer. */
    private String declareOnly(String token, long length) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /api/v1/controls/import HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/yaml\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Read up to the end of the problem document: the server may keep the connection open
            // waiting for the body it refused, so the end of the stream is not awaited.
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while (!answer.toString(StandardCharsets.UTF_8).contains("\"instance\":\"/api/v1/controls/import\"}")
                    && (n = socket.getInputStream().read(buffer)) > 0) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String draftId(String html) {
        Matcher m = Pattern.compile("name=\"draft\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page offers to apply the file").isTrue();
        return m.group(1);
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = List.of(text.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }
}
