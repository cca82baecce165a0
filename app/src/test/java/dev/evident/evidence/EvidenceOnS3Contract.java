package dev.evident.evidence;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.S3MockServer;
import dev.evident.verifier.Hashes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * The evidence API with content in S3 (a real S3Mock in its own process, path-style addressing):
 * uploads land in the bucket once per content, large files go up in parts, downloads and
 * verification read the bucket, and a missing or altered object is reported by name. If S3Mock
 * cannot start these tests fail; they are never skipped.
 */
@ExtendWith(S3MockServer.class)
abstract class EvidenceOnS3Contract extends IntegrationTest {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        S3MockServer.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    final S3Client s3 = S3MockServer.instance().client();

    record Setup(Organization org, String programId, String controlId) {
    }

    Setup setup(String name) {
        Organization org = newOrganization(name);
        LocalDate start = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusMonths(6).withDayOfMonth(1);
        Map<String, Object> program = Programs.typeTwo("SOC 2 " + name, "availability");
        program.put("periodStart", start.toString());
        program.put("periodEnd", start.plusMonths(12).minusDays(1).toString());
        String programId = org.api().post("/api/v1/programs", program).json().get("id").asText();
        String controlId = org.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("AC-06")))
                .json().get("adopted").get(0).get("id").asText();
        return new Setup(org, programId, controlId);
    }

    Map<String, Object> metadata(Setup s, String title) {
        String lastMonth = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusMonths(1).toString();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("effectiveFrom", lastMonth);
        m.put("controlIds", List.of(s.controlId()));
        m.put("programIds", List.of(s.programId()));
        return m;
    }

    Response upload(Setup s, String name, byte[] content, String title, String key) {
        return Uploads.upload(baseUrl(), s.org().adminToken(), name, content, metadata(s, title), key);
    }

    List<S3Object> objectsOf(Setup s) {
        return s3.listObjectsV2(r -> r.bucket(S3MockServer.BUCKET).prefix("evident/" + s.org().id() + "/")).contents();
    }

    byte[] download(Setup s, String id) {
        return Uploads.download(baseUrl(), s.org().adminToken(), "/api/v1/evidence/" + id + "/content");
    }

    @Test
    void uploadsLandInTheBucketOncePerContentAndReadBack() {
        Setup s = setup("S3 uploads");
        byte[] content = Uploads.pdf("Q2 access review");
        String sha = Hashes.sha256Hex(content);
        Response first = upload(s, "review.pdf", content, "Q2 access review", null);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("sha256").asText()).isEqualTo(sha);
        assertThat(objectsOf(s)).extracting(S3Object::key).containsExactly("evident/" + s.org().id() + "/" + sha);
        assertThat(download(s, first.json().get("id").asText())).isEqualTo(content);

        Response sameUpload = upload(s, "review.pdf", content, "Q2 access review", null);
        assertThat(sameUpload.status()).as("same file, title and interval").isEqualTo(200);
        assertThat(sameUpload.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        Response otherItem = upload(s, "review-copy.pdf", content, "Q2 access review (copy for CC6.2)", null);
        assertThat(otherItem.status()).isEqualTo(201);
        assertThat(objectsOf(s)).as("two items, one object: content is stored once").hasSize(1);

        Response keyed = upload(s, "notes.txt", "meeting notes".getBytes(), "Notes", "s3-retry-1");
        Response replay = upload(s, "notes.txt", "meeting notes".getBytes(), "Notes", "s3-retry-1");
        assertThat(keyed.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("id").asText()).isEqualTo(keyed.json().get("id").asText());
        assertThat(objectsOf(s)).hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = :o").param("o", s.org().id())
                .query(Integer.class).single()).isEqualTo(3);

        JsonNode verified = s.org().api().get("/api/v1/evidence/ledger/verify?content=true").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("contentChecked").asInt()).isEqualTo(3);
    }

    @Test
    void aLargeUploadGoesToTheBucketInPartsAndStreamsBack() {
        Setup s = setup("S3 large");
        byte[] content = new byte[21 * 1024 * 1024 + 123];
        new Random(42).nextBytes(content);
        String sha = Hashes.sha256Hex(content);
        Response created = upload(s, "disk-image.bin", content, "Backup restore test image", "large-1");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("sha256").asText()).isEqualTo(sha);
        assertThat(created.json().get("size").asLong()).isEqualTo(content.length);
        List<S3Object> objects = objectsOf(s);
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).size()).isEqualTo(content.length);
        assertThat(s3.listMultipartUploads(r -> r.bucket(S3MockServer.BUCKET)).uploads()).as("none left open").isEmpty();
        assertThat(Hashes.sha256Hex(download(s, created.json().get("id").asText()))).isEqualTo(sha);
        assertThat(s.org().api().get("/api/v1/evidence/ledger/verify?content=true").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void recordsLiveInTheDatabaseAndNeedNoObject() {
        Setup s = setup("S3 records");
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(body("title", "MFA status of user " + i, "data", body("user", "u" + i, "mfa", true),
                    "effectiveFrom", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusMonths(1).toString(),
                    "connector", "okta", "controlIds", List.of(s.controlId()), "idempotencyKey", "okta-" + i));
        }
        Response stored = s.org().api().post("/api/v1/evidence/records", body("records", records));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(s.org().api().post("/api/v1/evidence/records", body("records", records)).json().get("existing").asInt())
                .isEqualTo(5);
        assertThat(objectsOf(s)).isEmpty();
        String id = stored.json().get("items").get(0).get("id").asText();
        assertThat(new String(download(s, id))).isEqualTo("{\"mfa\":true,\"user\":\"u0\"}");
        JsonNode verified = s.org().api().get("/api/v1/evidence/ledger/verify?content=true").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("contentChecked").asInt()).isEqualTo(5);
    }

    @Test
    void aMissingOrAlteredObjectIsNamedByDownloadAndVerification() {
        Setup s = setup("S3 damage");
        String gone = upload(s, "gone.txt", "will be deleted from the bucket".getBytes(), "Gone", null)
                .json().get("id").asText();
        Response altered = upload(s, "altered.txt", "will be overwritten in the bucket".getBytes(), "Altered", null);
        String alteredId = altered.json().get("id").asText();
        String prefix = "evident/" + s.org().id() + "/";
        String goneSha = Hashes.sha256Hex("will be deleted from the bucket");
        s3.deleteObject(r -> r.bucket(S3MockServer.BUCKET).key(prefix + goneSha));
        s3.putObject(r -> r.bucket(S3MockServer.BUCKET).key(prefix + altered.json().get("sha256").asText()),
                RequestBody.fromString("something else entirely"));

        Response missing = s.org().api().get("/api/v1/evidence/" + gone + "/content");
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.json().get("detail").asText()).contains(gone).contains("missing").contains("verify?content=true");

        JsonNode report = s.org().api().get("/api/v1/evidence/ledger/verify?content=true").json();
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("problems").findValuesAsString("kind")).containsOnly("content");
        assertThat(report.get("problems").findValuesAsString("evidenceId")).containsExactlyInAnyOrder(gone, alteredId);
        assertThat(report.get("problems").findValuesAsString("detail"))
                .anySatisfy(d -> assertThat(d).contains(gone).contains("missing from S3 bucket " + S3MockServer.BUCKET))
                .anySatisfy(d -> assertThat(d).contains(alteredId).contains("no longer matches its hash"));
    }
}
