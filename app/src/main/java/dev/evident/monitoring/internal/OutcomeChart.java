package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.ResultIntervals.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A check's outcomes over time as a stacked bar per UTC day, drawn as inline SVG by the page: each bar
 * counts the resources by the outcome they had at the end of the day (now, for today). Built from the
 * result intervals alone, so a year of history costs one query.
 */
final class OutcomeChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 180;
    static final int TOP = 10;
    static final int BOTTOM = 24;
    static final int LEFT = 34;
    static final int RIGHT = 18;
    /** Stacking order, bottom first; also the table's column order. */
    static final List<Outcome> ORDER = List.of(Outcome.PASS, Outcome.EXCEPTED, Outcome.FAIL, Outcome.ERROR);

    /** One day: the resources per outcome at its end. */
    record Day(LocalDate date, Map<Outcome, Integer> counts) {

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int count(String outcome) {
            return counts.getOrDefault(Outcome.of(outcome), 0);
        }
    }

    /** One rectangle of a bar, with the text its tooltip shows. */
    record Segment(double x, double y, double width, double height, String outcome, String title) {
    }

    /** A horizontal grid line with its label. */
    record Tick(double y, int value) {
    }

    /** A date label under the axis. */
    record Label(double x, String text) {
    }

    record Chart(List<Day> days, List<Segment> segments, List<Tick> ticks, List<Label> labels, int max, int width,
                 int height, boolean empty) {
    }

    private OutcomeChart() {
    }

    /**
     * The days ending with the day of {@code now}, {@code count} of them, from intervals overlapping that
     * period: each interval adds one to every day whose end it covers (one pass over the intervals).
     */
    static List<Day> days(List<Interval> intervals, Instant now, int count) {
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(count - 1L);
        Instant[] ends = new Instant[count];
        for (int d = 0; d < count; d++) {
            Instant end = first.plusDays(d + 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
            ends[d] = end.isAfter(now) ? now : end.minusNanos(1000);
        }
        Map<Outcome, int[]> changes = new EnumMap<>(Outcome.class);
        for (Interval i : intervals) {
            int from = firstAtOrAfter(ends, i.from());
            int to = i.to() == null ? count : firstAtOrAfter(ends, i.to());
            if (from < to) {
                int[] diff = changes.computeIfAbsent(i.outcome(), o -> new int[count + 1]);
                diff[from]++;
                diff[to]--;
            }
        }
        List<Day> days = new ArrayList<>();
        Map<Outcome, Integer> running = new EnumMap<>(Outcome.class);
        for (int d = 0; d < count; d++) {
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            for (Map.Entry<Outcome, int[]> e : changes.entrySet()) {
                int n = running.merge(e.getKey(), e.getValue()[d], Integer::sum);
                if (n > 0) {
                    counts.put(e.getKey(), n);
                }
            }
            days.add(new Day(first.plusDays(d), counts));
        }
        return days;
    }

    /** The index of the first day end at or after {@code at} (an interval [from, to) covers the ends in between). */
    private static int firstAtOrAfter(Instant[] ends, Instant at) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid].isBefore(at)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static Chart chart(List<Day> days) {
        int max = Math.max(1, days.stream().mapToInt(Day::total).max().orElse(0));
        int step = niceStep(max);
        int top = ((max + step - 1) / step) * step;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, days.size());
        double barWidth = Math.max(1, slot * 0.8);
        List<Segment> segments = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int labelEvery = Math.max(1, days.size() / 6);
        for (int i = 0; i < days.size(); i++) {
            Day day = days.get(i);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double base = TOP + plotHeight;
            for (Outcome o : ORDER) {
                int n = day.counts().getOrDefault(o, 0);
                if (n == 0) {
                    continue;
                }
                double h = plotHeight * n / top;
                base -= h;
                segments.add(new Segment(round(x), round(base), round(barWidth), round(h), o.id(),
                        day.date() + ": " + n + " " + o.id()));
            }
            if ((days.size() - 1 - i) % labelEvery == 0) {
                labels.add(new Label(round(x + barWidth / 2), day.date().toString().substring(5)));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int v = 0; v <= top; v += step) {
            ticks.add(new Tick(round(TOP + plotHeight - plotHeight * v / top), v));
        }
        boolean empty = days.stream().allMatch(d -> d.total() == 0);
        return new Chart(days, segments, ticks, labels, top, WIDTH, HEIGHT, empty);
    }

    /** 1, 2 or 5 times a power of ten, so that about four grid lines cover {@code max}. */
    static int niceStep(int max) {
        int raw = Math.max(1, (int) Math.ceil(max / 4.0));
        int magnitude = 1;
        while (magnitude * 10 <= raw) {
            magnitude *= 10;
        }
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
