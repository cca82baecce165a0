package dev.evident.evidence;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.testing.ApiClient;
import dev.evident.testing.IntegrationTest;
import dev.evident.verifier.PackageVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Whoever changes evidence behind Evident's back — a stored file, an item's row, the ledger, a
 * checkpoint — is caught by {@code GET /api/v1/evidence/ledger/verify}, which names the item or
 * entry and the kind of damage. Each test works in an organization of its own.
 */
abstract class EvidenceTamperingContract extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvidentProperties properties;

    @TempDir
    Path dir;

    /** Three files, each linked to a control: ledger entries 1-2, 3-4 and 5-6 (added, linked). */
    record Evidence(Organization org, String programId, List<String> ids, List<byte[]> contents) {
        ApiClient api() {
            return org.api();
        }
    }

    Evidence evidence(String name) {
        Organization org = newOrganization(name);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Object> program = Programs.typeTwo("SOC 2 " + name, "availability");
        program.put("periodStart", today.minusMonths(6).withDayOfMonth(1).toString());
        program.put("periodEnd", today.minusMonths(6).withDayOfMonth(1).plusMonths(12).minusDays(1).toString());
        String programId = org.api().post("/api/v1/programs", program).json().get("id").asText();
        String controlId = org.api().post("/api/v1/controls/library/adopt", body("controlIds", List.of("AC-06")))
                .json().get("adopted").get(0).get("id").asText();
        List<String> ids = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            byte[] content = Uploads.pdf("access review " + i + " of " + name);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("title", "Access review " + i);
            metadata.put("effectiveFrom", today.minusMonths(1).toString());
            metadata.put("controlIds", List.of(controlId));
            ApiClient.Response r = Uploads.upload(baseUrl(), org.adminToken(), "review-" + i + ".pdf", content, metadata, null);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().get("ledgerSeq").asLong()).isEqualTo(2L * i - 1);
            ids.add(r.json().get("id").asText());
            contents.add(content);
        }
        JsonNode verified = verify(org.api(), true);
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        return new Evidence(org, programId, ids, contents);
    }

    static JsonNode verify(ApiClient api, boolean content) {
        ApiClient.Response r = api.get("/api/v1/evidence/ledger/verify" + (content ? "?content=true" : ""));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static List<JsonNode> problems(JsonNode report) {
        assertThat(report.get("valid").asBoolean()).as(report.toString()).isFalse();
        List<JsonNode> problems = new ArrayList<>();
        report.get("problems").forEach(problems::add);
        return problems;
    }

    @Test
    void aFlippedByteInAStoredFileNamesTheItem() throws Exception {
        Evidence e = evidence("Flipper");
        String sha = dev.evident.verifier.Hashes.sha256Hex(e.contents().get(1));
        Path blob = properties.dataDir().resolve("evidence").resolve("blobs").resolve(e.org().id().toString())
                .resolve(sha.substring(0, 2)).resolve(sha);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        assertThat(problems(verify(e.api(), true))).singleElement().satisfies(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("content");
            assertThat(p.get("evidenceId").asText()).isEqualTo(e.ids().get(1));
            assertThat(p.get("detail").asText()).contains("Access review 2").contains("no longer matches its hash")
                    .contains("altered");
        });
    }

    @Test
    void anEditedItemRowNamesTheItemOnTheServerAndInAnExportedPackage() throws Exception {
        Evidence e = evidence("Editor");
        jdbc.sql("UPDATE evidence_item SET title = 'Access review 2 (all fine)' WHERE org_id = :org AND id = :id")
                .param("org", e.org().id()).param("id", UUID.fromString(e.ids().get(1))).update();

        assertThat(problems(verify(e.api(), false))).singleElement().satisfies(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("metadata");
            assertThat(p.get("evidenceId").asText()).isEqualTo(e.ids().get(1));
            assertThat(p.get("detail").asText()).contains("edited in the database");
        });

        // the package carries the edited row as it is now: the offline verifier names the item too
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/api/v1/programs/" + e.programId() + "/audit-package"))
                .header("Authorization", "Bearer " + e.org().adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).as(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Path zip = Files.write(dir.resolve("edited.zip"), download.body());
        assertThat(PackageVerifier.verify(zip, null).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("metadata");
            assertThat(p.evidenceId()).isEqualTo(e.ids().get(1));
        });
    }

    @Test
    void aDeletedEvidenceRowIsNamedByTheLedgerEntryThatRecordedIt() {
        Evidence e = evidence("Row deleter");
        UUID org = e.org().id();
        UUID victim = UUID.fromString(e.ids().get(1));
        jdbc.sql("DELETE FROM evidence_link WHERE org_id = :org AND evidence_id = :id").param("org", org).param("id", victim).update();
        jdbc.sql("DELETE FROM evidence_item WHERE org_id = :org AND id = :id").param("org", org).param("id", victim).update();

        List<JsonNode> problems = problems(verify(e.api(), false));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("metadata");
            assertThat(p.get("seq").asLong()).isEqualTo(3);
            assertThat(p.get("evidenceId").asText()).isEqualTo(victim.toString());
            assertThat(p.get("detail").asText()).contains("ledger entry 3 records the addition of evidence " + victim)
                    .contains("row was deleted");
        });
    }

    @Test
    void anItemPointedAtAnotherItemsEntryIsNamed() {
        Evidence e = evidence("Repointer");
        UUID org = e.org().id();
        jdbc.sql("UPDATE evidence_item SET ledger_seq = 1 WHERE org_id = :org AND id = :id")
                .param("org", org).param("id", UUID.fromString(e.ids().get(2))).update();

        List<JsonNode> problems = problems(verify(e.api(), false));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("evidenceId").asText()).isEqualTo(e.ids().get(2));
            assertThat(p.get("detail").asText()).contains("ledger entry 1 does not record its addition");
        });
        assertThat(problems).anySatisfy(p -> assertThat(p.get("detail").asText())
                .contains("ledger entry 5 records the addition of evidence " + e.ids().get(2)));
    }

    @Test
    void aDeletedLedgerEntryIsNamedWithTheItemItRecorded() {
        Evidence e = evidence("Deleter");
        jdbc.sql("DELETE FROM evidence_ledger_entry WHERE org_id = :org AND seq = 3").param("org", e.org().id()).update();

        List<JsonNode> problems = problems(verify(e.api(), false));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("chain");
            assertThat(p.get("seq").asLong()).isEqualTo(4);
            assertThat(p.get("detail").asText()).contains("entry 3 is missing");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("metadata");
            assertThat(p.get("evidenceId").asText()).isEqualTo(e.ids().get(1));
            assertThat(p.get("detail").asText()).contains("ledger entry 3 does not record its addition");
        });
    }

    @Test
    void twoReorderedLedgerEntriesAreNamedWithTheirItem() {
        Evidence e = evidence("Reorderer");
        UUID org = e.org().id();
        jdbc.sql("UPDATE evidence_ledger_entry SET seq = -3 WHERE org_id = :org AND seq = 3").param("org", org).update();
        jdbc.sql("UPDATE evidence_ledger_entry SET seq = 3 WHERE org_id = :org AND seq = 4").param("org", org).update();
        jdbc.sql("UPDATE evidence_ledger_entry SET seq = 4 WHERE org_id = :org AND seq = -3").param("org", org).update();

        List<JsonNode> problems = problems(verify(e.api(), false));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("chain");
            assertThat(p.get("seq").asLong()).isEqualTo(3);
            assertThat(p.get("evidenceId").asText()).isEqualTo(e.ids().get(1));
            assertThat(p.get("detail").asText()).contains("reordered");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("metadata");
            assertThat(p.get("evidenceId").asText()).isEqualTo(e.ids().get(1));
        });
    }

    @Test
    void swappedCheckpointSignaturesAreNamedByCheckpoint() {
        Evidence e = evidence("Swapper");
        assertThat(e.api().get("/api/v1/evidence/" + e.ids().get(0) + "/proof").json().get("treeSize").asLong()).isEqualTo(6);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Late addition");
        metadata.put("effectiveFrom", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(3).toString());
        metadata.put("programIds", List.of(e.programId()));
        ApiClient.Response late = Uploads.upload(baseUrl(), e.org().adminToken(), "late.txt", "late".getBytes(StandardCharsets.UTF_8),
                metadata, null);
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        assertThat(e.api().get("/api/v1/evidence/" + late.json().get("id").asText() + "/proof").json().get("treeSize")
                .asLong()).isEqualTo(8);
        assertThat(verify(e.api(), false).get("checkpointsChecked").asInt()).isEqualTo(2);

        UUID org = e.org().id();
        String first = jdbc.sql("SELECT signature FROM evidence_checkpoint WHERE org_id = :org AND tree_size = 6")
                .param("org", org).query(String.class).single();
        String second = jdbc.sql("SELECT signature FROM evidence_checkpoint WHERE org_id = :org AND tree_size = 8")
                .param("org", org).query(String.class).single();
        jdbc.sql("UPDATE evidence_checkpoint SET signature = :s WHERE org_id = :org AND tree_size = 6")
                .param("s", second).param("org", org).update();
        jdbc.sql("UPDATE evidence_checkpoint SET signature = :s WHERE org_id = :org AND tree_size = 8")
                .param("s", first).param("org", org).update();

        List<JsonNode> problems = problems(verify(e.api(), false));
        assertThat(problems).hasSize(2).allSatisfy(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("checkpoint");
            assertThat(p.get("detail").asText()).contains("signature does not verify");
        });
        assertThat(problems).extracting(p -> p.get("treeSize").asLong()).containsExactlyInAnyOrder(6L, 8L);
    }
}
