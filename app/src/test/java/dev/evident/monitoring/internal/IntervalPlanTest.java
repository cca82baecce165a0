package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.IntervalPlan.Open;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalPlanTest {

    private static ResourceResult result(String key, Outcome outcome) {
        return new ResourceResult("github.member", key, key, null, outcome, null);
    }

    private static final java.util.concurrent.atomic.AtomicLong NEXT = new java.util.concurrent.atomic.AtomicLong();

    private static Open open(Outcome outcome, int version) {
        return new Open(NEXT.incrementAndGet(), version, outcome, null, "github.member", "x");
    }

    @Test
    void unchangedOutcomesWriteNothing() {
        IntervalPlan plan = IntervalPlan.of(Map.of("a", open(Outcome.PASS, 1)), List.of(result("a", Outcome.PASS)), 1, true);
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void aChangedOutcomeClosesAndOpensAndIsAChange() {
        Open a = open(Outcome.PASS, 1);
        IntervalPlan plan = IntervalPlan.of(Map.of("a", a), List.of(result("a", Outcome.FAIL), result("b", Outcome.PASS)), 1, true);
        assertThat(plan.close()).containsExactly(a.id());
        assertThat(plan.open()).extracting(ResourceResult::resourceKey).containsExactly("a", "b");
        assertThat(plan.changes()).extracting(c -> c.result().resourceKey() + ":" + c.previous())
                .containsExactly("a:PASS", "b:null");
    }

    @Test
    void aNewCheckVersionStartsANewIntervalWithoutAStateChange() {
        Open a = open(Outcome.PASS, 1);
        IntervalPlan plan = IntervalPlan.of(Map.of("a", a), List.of(result("a", Outcome.PASS)), 2, true);
        assertThat(plan.close()).containsExactly(a.id());
        assertThat(plan.open()).hasSize(1);
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void aResourceGoneFromTheInventoryIsClosedOnlyByACompleteEvaluation() {
        Open gone = open(Outcome.FAIL, 1);
        assertThat(IntervalPlan.of(Map.of("gone", gone), List.of(), 1, true).close()).containsExactly(gone.id());
        assertThat(IntervalPlan.of(Map.of("gone", gone), List.of(), 1, false).close()).isEmpty();
    }
}
