package dev.evident.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.auditlog.AuditLog;
import dev.evident.identity.Provisioning;
import dev.evident.shared.security.Role;
import dev.evident.testing.IntegrationTest;
import dev.evident.verifier.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whoever edits or deletes audit rows directly in the database is caught: server-side
 * verification names the first broken entry, and so does the offline verifier on an export.
 * Each test works in an organization of its own, so tampering cannot disturb other tests.
 */
abstract class AuditChainTamperingContract extends IntegrationTest {

    @Autowired
    Provisioning provisioning;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    private UUID organizationWithHistory() {
        String suffix = Long.toString(System.nanoTime());
        UUID org = provisioning.createOrganizationWithAdmin("Initech " + suffix, "owner-" + suffix + "@initech.example",
                "Owner", "a sufficiently long passphrase", "test");
        for (int i = 0; i < 3; i++) {
            provisioning.registerToken(org, "token " + i, Role.AUDITOR, "initech-token-" + suffix + "-" + i + "-0123456789abcdef", "test");
        }
        return org;
    }

    @Test
    void anUntouchedChainVerifiesAndItsExportVerifiesOffline(@TempDir Path dir) throws Exception {
        UUID org = organizationWithHistory();
        var result = auditLog.verify(org);
        assertThat(result.valid()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);

        StringWriter out = new StringWriter();
        auditLog.export(org, out);
        Path file = dir.resolve("audit-log.jsonl");
        Files.writeString(file, out.toString());
        assertThat(out.toString().lines()).hasSize(5);
        assertThat(Json.parse(out.toString().lines().findFirst().orElseThrow())).isInstanceOf(java.util.Map.class);
        assertThat(dev.evident.verifier.cli.Main.run(new String[] {file.toString()}, new java.io.PrintStream(
                new java.io.ByteArrayOutputStream()), new java.io.PrintStream(new java.io.ByteArrayOutputStream()))).isZero();
    }

    @Test
    void editingASummaryBreaksTheChainAtThatEntry() {
        UUID org = organizationWithHistory();
        jdbc.sql("UPDATE audit_log_entry SET summary = :s WHERE org_id = :org AND seq = 3")
                .param("s", "{\"name\":\"nothing to see\"}").param("org", org).update();
        var result = auditLog.verify(org);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().seq()).isEqualTo(3);
        assertThat(result.firstProblem().reason()).contains("hash mismatch");
        assertThat(result.entriesChecked()).isEqualTo(2);
    }

    @Test
    void deletingAnEntryInTheMiddleOrAtTheEndIsDetected() {
        UUID org = organizationWithHistory();
        jdbc.sql("DELETE FROM audit_log_entry WHERE org_id = :org AND seq = 5").param("org", org).update();
        var truncated = auditLog.verify(org);
        assertThat(truncated.valid()).isFalse();
        assertThat(truncated.firstProblem().reason()).contains("missing at the end");

        jdbc.sql("DELETE FROM audit_log_entry WHERE org_id = :org AND seq = 2").param("org", org).update();
        var gap = auditLog.verify(org);
        assertThat(gap.valid()).isFalse();
        assertThat(gap.firstProblem().seq()).isEqualTo(3);
    }
}
