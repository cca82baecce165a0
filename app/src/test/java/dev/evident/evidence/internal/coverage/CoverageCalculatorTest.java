package dev.evident.evidence.internal.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.Coverage.Occurrence;
import dev.evident.evidence.Coverage.Range;
import dev.evident.evidence.Coverage.State;
import dev.evident.evidence.Coverage.Status;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceKind;
import dev.evident.program.Program;
import dev.evident.program.ReportType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CoverageCalculatorTest {

    private static final UUID ORG = UUID.randomUUID();

    private final List<EvidenceItem> evidence = new ArrayList<>();

    static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    static Control control(ControlFrequency frequency) {
        return control(frequency, true);
    }

    static Control control(ControlFrequency frequency, boolean applicable) {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        return new Control(UUID.randomUUID(), ORG, "AC-01", "Access review", "", "access-control", ControlType.PREVENTIVE,
                ControlNature.MANUAL, frequency, null, null, null, List.of(), List.of("CC6.1"), ControlStatus.IMPLEMENTED, now,
                applicable, applicable ? null : "No office", null, now, now, 1);
    }

    static Program typeTwo(String start, String end) {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        return new Program(UUID.randomUUID(), ORG, "SOC 2", "soc2-2017", ReportType.TYPE_2, null, d(start), d(end), List.of(),
                List.of(), null, now, now, 1);
    }

    static Program typeOne(String asOf) {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        return new Program(UUID.randomUUID(), ORG, "SOC 2", "soc2-2017", ReportType.TYPE_1, d(asOf), null, null, List.of(),
                List.of(), null, now, now, 1);
    }

    EvidenceItem add(Control control, String from, String to) {
        return add(control, from, to, null, null);
    }

    EvidenceItem add(Control control, String from, String to, UUID supersededBy, Instant removedAt) {
        EvidenceItem item = new EvidenceItem(UUID.randomUUID(), ORG, EvidenceKind.FILE, "item", null, null, Instant.now(),
                d(from), d(to), "f.txt", "text/plain", 1, null, "00", null, null, supersededBy, evidence.size() + 1,
                removedAt, Instant.now(), List.of(new EvidenceItem.Link("control", control.id())));
        evidence.add(item);
        return item;
    }

    Coverage compute(Control control, Program program, String today) {
        return CoverageCalculator.compute(control, program, evidence, d(today));
    }

    static List<State> states(Coverage c) {
        return c.occurrences().stream().map(Occurrence::state).toList();
    }

    @Test
    void aQuarterlyControlInATwelveMonthPeriodExpectsFourCalendarQuarters() {
        Control control = control(ControlFrequency.QUARTERLY);
        EvidenceItem q1 = add(control, "2027-03-20", "2027-03-20");
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2027-08-15");

        assertThat(c.expected()).isEqualTo(4);
        assertThat(c.occurrences()).extracting(Occurrence::from).containsExactly(d("2027-01-01"), d("2027-04-01"),
                d("2027-07-01"), d("2027-10-01"));
        assertThat(c.occurrences()).extracting(Occurrence::to).containsExactly(d("2027-03-31"), d("2027-06-30"),
                d("2027-09-30"), d("2027-12-31"));
        assertThat(states(c)).containsExactly(State.EVIDENCED, State.MISSING, State.NOT_DUE, State.NOT_DUE);
        assertThat(c.occurrences().get(0).evidenceIds()).containsExactly(q1.id());
        assertThat(c.due()).isEqualTo(2);
        assertThat(c.evidenced()).isEqualTo(1);
        assertThat(c.missing()).containsExactly(new Range(d("2027-04-01"), d("2027-06-30")));
        assertThat(c.stale()).isTrue();
        assertThat(c.status()).isEqualTo(Status.GAPS);
        assertThat(c.covered()).isFalse();
        assertThat(c.summary()).isEqualTo("1 of 2 due quarters evidenced (4 in the period); missing 2027-04-01 to 2027-06-30.");
    }

    @Test
    void aWindowThatContainsTodayIsDueOnlyOnceItHasEvidence() {
        Control control = control(ControlFrequency.QUARTERLY);
        add(control, "2027-01-10", "2027-01-10");
        Program program = typeTwo("2027-01-01", "2027-12-31");
        Coverage before = compute(control, program, "2027-05-01");
        assertThat(before.due()).isEqualTo(1);
        assertThat(before.status()).isEqualTo(Status.COMPLETE);
        assertThat(before.stale()).isFalse();

        add(control, "2027-04-20", "2027-04-20");
        Coverage after = compute(control, program, "2027-05-01");
        assertThat(after.due()).isEqualTo(2);
        assertThat(after.evidenced()).isEqualTo(2);
        assertThat(after.covered()).isTrue();
        assertThat(after.summary()).isEqualTo("2 of 2 due quarters evidenced (4 in the period).");
    }

    @Test
    void aWindowEndingTodayIsNotDueUntilTomorrow() {
        Control control = control(ControlFrequency.MONTHLY);
        Program program = typeTwo("2027-01-01", "2027-12-31");
        assertThat(compute(control, program, "2027-01-31").due()).isZero();
        assertThat(compute(control, program, "2027-02-01").due()).isEqualTo(1);
    }

    @Test
    void monthlyGapsAreMergedIntoOneRangeWhenAdjacent() {
        Control control = control(ControlFrequency.MONTHLY);
        add(control, "2027-01-15", "2027-01-15");
        add(control, "2027-04-30", "2027-04-30");
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2027-05-10");

        assertThat(c.expected()).isEqualTo(12);
        assertThat(c.due()).isEqualTo(4);
        assertThat(c.evidenced()).isEqualTo(2);
        assertThat(c.missing()).containsExactly(new Range(d("2027-02-01"), d("2027-03-31")));
        assertThat(c.stale()).isFalse();
        assertThat(c.status()).isEqualTo(Status.GAPS);
    }

    @Test
    void weeklyWindowsNumberFiftyTwoInAYearTheLastOneLongerInLeapYears() {
        Control control = control(ControlFrequency.WEEKLY);
        Coverage common = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2026-12-01");
        assertThat(common.expected()).isEqualTo(52);
        assertThat(common.occurrences().get(0)).extracting(Occurrence::from, Occurrence::to)
                .containsExactly(d("2027-01-01"), d("2027-01-07"));
        assertThat(common.occurrences().get(51)).extracting(Occurrence::from, Occurrence::to)
                .containsExactly(d("2027-12-24"), d("2027-12-31"));

        Coverage leap = compute(control, typeTwo("2028-01-01", "2028-12-31"), "2027-12-01");
        assertThat(leap.expected()).isEqualTo(52);
        assertThat(leap.occurrences().get(51)).extracting(Occurrence::from, Occurrence::to)
                .containsExactly(d("2028-12-23"), d("2028-12-31"));
    }

    @Test
    void aWeeklyScanGapOfTwoWeeksIsOneRange() {
        Control control = control(ControlFrequency.WEEKLY);
        for (String day : List.of("2027-01-04", "2027-01-11", "2027-01-18", "2027-02-08", "2027-02-15")) {
            add(control, day, day);
        }
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2027-02-19");
        assertThat(c.due()).isEqualTo(7);
        assertThat(c.evidenced()).isEqualTo(5);
        assertThat(c.missing()).containsExactly(new Range(d("2027-01-22"), d("2027-02-04")));
        assertThat(c.stale()).isFalse();
    }

    @Test
    void dailyWindowsCountEveryDayIncludingTheTwentyNinthOfFebruary() {
        Control control = control(ControlFrequency.DAILY);
        add(control, "2028-02-28", "2028-02-28");
        add(control, "2028-03-01", "2028-03-01");
        Coverage c = compute(control, typeTwo("2028-01-01", "2028-12-31"), "2028-03-02");
        assertThat(c.expected()).isEqualTo(366);
        assertThat(c.due()).isEqualTo(61);
        assertThat(c.evidenced()).isEqualTo(2);
        assertThat(c.missing()).containsExactly(new Range(d("2028-01-01"), d("2028-02-27")),
                new Range(d("2028-02-29"), d("2028-02-29")));
        assertThat(c.stale()).isFalse();
        assertThat(c.summary()).contains("2028-01-01 to 2028-02-27, 2028-02-29.");
    }

    @Test
    void aContinuousControlReportsCoveredAndMissingStretchesOfDays() {
        Control control = control(ControlFrequency.CONTINUOUS);
        EvidenceItem first = add(control, "2026-12-01", "2027-01-10");
        EvidenceItem second = add(control, "2027-01-15", "2027-01-20");
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2027-01-25");

        assertThat(c.expected()).isEqualTo(365);
        assertThat(c.due()).isEqualTo(24);
        assertThat(c.evidenced()).isEqualTo(16);
        assertThat(c.occurrences()).extracting(Occurrence::from, Occurrence::to, Occurrence::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(d("2027-01-01"), d("2027-01-10"), State.EVIDENCED),
                org.assertj.core.groups.Tuple.tuple(d("2027-01-11"), d("2027-01-14"), State.MISSING),
                org.assertj.core.groups.Tuple.tuple(d("2027-01-15"), d("2027-01-20"), State.EVIDENCED),
                org.assertj.core.groups.Tuple.tuple(d("2027-01-21"), d("2027-01-24"), State.MISSING),
                org.assertj.core.groups.Tuple.tuple(d("2027-01-25"), d("2027-12-31"), State.NOT_DUE));
        assertThat(c.occurrences().get(0).evidenceIds()).containsExactly(first.id());
        assertThat(c.occurrences().get(2).evidenceIds()).containsExactly(second.id());
        assertThat(c.missing()).containsExactly(new Range(d("2027-01-11"), d("2027-01-14")),
                new Range(d("2027-01-21"), d("2027-01-24")));
        assertThat(c.stale()).isTrue();
        assertThat(c.summary()).startsWith("16 of 24 days so far covered by evidence (365 days in the period)");
    }

    @Test
    void aContinuousRecordReachingIntoTodayCountsTodayAndIsComplete() {
        Control control = control(ControlFrequency.CONTINUOUS);
        add(control, "2027-01-01", "2027-12-31");
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2027-03-01");
        assertThat(c.due()).isEqualTo(60);
        assertThat(c.evidenced()).isEqualTo(60);
        assertThat(c.status()).isEqualTo(Status.COMPLETE);
        assertThat(states(c)).containsExactly(State.EVIDENCED, State.NOT_DUE);
    }

    @Test
    void anAnnualControlIsDueAtTheEndOfThePeriodOrOnceEvidenced() {
        Control control = control(ControlFrequency.ANNUAL);
        Program program = typeTwo("2027-01-01", "2027-12-31");
        Coverage midway = compute(control, program, "2027-06-01");
        assertThat(midway.expected()).isEqualTo(1);
        assertThat(midway.status()).isEqualTo(Status.NOT_STARTED);
        assertThat(midway.summary()).isEqualTo("No year is due yet (1 year expected in the period; the first ends on 2027-12-31).");

        Coverage after = compute(control, program, "2028-01-05");
        assertThat(after.status()).isEqualTo(Status.GAPS);
        assertThat(after.stale()).isTrue();
        assertThat(after.missing()).containsExactly(new Range(d("2027-01-01"), d("2027-12-31")));

        add(control, "2027-05-20", "2027-05-20");
        assertThat(compute(control, program, "2027-06-01").status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void perEventControlsAreShownByMonthButNeverStale() {
        Control control = control(ControlFrequency.PER_EVENT);
        Program program = typeTwo("2027-01-01", "2027-12-31");
        Coverage none = compute(control, program, "2027-04-15");
        assertThat(none.status()).isEqualTo(Status.PER_EVENT);
        assertThat(none.due()).isEqualTo(3);
        assertThat(none.stale()).isFalse();
        assertThat(none.covered()).isFalse();

        add(control, "2027-02-03", "2027-02-03");
        Coverage some = compute(control, program, "2027-04-15");
        assertThat(some.evidenced()).isEqualTo(1);
        assertThat(some.missing()).containsExactly(new Range(d("2027-01-01"), d("2027-01-31")),
                new Range(d("2027-03-01"), d("2027-03-31")));
        assertThat(some.stale()).isFalse();
        assertThat(some.covered()).isTrue();
        assertThat(some.summary()).contains("evidence of events in 1 of 3 months so far")
                .contains("no event recorded in 2027-01-01 to 2027-01-31, 2027-03-01 to 2027-03-31");
    }

    @Test
    void beforeThePeriodStartsNothingIsDue() {
        Control control = control(ControlFrequency.QUARTERLY);
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2026-11-20");
        assertThat(c.status()).isEqualTo(Status.NOT_STARTED);
        assertThat(c.due()).isZero();
        assertThat(c.missing()).isEmpty();
        assertThat(c.stale()).isFalse();
        assertThat(c.covered()).isFalse();
        assertThat(c.summary()).isEqualTo("The period starts on 2027-01-01; 4 quarters expected in the period, the first "
                + "ends on 2027-03-31.");
    }

    @Test
    void aShortTrailingWindowJoinsThePreviousOneALongerOneStandsAlone() {
        Control control = control(ControlFrequency.QUARTERLY);
        Coverage fiveMonths = compute(control, typeTwo("2027-01-01", "2027-05-31"), "2027-01-01");
        assertThat(fiveMonths.occurrences()).extracting(Occurrence::from, Occurrence::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(d("2027-01-01"), d("2027-03-31")),
                org.assertj.core.groups.Tuple.tuple(d("2027-04-01"), d("2027-05-31")));

        Coverage fourMonthsAndABit = compute(control, typeTwo("2027-01-01", "2027-05-10"), "2027-01-01");
        assertThat(fourMonthsAndABit.occurrences()).extracting(Occurrence::from, Occurrence::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(d("2027-01-01"), d("2027-05-10")));

        Coverage annualInSixMonths = compute(control(ControlFrequency.ANNUAL), typeTwo("2027-03-01", "2027-08-31"),
                "2027-01-01");
        assertThat(annualInSixMonths.occurrences()).extracting(Occurrence::from, Occurrence::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(d("2027-03-01"), d("2027-08-31")));
    }

    @Test
    void monthlyWindowsFromTheThirtyFirstDoNotDrift() {
        Coverage c = compute(control(ControlFrequency.MONTHLY), typeTwo("2027-01-31", "2027-07-30"), "2027-01-01");
        assertThat(c.occurrences()).extracting(Occurrence::from).containsExactly(d("2027-01-31"), d("2027-02-28"),
                d("2027-03-31"), d("2027-04-30"), d("2027-05-31"), d("2027-06-30"));
        assertThat(c.occurrences().get(0).to()).isEqualTo(d("2027-02-27"));
        assertThat(c.occurrences().get(5).to()).isEqualTo(d("2027-07-30"));
    }

    @Test
    void anItemWhoseIntervalSpansWindowsEvidencesEachOfThem() {
        Control control = control(ControlFrequency.QUARTERLY);
        EvidenceItem spanning = add(control, "2027-02-15", "2027-04-15");
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2027-07-02");
        assertThat(states(c)).containsExactly(State.EVIDENCED, State.EVIDENCED, State.NOT_DUE, State.NOT_DUE);
        assertThat(c.occurrences().get(1).evidenceIds()).containsExactly(spanning.id());
        assertThat(c.status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void supersededRemovedAndUnlinkedItemsDoNotCount() {
        Control control = control(ControlFrequency.QUARTERLY);
        add(control, "2027-02-01", "2027-02-01", UUID.randomUUID(), null);
        add(control, "2027-02-02", "2027-02-02", null, Instant.parse("2027-05-01T00:00:00Z"));
        Control other = control(ControlFrequency.QUARTERLY);
        add(other, "2027-02-03", "2027-02-03");
        Coverage c = compute(control, typeTwo("2027-01-01", "2027-12-31"), "2027-04-02");
        assertThat(c.evidenced()).isZero();
        assertThat(c.missing()).containsExactly(new Range(d("2027-01-01"), d("2027-03-31")));
        assertThat(c.stale()).isTrue();
    }

    @Test
    void aTypeOneProgramHasOneOccurrenceEndingOnTheAsOfDate() {
        Control control = control(ControlFrequency.QUARTERLY);
        Program program = typeOne("2027-03-15");
        Coverage notYet = compute(control, program, "2027-03-10");
        assertThat(notYet.expected()).isEqualTo(1);
        assertThat(notYet.occurrences()).extracting(Occurrence::from, Occurrence::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(d("2026-12-16"), d("2027-03-15")));
        assertThat(notYet.status()).isEqualTo(Status.NOT_STARTED);

        Coverage missing = compute(control, program, "2027-03-20");
        assertThat(missing.status()).isEqualTo(Status.GAPS);
        assertThat(missing.summary()).isEqualTo("No evidence for the quarter up to the as-of date (2026-12-16 to 2027-03-15).");

        add(control, "2027-01-05", "2027-01-05");
        Coverage evidenced = compute(control, program, "2027-03-20");
        assertThat(evidenced.status()).isEqualTo(Status.COMPLETE);
        assertThat(evidenced.covered()).isTrue();

        Control daily = control(ControlFrequency.CONTINUOUS);
        add(daily, "2027-03-01", "2027-03-31");
        Coverage continuous = compute(daily, program, "2027-03-20");
        assertThat(continuous.occurrences()).extracting(Occurrence::from, Occurrence::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(d("2027-03-15"), d("2027-03-15")));
        assertThat(continuous.status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void aControlMarkedNotApplicableHasNoOccurrences() {
        Coverage c = compute(control(ControlFrequency.MONTHLY, false), typeTwo("2027-01-01", "2027-12-31"), "2027-06-01");
        assertThat(c.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(c.occurrences()).isEmpty();
        assertThat(c.expected()).isZero();
        assertThat(c.summary()).isEqualTo("Not applicable: No office");
    }

    @Test
    void summariesNameAtMostThreeRanges() {
        List<Range> ranges = List.of(new Range(d("2027-01-01"), d("2027-01-01")), new Range(d("2027-01-03"), d("2027-01-04")),
                new Range(d("2027-01-06"), d("2027-01-06")), new Range(d("2027-01-08"), d("2027-01-08")),
                new Range(d("2027-01-10"), d("2027-01-10")));
        assertThat(CoverageCalculator.rangesText(ranges))
                .isEqualTo("2027-01-01, 2027-01-03 to 2027-01-04, 2027-01-06 and 2 more");
    }
}
