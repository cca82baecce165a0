package dev.evident.evidence;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Evidence over HTTP on a real database: uploads, records, links, supersession, the ledger. */
abstract class EvidenceApiContract extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    record Setup(Organization org, String programId, String controlId, String controlRef) {
        ApiClient api() {
            return org.api();
        }
    }

    /** An organization with a Type II program over the last year and one adopted control. */
    Setup setup(String name) {
        Organization org = newOrganization(name);
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        Map<String, Object> program = Programs.typeTwo("SOC 2 " + name, "availability");
        program.put("periodStart", today.minusMonths(6).withDayOfMonth(1).toString());
        program.put("periodEnd", today.minusMonths(6).withDayOfMonth(1).plusMonths(12).minusDays(1).toString());
        String programId = org.api().post("/api/v1/programs", program).json().get("id").asText();
        JsonNode control = org.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("AC-06")))
                .json().get("adopted").get(0);
        return new Setup(org, programId, control.get("id").asText(), control.get("ref").asText());
    }

    Map<String, Object> metadata(Setup s, String title, String from, String to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("effectiveFrom", from);
        m.put("effectiveTo", to);
        m.put("controlIds", List.of(s.controlId()));
        m.put("programIds", List.of(s.programId()));
        return m;
    }

    String lastMonth() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusMonths(1).toString();
    }

    Response upload(Setup s, String name, byte[] content, Map<String, Object> metadata, String key) {
        return Uploads.upload(baseUrl(), s.org().adminToken(), name, content, metadata, key);
    }

    @Test
    void anUploadIsStoredOnceHashedLinkedAndRecordedInTheLedger() {
        Setup s = setup("Uploader");
        byte[] content = Uploads.pdf("Q1 access review signed by the CTO");
        Response created = upload(s, "../q1-review.pdf", content, metadata(s, "Q1 access review", lastMonth(), lastMonth()), null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode item = created.json();
        assertThat(item.get("fileName").asText()).isEqualTo("q1-review.pdf");
        assertThat(item.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(item.get("sha256").asText()).isEqualTo(dev.evident.verifier.Hashes.sha256Hex(content));
        assertThat(item.get("source").get("type").asText()).isEqualTo("API_TOKEN");
        assertThat(item.get("links").findValuesAsString("label")).contains(s.controlRef(), "SOC 2 Uploader");
        assertThat(item.get("ledgerSeq").asLong()).isEqualTo(1);
        String id = item.get("id").asText();

        assertThat(Uploads.download(baseUrl(), s.org().adminToken(), "/api/v1/evidence/" + id + "/content")).isEqualTo(content);

        Response again = upload(s, "q1-review.pdf", content, metadata(s, "Q1 access review", lastMonth(), lastMonth()), null);
        assertThat(again.status()).as("the same file, title and interval is the same evidence").isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);

        Response keyed = upload(s, "other.pdf", Uploads.pdf("other"), metadata(s, "Other", lastMonth(), lastMonth()), "retry-1");
        assertThat(keyed.status()).isEqualTo(201);
        Response replay = upload(s, "other.pdf", Uploads.pdf("other"), metadata(s, "Other", lastMonth(), lastMonth()), "retry-1");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replay")).contains("true");
        assertThat(replay.json().get("id").asText()).isEqualTo(keyed.json().get("id").asText());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = :o").param("o", s.org().id())
                .query(Integer.class).single()).isEqualTo(2);

        JsonNode verified = s.api().get("/api/v1/evidence/ledger/verify?content=true").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("entriesChecked").asLong()).isEqualTo(6);
        assertThat(verified.get("contentChecked").asInt()).isEqualTo(2);

        JsonNode proof = s.api().get("/api/v1/evidence/" + id + "/proof").json();
        assertThat(proof.get("treeSize").asLong()).isEqualTo(6);
        assertThat(dev.evident.verifier.MerkleTree.verifyInclusion(proof.get("entryHash").asText(), proof.get("leafIndex").asInt(),
                proof.get("treeSize").asInt(), pathOf(proof), proof.get("checkpoint").get("merkleRoot").asText())).isTrue();
        String pem = s.api().get("/api/v1/evidence/ledger/public-key", "application/x-pem-file").body();
        var key = dev.evident.verifier.Ed25519.fromPem(pem);
        assertThat(dev.evident.verifier.Ed25519.verify(key, proof.get("checkpoint").get("statement").asText(),
                proof.get("checkpoint").get("signature").asText())).isTrue();
    }

    static List<String> pathOf(JsonNode proof) {
        List<String> path = new ArrayList<>();
        proof.get("path").forEach(p -> path.add(p.asText()));
        return path;
    }

    @Test
    void badUploadsAreRefusedWithTheirReasonAndLeaveNothingBehind() {
        Setup s = setup("Refusals");
        Response liar = upload(s, "report.pdf", zip(), metadata(s, "Report", lastMonth(), lastMonth()), null);
        assertThat(liar.status()).isEqualTo(400);
        assertThat(liar.json().get("errors").get(0).get("message").asText()).contains("report.pdf").contains("zip archive");

        Response empty = upload(s, "empty.txt", new byte[0], metadata(s, "Empty", lastMonth(), lastMonth()), null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("message").asText()).contains("empty");

        Map<String, Object> unknown = metadata(s, "Unknown control", lastMonth(), lastMonth());
        unknown.put("controlIds", List.of("00000000-0000-7000-8000-000000000000"));
        Response noControl = upload(s, "a.txt", "hello".getBytes(), unknown, null);
        assertThat(noControl.status()).isEqualTo(400);
        assertThat(noControl.json().get("errors").get(0).get("field").asText()).isEqualTo("controlIds[0]");

        Response outside = upload(s, "b.txt", "old".getBytes(), metadata(s, "Too old", "2019-01-01", "2019-03-31"), null);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("errors").get(0).get("message").asText()).contains("outside the period");

        Response noMetadata = upload(s, "c.txt", "x".getBytes(), null, null);
        assertThat(noMetadata.status()).isEqualTo(400);
        assertThat(noMetadata.json().get("errors").get(0).get("field").asText()).isEqualTo("metadata");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = :o").param("o", s.org().id())
                .query(Integer.class).single()).isZero();
        assertThat(s.api().get("/api/v1/evidence/ledger").json().get("entries").asLong()).isZero();
    }

    static byte[] zip() {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("inside.txt"));
            zip.write("not a pdf".getBytes());
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    @Test
    void recordsArriveInBatchesAllOrNothingAndIdempotently() {
        Setup s = setup("Records");
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(body("kind", "CONNECTOR_RECORD", "title", "Branch protection of repo " + i,
                    "data", body("repository", "acme/repo-" + i, "requiredReviews", i + 1, "enforceAdmins", true),
                    "effectiveFrom", lastMonth(), "connector", "github", "query", "GET /repos/acme/repo-" + i + "/branches/main/protection",
                    "controlIds", List.of(s.controlId()), "idempotencyKey", "github-" + i));
        }
        Response stored = s.api().post("/api/v1/evidence/records", body("records", records));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().get("stored").asInt()).isEqualTo(3);
        String first = stored.json().get("items").get(0).get("id").asText();
        JsonNode item = s.api().get("/api/v1/evidence/" + first).json();
        assertThat(item.get("source").get("type").asText()).isEqualTo("CONNECTOR");
        assertThat(item.get("source").get("connector").asText()).isEqualTo("github");
        byte[] content = Uploads.download(baseUrl(), s.org().adminToken(), "/api/v1/evidence/" + first + "/content");
        assertThat(new String(content)).isEqualTo("{\"enforceAdmins\":true,\"repository\":\"acme/repo-0\",\"requiredReviews\":1}");

        Response repeated = s.api().post("/api/v1/evidence/records", body("records", records));
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("existing").asInt()).isEqualTo(3);

        List<Map<String, Object>> bad = new ArrayList<>(records);
        bad.add(body("title", "", "data", body("x", 1.5), "effectiveFrom", "2020-01-01"));
        Response refused = s.api().post("/api/v1/evidence/records", body("records", bad));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .contains("records[3].title", "records[3].data", "records[3].effectiveFrom");
        assertThat(s.api().get("/api/v1/evidence/ledger").json().get("entries").asLong()).as("3 added + 3 linked").isEqualTo(6);
    }

    @Test
    void linksAndCorrectionsAreLedgerEventsAndNothingIsEditedInPlace() {
        Setup s = setup("Corrections");
        String first = upload(s, "v1.txt", "version one".getBytes(), metadata(s, "Policy", lastMonth(), lastMonth()), null)
                .json().get("id").asText();
        Map<String, Object> correction = metadata(s, "Policy (corrected)", lastMonth(), lastMonth());
        correction.remove("controlIds");
        correction.put("supersedes", first);
        Response second = upload(s, "v2.txt", "version two".getBytes(), correction, null);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("supersedes").asText()).isEqualTo(first);
        assertThat(second.json().get("links").findValuesAsString("label")).as("links carry over").contains(s.controlRef());
        JsonNode old = s.api().get("/api/v1/evidence/" + first).json();
        assertThat(old.get("supersededBy").asText()).isEqualTo(second.json().get("id").asText());
        assertThat(old.get("current").asBoolean()).isFalse();
        assertThat(s.api().get("/api/v1/evidence").json().get("items").findValuesAsString("id")).doesNotContain(first);
        assertThat(s.api().get("/api/v1/evidence?includeSuperseded=true").json().get("items").findValuesAsString("id")).contains(first);

        Response again = upload(s, "v3.txt", "version three".getBytes(), correction, null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("errors").get(0).get("message").asText()).contains("already corrected");

        String newest = second.json().get("id").asText();
        assertThat(s.api().delete("/api/v1/evidence/" + newest + "/links/" + s.controlId()).status()).isEqualTo(200);
        assertThat(s.api().post("/api/v1/evidence/" + newest + "/links/" + s.controlId(), java.util.Map.of()).status()).isEqualTo(200);
        JsonNode events = s.api().get("/api/v1/audit-log?targetId=" + newest).json().get("items");
        assertThat(events.findValuesAsString("action")).contains("evidence.added", "evidence.unlinked", "evidence.linked");
        assertThat(s.api().get("/api/v1/evidence/ledger/verify").json().get("valid").asBoolean()).isTrue();

        Response deleteControl = s.api().delete("/api/v1/controls/" + s.controlId());
        assertThat(deleteControl.status()).isEqualTo(409);
        assertThat(deleteControl.json().get("detail").asText()).contains("evidence").contains("not applicable");
    }

    @Test
    void editingAnEvidenceRowOrAFileIsDetectedAndNamed() throws Exception {
        Setup s = setup("Tamper");
        String id = upload(s, "proof.txt", "the original bytes".getBytes(), metadata(s, "Proof", lastMonth(), lastMonth()), null)
                .json().get("id").asText();
        jdbc.sql("UPDATE evidence_item SET title = 'Something else' WHERE id = :id").param("id", java.util.UUID.fromString(id))
                .update();
        JsonNode report = s.api().get("/api/v1/evidence/ledger/verify").json();
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("problems").get(0).get("evidenceId").asText()).isEqualTo(id);
        assertThat(report.get("problems").get(0).get("detail").asText()).contains("edited in the database");
    }
}
