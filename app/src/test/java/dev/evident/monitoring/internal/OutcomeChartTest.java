package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.monitoring.internal.OutcomeChart.Chart;
import dev.evident.monitoring.internal.OutcomeChart.Day;
import dev.evident.monitoring.internal.ResultIntervals.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Daily outcome counts from result intervals, and the bars drawn from them. */
class OutcomeChartTest {

    private static final UUID CHECK = UUID.randomUUID();

    private static Interval interval(String key, Outcome outcome, String from, String to) {
        return new Interval(key.hashCode(), CHECK, 1, "github.member", key, key, outcome, null, Instant.parse(from),
                to == null ? null : Instant.parse(to));
    }

    @Test
    void eachDayCountsTheOutcomeEveryResourceHadAtItsEnd() {
        Instant now = Instant.parse("2026-06-10T12:00:00Z");
        List<Interval> intervals = List.of(
                interval("a", Outcome.PASS, "2026-06-01T00:00:00Z", null),
                interval("b", Outcome.PASS, "2026-06-01T00:00:00Z", "2026-06-08T10:00:00Z"),
                interval("b", Outcome.FAIL, "2026-06-08T10:00:00Z", "2026-06-10T08:00:00Z"),
                interval("b", Outcome.EXCEPTED, "2026-06-10T08:00:00Z", null),
                // failed for an hour on the 7th only: not failing at the end of the day
                interval("c", Outcome.FAIL, "2026-06-07T09:00:00Z", "2026-06-07T10:00:00Z"),
                interval("c", Outcome.ERROR, "2026-06-10T11:00:00Z", null));

        List<Day> days = OutcomeChart.days(intervals, now, 4);

        assertThat(days).extracting(Day::date).containsExactly(LocalDate.parse("2026-06-07"),
                LocalDate.parse("2026-06-08"), LocalDate.parse("2026-06-09"), LocalDate.parse("2026-06-10"));
        assertThat(days.get(0).counts()).containsEntry(Outcome.PASS, 2).doesNotContainKey(Outcome.FAIL);
        assertThat(days.get(1).counts()).containsEntry(Outcome.PASS, 1).containsEntry(Outcome.FAIL, 1);
        assertThat(days.get(2).counts()).containsEntry(Outcome.PASS, 1).containsEntry(Outcome.FAIL, 1);
        assertThat(days.get(3).counts()).containsEntry(Outcome.PASS, 1).containsEntry(Outcome.EXCEPTED, 1)
                .containsEntry(Outcome.ERROR, 1);
        assertThat(days.get(3).total()).isEqualTo(3);
    }

    @Test
    void barsStackPassExceptedFailAndErrorOnACommonScale() {
        Instant now = Instant.parse("2026-06-10T12:00:00Z");
        List<Interval> intervals = List.of(
                interval("a", Outcome.PASS, "2026-06-09T00:00:00Z", null),
                interval("b", Outcome.FAIL, "2026-06-10T00:00:00Z", null));
        Chart chart = OutcomeChart.chart(OutcomeChart.days(intervals, now, 2));

        assertThat(chart.empty()).isFalse();
        assertThat(chart.max()).isEqualTo(2);
        assertThat(chart.segments()).extracting(OutcomeChart.Segment::outcome).containsExactly("pass", "pass", "fail");
        OutcomeChart.Segment pass = chart.segments().get(1);
        OutcomeChart.Segment fail = chart.segments().get(2);
        assertThat(fail.y() + fail.height()).isEqualTo(pass.y());
        assertThat(pass.height()).isEqualTo(fail.height());
        assertThat(fail.title()).isEqualTo("2026-06-10: 1 fail");
        assertThat(OutcomeChart.chart(OutcomeChart.days(List.of(), now, 30)).empty()).isTrue();
    }

    @Test
    void gridStepsAreRound() {
        assertThat(OutcomeChart.niceStep(1)).isEqualTo(1);
        assertThat(OutcomeChart.niceStep(7)).isEqualTo(2);
        assertThat(OutcomeChart.niceStep(18)).isEqualTo(5);
        assertThat(OutcomeChart.niceStep(35)).isEqualTo(10);
        assertThat(OutcomeChart.niceStep(1234)).isEqualTo(500);
    }
}
