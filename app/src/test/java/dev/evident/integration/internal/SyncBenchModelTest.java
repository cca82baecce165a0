package dev.evident.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sync benchmark's model and its correctness guard (SyncBenchmark, bench/sync.sh), without a
 * database: the generated organization has the requested size, is the same for a seed, and a sync
 * that stored anything other than what the stubs served fails the run. No timing here.
 */
class SyncBenchModelTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void theOrganizationHasTheRequestedSizeAndMixAndIsTheSameForASeed() {
        SyncBenchModel model = new SyncBenchModel(20, 4, 50_000, 5_000, 5_000, 1, NOW);

        assertThat(model.awsResources()).isEqualTo(50_000);
        Map<String, Integer> expected = model.expected();
        assertThat(expected).containsEntry("aws.account", 20).containsEntry("aws.guardduty_detector", 80)
                .containsEntry("okta.user", 5_000).containsEntry("google.user", 5_000).containsEntry("hr.person", 5_000);
        assertThat(expected.get("aws.security_group")).isGreaterThan(expected.get("aws.kms_key"));
        assertThat(expected.get("aws.iam_user")).isBetween(8_000, 10_000);
        assertThat(expected.get("aws.cloudtrail_trail")).isBetween(20 * 2, 20 * 5);
        assertThat(new SyncBenchModel(20, 4, 50_000, 5_000, 5_000, 1, NOW).expected()).isEqualTo(expected);
        assertThat(new SyncBenchModel(20, 4, 50_000, 5_000, 5_000, 1, NOW).roll("x", 3, 4))
                .isEqualTo(model.roll("x", 3, 4)).isNotEqualTo(new SyncBenchModel(20, 4, 50_000, 5_000, 5_000, 2, NOW)
                        .roll("x", 3, 4));
    }

    @Test
    void tooFewResourcesForTheScopesOrBadCountsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> new SyncBenchModel(20, 4, 100, 10, 10, 1, NOW))
                .hasMessageContaining("--resources must be at least");
        assertThatThrownBy(() -> new SyncBenchModel(2, 9, 10_000, 10, 10, 1, NOW)).hasMessageContaining("--regions");
        assertThatThrownBy(() -> SyncBenchmark.Options.parse("--acounts=2")).hasMessageContaining("--acounts");
        assertThatThrownBy(() -> SyncBenchmark.Options.parse("--runs=two")).hasMessageContaining("--runs must be a whole");
        assertThatThrownBy(() -> SyncBenchmark.Options.parse("--stub-latency-ms=5000"))
                .hasMessageContaining("--stub-latency-ms must be between 0 and 1000");
        assertThat(SyncBenchmark.Options.parse("--stub-latency-ms=30").stubLatencyMs()).isEqualTo(30);
    }

    @Test
    void aSyncThatStoredLessThanTheStubServedFailsTheRun() {
        SyncBenchModel model = new SyncBenchModel(2, 1, 300, 50, 50, 1, NOW);
        Map<String, Integer> okta = new LinkedHashMap<>(Map.of("okta.user", 50, "okta.password_policy", 2,
                "okta.mfa_enrollment_policy", 2));
        SyncBenchHeap.Figures heap = new SyncBenchHeap.Figures(0, 0, 0);

        SyncBenchmark.verify(model, new SyncBenchmark.ConnectorRun("okta", 1, 1, 0, 0, heap, okta, "ok"));
        okta.put("okta.user", 49);
        assertThatThrownBy(() -> SyncBenchmark.verify(model, new SyncBenchmark.ConnectorRun("okta", 1, 1, 0, 0, heap, okta,
                "ok"))).hasMessageContaining("did not store what the stub served");
        assertThatThrownBy(() -> SyncBenchmark.verify(model, new SyncBenchmark.ConnectorRun("google-workspace", 1, 1, 0, 0,
                heap, Map.of(), "ok"))).as("an empty sync").hasMessageContaining("google.user=50");
        assertThatThrownBy(() -> SyncBenchmark.verify(model, new SyncBenchmark.ConnectorRun("hr-roster", 1, 0, 0, 0, heap,
                Map.of("hr.person", 50), "partial: boom"))).hasMessageContaining("partial: boom");
    }

    @Test
    void theRosterHasEveryPersonAndSomeWhoLeft() {
        SyncBenchModel model = new SyncBenchModel(2, 1, 300, 200, 100, 1, NOW);
        String[] lines = new String(model.roster(), java.nio.charset.StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(201);
        assertThat(lines[1]).startsWith("Person 0," + SyncBenchModel.email(0) + ",");
        long left = java.util.stream.IntStream.range(0, 200).filter(model::terminated).count();
        assertThat(left).isBetween(2L, 30L);
        assertThat(UUID.nameUUIDFromBytes(model.roster())).isEqualTo(UUID.nameUUIDFromBytes(
                new SyncBenchModel(2, 1, 300, 200, 100, 1, NOW).roster()));
    }
}
