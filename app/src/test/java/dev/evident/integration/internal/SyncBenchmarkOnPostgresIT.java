package dev.evident.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.monitoring.internal.SyncBenchEvaluation;
import dev.evident.testing.PostgresDatabase;
import dev.evident.testing.PostgresTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The sync benchmark's whole machinery at a tiny size, so it does not rot: stubs, the application
 * on its own PostgreSQL schema, the real connectors and sync engine, the count guard and the
 * evaluation of every built-in check. Asserts what was stored and evaluated, never how fast.
 */
@PostgresTest
class SyncBenchmarkOnPostgresIT {

    @Test
    void aTinyOrganizationSyncsCompletelyAndEveryBuiltInCheckEvaluates() throws Exception {
        String user = System.getenv("EVIDENT_TEST_DB_USERNAME");
        String password = System.getenv("EVIDENT_TEST_DB_PASSWORD");
        SyncBenchmark.Options options = SyncBenchmark.Options.parse("--accounts=2", "--regions=2", "--resources=400",
                "--okta-users=60", "--google-users=50", "--evaluation-runs=1",
                "--db-url=" + PostgresDatabase.url(), "--db-user=" + (user == null ? "postgres" : user),
                "--db-password=" + (password == null ? "" : password));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        SyncBenchmark.Report report = SyncBenchmark.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<SyncBenchmark.ConnectorRun> syncs = report.syncs().get(0);
        assertThat(syncs).extracting(SyncBenchmark.ConnectorRun::connector)
                .containsExactly("aws", "okta", "google-workspace", "hr-roster");
        assertThat(syncs).allSatisfy(r -> assertThat(r.status()).isEqualTo("ok"));
        Map<String, Integer> stored = new TreeMap<>();
        syncs.forEach(r -> stored.putAll(r.stored()));
        assertThat(stored).isEqualTo(new TreeMap<>(report.expected()));
        assertThat(stored.entrySet().stream().filter(e -> e.getKey().startsWith("aws.")).mapToInt(Map.Entry::getValue)
                .sum()).isEqualTo(400);
        assertThat(stored).containsEntry("okta.user", 60).containsEntry("google.user", 50).containsEntry("hr.person", 60);
        // every IAM user and bucket costs several calls, every active Okta user two
        assertThat(syncs.get(0).requests()).isGreaterThan(400);
        assertThat(report.stubRequests().get("okta")).isGreaterThan(60);
        assertThat(String.valueOf(printed)).contains("Evaluation of all built-in checks");

        SyncBenchEvaluation.Figures evaluation = report.evaluations().get(0);
        assertThat(evaluation.checks()).isGreaterThanOrEqualTo(60);
        assertThat(evaluation.outcomes()).containsKeys("pass", "fail").doesNotContainKey("error");
        assertThat(evaluation.errors()).isEmpty();
        assertThat(evaluation.evaluations()).isGreaterThan(stored.values().stream().mapToInt(Integer::intValue).sum());
    }
}
