package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.monitoring.internal.BenchChecks.Paired;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The monitoring benchmark's fixtures (ChecksBenchmark, bench/checks.sh): the generated inventory, the
 * 60 checks and their Java twins, on a small inventory in memory. No timing here.
 */
class ChecksBenchmarkFixturesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final UUID ORG = UUID.randomUUID();

    private final List<BenchInventory.Resource> resources = new BenchInventory(4000, 7, NOW).generate();
    private final InventorySnapshot snapshot = new InventorySnapshot(BenchInventory.inMemory(resources,
            Map.of(BenchInventory.GITHUB, UUID.randomUUID(), BenchInventory.HR, UUID.randomUUID()), NOW), ORG);
    private final List<Paired> checks = BenchChecks.all();

    @Test
    void theInventoryHasTheRequestedSizeAndMixAndIsTheSameForASeed() {
        assertThat(resources).hasSize(4000);
        Map<String, Long> byType = resources.stream().collect(Collectors.groupingBy(BenchInventory.Resource::type,
                Collectors.counting()));
        assertThat(byType).containsEntry("github.pull_request", 1600L).containsEntry("github.member", 400L)
                .containsEntry("github.organization", 5L).containsKeys("hr.person", "github.repository",
                        "github.dependabot_alert", "github.outside_collaborator");
        assertThat(new BenchInventory(4000, 7, NOW).generate()).isEqualTo(resources);
        assertThat(new BenchInventory(4000, 8, NOW).generate()).isNotEqualTo(resources);
    }

    @Test
    void sixtyChecksStartingWithEveryBuiltInOneOverGitHubAndTheRosterAllCompile() {
        assertThat(checks).hasSize(60);
        List<CheckDefinition> library = BuiltInChecks.read(BuiltInChecks.RESOURCE);
        List<String> ours = library.stream()
                .filter(d -> d.typesRead().stream().allMatch(t -> t.startsWith("github.") || t.startsWith("hr.")))
                .map(CheckDefinition::key).toList();
        assertThat(ours).hasSizeGreaterThanOrEqualTo(26);
        assertThat(checks.subList(0, ours.size())).extracting(Paired::definition).allMatch(library::contains);
        assertThat(checks.subList(0, ours.size())).extracting(p -> p.definition().key())
                .as("every built-in check over GitHub and the HR roster has a Java twin in BenchChecks")
                .containsExactlyInAnyOrderElementsOf(ours);
        assertThat(checks).extracting(p -> p.definition().key()).doesNotHaveDuplicates();
        assertThat(checks.stream().filter(p -> !p.definition().joins().isEmpty()).count()).isGreaterThanOrEqualTo(15);
        assertThat(Agreement.compile(new CheckCompiler(), checks)).hasSize(60);
    }

    @Test
    void everyCheckPassesSomeResourcesAndFailsOthersNoneErrs() {
        List<List<ResourceResult>> cel = Agreement.cel(Agreement.compile(new CheckCompiler(), checks), snapshot, NOW);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).definition().key().equals("github.org-owners-limited")) {
                // every organization counts the same members (a join on all): one outcome for all of them
                assertThat(cel.get(i).stream().map(ResourceResult::outcome).distinct().toList())
                        .hasSize(1).doesNotContain(Outcome.ERROR);
                continue;
            }
            Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
            cel.get(i).forEach(r -> outcomes.merge(r.outcome(), 1L, Long::sum));
            softly.assertThat(outcomes).as(checks.get(i).definition().key() + " " + cel.get(i).stream()
                            .filter(r -> r.outcome() == Outcome.ERROR).findFirst().map(ResourceResult::detail).orElse(""))
                    .containsKeys(Outcome.PASS, Outcome.FAIL).doesNotContainKey(Outcome.ERROR);
        }
        softly.assertAll();
    }

    @Test
    void theJavaTwinsDecideEveryResourceAsTheEngineDoes() {
        Agreement.Report report = Agreement.compare(checks,
                Agreement.cel(Agreement.compile(new CheckCompiler(), checks), snapshot, NOW), Agreement.java(checks, snapshot, NOW));
        assertThat(report.examples()).isEmpty();
        assertThat(report.mismatches()).isZero();
        assertThat(report.evaluations()).isGreaterThan(30_000);
    }

    @Test
    void aComparisonCountsDisagreements() {
        List<Paired> one = checks.subList(4, 5);
        List<List<ResourceResult>> cel = Agreement.cel(Agreement.compile(new CheckCompiler(), one), snapshot, NOW);
        List<ResourceResult> flipped = cel.get(0).stream().map(r -> new ResourceResult(r.resourceType(), r.resourceKey(),
                r.resourceName(), r.connectionId(), r.outcome() == Outcome.PASS ? Outcome.FAIL : Outcome.PASS, null)).toList();
        Agreement.Report report = Agreement.compare(one, cel, List.of(flipped));
        assertThat(report.mismatches()).isEqualTo(cel.get(0).size());
        assertThat(report.examples()).hasSize(Math.min(10, cel.get(0).size()));
    }
}
