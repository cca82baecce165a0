package dev.evident.readiness.internal.ui;

import dev.evident.readiness.Readiness;
import dev.evident.readiness.internal.ReadinessSnapshots.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readiness over time as the geometry of an inline SVG chart, drawn on the server: no chart
 * library, no script, nothing the Content-Security-Policy would block. The score only changes when
 * something changes, so the line is a step line that holds each value until the next point and
 * runs on to now.
 *
 * @param line        the path of the score line
 * @param area        the same path closed along the baseline, shaded below the line
 * @param points      the recorded points, as dots
 * @param xTicks      labels along the time axis
 * @param yTicks      gridlines at 0, 25, 50, 75 and 100 %
 * @param description one sentence for screen readers (the SVG's desc)
 * @param rows        the data, newest first, for the visually hidden table
 */
record ReadinessChart(String line, String area, List<Dot> points, List<Tick> xTicks, List<Tick> yTicks,
                      String description, List<Row> rows) {

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int RIGHT = WIDTH - 16;
    static final int TOP = 14;
    static final int BOTTOM = HEIGHT - 30;
    /** Beyond this many points the dots would only clutter the line. */
    static final int MAX_DOTS = 60;

    record Dot(double x, double y, String label) {
    }

    record Tick(double position, String label) {
    }

    record Row(String when, String score, String criteriaMet, String controlsReady) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public boolean empty() {
        return points.isEmpty();
    }

    /** The plot area, for the template's axes. */
    public int left() {
        return LEFT;
    }

    public int right() {
        return RIGHT;
    }

    public int bottom() {
        return BOTTOM;
    }

    static ReadinessChart of(List<Snapshot> history, Instant now, ReadinessLabels labels) {
        List<Tick> yTicks = new ArrayList<>();
        for (int p = 0; p <= 100; p += 25) {
            yTicks.add(new Tick(y(p * 100), p + " %"));
        }
        if (history.isEmpty()) {
            return new ReadinessChart("", "", List.of(), List.of(), yTicks, "No readiness has been recorded yet.", List.of());
        }
        Instant start = history.get(0).takenAt();
        Instant end = now.isAfter(start.plusSeconds(60)) ? now : start.plusSeconds(60);
        double span = Duration.between(start, end).toMillis();
        StringBuilder line = new StringBuilder();
        List<Dot> dots = new ArrayList<>();
        for (Snapshot s : history) {
            double x = LEFT + Duration.between(start, s.takenAt()).toMillis() / span * (RIGHT - LEFT);
            double y = y(s.basisPoints());
            line.append(line.length() == 0 ? "M" + fmt(x) + " " + fmt(y) : " H" + fmt(x) + " V" + fmt(y));
            dots.add(new Dot(x, y, labels.percent(Readiness.Score.percent(s.basisPoints())) + " on " + DAY_YEAR.format(s.takenAt())));
        }
        line.append(" H").append(RIGHT);
        String area = line + " V" + BOTTOM + " H" + LEFT + " Z";
        List<Tick> xTicks = List.of(new Tick(LEFT, DAY.format(start)), new Tick(RIGHT, "Now"));
        Snapshot first = history.get(0);
        Snapshot last = history.get(history.size() - 1);
        String description = history.size() == 1
                ? "One recorded value: " + labels.percent(Readiness.Score.percent(first.basisPoints())) + " since "
                  + DAY_YEAR.format(first.takenAt()) + "."
                : "From " + labels.percent(Readiness.Score.percent(first.basisPoints())) + " on " + DAY_YEAR.format(first.takenAt())
                  + " to " + labels.percent(Readiness.Score.percent(last.basisPoints())) + " on " + DAY_YEAR.format(last.takenAt())
                  + ", over " + history.size() + " recorded changes.";
        List<Row> rows = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            Snapshot s = history.get(i);
            rows.add(new Row(WHEN.format(s.takenAt()), labels.percent(Readiness.Score.percent(s.basisPoints())),
                    s.met() + " of " + s.criteria(), s.readyControls() + " of " + s.controls()));
        }
        return new ReadinessChart(line.toString(), area, dots.size() > MAX_DOTS ? List.of(dots.get(dots.size() - 1)) : dots,
                xTicks, yTicks, description, rows);
    }

    /** Basis points (0 to 10000) to the chart's y coordinate. */
    private static double y(int basisPoints) {
        return BOTTOM - basisPoints / 10_000.0 * (BOTTOM - TOP);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
