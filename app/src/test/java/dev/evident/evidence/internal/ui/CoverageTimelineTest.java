package dev.evident.evidence.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.ControlFrequency;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.Coverage.Occurrence;
import dev.evident.evidence.Coverage.Range;
import dev.evident.evidence.Coverage.State;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The band of the coverage timeline: cells as wide as their days, in order, each with a title in words. */
class CoverageTimelineTest {

    static Coverage quarterly(List<Occurrence> occurrences, List<Range> missing) {
        return new Coverage(UUID.randomUUID(), "AC-06", ControlFrequency.QUARTERLY, UUID.randomUUID(),
                LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), LocalDate.parse("2027-07-15"),
                Coverage.Status.GAPS, 4, 2, 1, occurrences, missing, true, "1 of 2 due quarters evidenced");
    }

    @Test
    void quartersAreCellsProportionalToTheirDaysWithTitlesAndMissingRanges() {
        UUID item = UUID.randomUUID();
        Coverage c = quarterly(List.of(
                new Occurrence(1, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-03-31"), State.EVIDENCED, List.of(item)),
                new Occurrence(2, LocalDate.parse("2027-04-01"), LocalDate.parse("2027-06-30"), State.MISSING, List.of()),
                new Occurrence(3, LocalDate.parse("2027-07-01"), LocalDate.parse("2027-09-30"), State.NOT_DUE, List.of()),
                new Occurrence(4, LocalDate.parse("2027-10-01"), LocalDate.parse("2027-12-31"), State.NOT_DUE, List.of())),
                List.of(new Range(LocalDate.parse("2027-04-01"), LocalDate.parse("2027-06-30"))));
        CoverageTimeline t = CoverageTimeline.of(c);
        assertThat(t.cells()).extracting(CoverageTimeline.Cell::state)
                .containsExactly("evidenced", "missing", "not-due", "not-due");
        assertThat(t.cells().get(0).x()).isEqualTo(0.0);
        // 90 of 365 days, less the one-unit gap between cells
        assertThat(t.cells().get(0).width()).isEqualTo(Math.round(1000 * 90 / 365.0 * 100) / 100.0 - 1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(t.cells().get(1).x()).isEqualTo(Math.round(1000 * 90 / 365.0 * 100) / 100.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(t.cells().get(3).x() + t.cells().get(3).width()).isLessThanOrEqualTo(1000.0);
        assertThat(t.cells().get(0).label()).isEqualTo("Quarter 1, 2027-01-01 to 2027-03-31: evidenced by 1 item");
        assertThat(t.cells().get(1).label()).isEqualTo("Quarter 2, 2027-04-01 to 2027-06-30: missing evidence");
        assertThat(t.cells().get(2).label()).endsWith(": not due yet");
        assertThat(t.missing()).containsExactly("2027-04-01 to 2027-06-30");
        assertThat(t.status()).isEqualTo("Gaps");
        assertThat(t.statusClass()).isEqualTo("coverage-gaps");
        assertThat(t.periodLabel()).isEqualTo("2027-01-01 to 2027-12-31");
    }

    @Test
    void continuousControlsShowStretchesOfDays() {
        Coverage c = new Coverage(UUID.randomUUID(), "OS-01", ControlFrequency.CONTINUOUS, UUID.randomUUID(),
                LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-10"), LocalDate.parse("2027-01-11"),
                Coverage.Status.GAPS, 10, 10, 8, List.of(
                new Occurrence(1, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-08"), State.EVIDENCED, List.of()),
                new Occurrence(2, LocalDate.parse("2027-01-09"), LocalDate.parse("2027-01-10"), State.MISSING, List.of())),
                List.of(new Range(LocalDate.parse("2027-01-09"), LocalDate.parse("2027-01-10"))), true, "8 of 10 days");
        CoverageTimeline t = CoverageTimeline.of(c);
        assertThat(t.cells()).hasSize(2);
        assertThat(t.cells().get(0).label()).isEqualTo("Days 2027-01-01 to 2027-01-08: evidenced");
        assertThat(t.cells().get(1).x()).isEqualTo(800.0);
    }
}
