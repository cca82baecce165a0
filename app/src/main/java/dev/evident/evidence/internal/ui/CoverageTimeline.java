package dev.evident.evidence.internal.ui;

import dev.evident.catalog.ControlFrequency;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.Coverage.Occurrence;
import dev.evident.evidence.Coverage.State;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One control's coverage of a program's period drawn as a band: one cell per occurrence (a stretch of
 * days for continuous controls), as wide as the days it spans, each with a title, and the same facts
 * as a list for screen readers.
 *
 * @param cells   in date order; x and width in the SVG's 0–1000 units
 * @param missing the missing ranges, "2027-04-01 to 2027-06-30"
 */
record CoverageTimeline(Coverage coverage, String status, String statusClass, List<Cell> cells, List<String> missing,
                        String periodLabel) {

    static final int WIDTH = 1000;

    /** @param state evidenced, missing or not-due (the CSS class too) */
    record Cell(double x, double width, String state, String label) {
    }

    static CoverageTimeline of(Coverage c) {
        LocalDate start = c.periodStart();
        long days = Math.max(1, ChronoUnit.DAYS.between(start, c.periodEnd()) + 1);
        List<Cell> cells = new ArrayList<>();
        for (Occurrence o : c.occurrences()) {
            double x = WIDTH * (double) ChronoUnit.DAYS.between(start, o.from()) / days;
            double w = WIDTH * (double) (ChronoUnit.DAYS.between(o.from(), o.to()) + 1) / days;
            // a gap of a pixel between cells when they are wide enough, so 52 weeks read as 52 cells
            double gap = w > 4 ? 1 : 0;
            cells.add(new Cell(round(x), round(Math.max(0.5, w - gap)), cssState(o.state()), label(c.frequency(), o)));
        }
        List<String> missing = c.missing().stream().map(r -> EvidenceLabels.interval(r.from(), r.to())).toList();
        return new CoverageTimeline(c, status(c.status()), "coverage-" + c.status().name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), cells, missing, EvidenceLabels.interval(c.periodStart(), c.periodEnd()));
    }

    static String status(Coverage.Status status) {
        return switch (status) {
            case COMPLETE -> "Complete so far";
            case GAPS -> "Gaps";
            case NOT_STARTED -> "Nothing due yet";
            case PER_EVENT -> "Per event";
            case NOT_APPLICABLE -> "Not applicable";
        };
    }

    static String cssState(State state) {
        return switch (state) {
            case EVIDENCED -> "evidenced";
            case MISSING -> "missing";
            case NOT_DUE -> "not-due";
        };
    }

    static String label(ControlFrequency frequency, Occurrence o) {
        String what = switch (o.state()) {
            case EVIDENCED -> "evidenced" + (o.evidenceIds().isEmpty() ? "" : " by " + o.evidenceIds().size()
                    + (o.evidenceIds().size() == 1 ? " item" : " items"));
            case MISSING -> "missing evidence";
            case NOT_DUE -> "not due yet";
        };
        String name = frequency == ControlFrequency.CONTINUOUS ? "Days " : occurrenceName(frequency) + " " + o.number() + ", ";
        return name + EvidenceLabels.interval(o.from(), o.to()) + ": " + what;
    }

    static String occurrenceName(ControlFrequency frequency) {
        return switch (frequency) {
            case DAILY -> "Day";
            case WEEKLY -> "Week";
            case MONTHLY -> "Month";
            case QUARTERLY -> "Quarter";
            case ANNUAL -> "Year";
            default -> "Occurrence";
        };
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
