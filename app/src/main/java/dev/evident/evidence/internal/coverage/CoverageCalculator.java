package dev.evident.evidence.internal.coverage;

import dev.evident.catalog.ControlFrequency;
import dev.evident.control.Control;
import dev.evident.evidence.Coverage;
import dev.evident.evidence.Coverage.Occurrence;
import dev.evident.evidence.Coverage.Range;
import dev.evident.evidence.Coverage.State;
import dev.evident.evidence.Coverage.Status;
import dev.evident.evidence.EvidenceItem;
import dev.evident.program.Program;
import dev.evident.program.ReportType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Period coverage of one control by its evidence: pure calculation, no I/O. The rules (also in
 * docs/readiness.md):
 * <ul>
 *   <li><b>Windows.</b> A Type II period is divided into occurrence windows anchored at the period
 *   start: days, weeks of 7 days, months, quarters of 3 months, or one year. With a period starting on
 *   the first of a month, monthly windows are calendar months (quarterly ones are calendar quarters
 *   when it starts in January, April, July or October). Month arithmetic is from the period start, so
 *   windows never drift (a period starting on 31 January has a window starting on 28 or 29 February).
 *   A trailing window shorter than half a unit is merged into the one before (a year of 365 or 366
 *   days has 52 weekly windows, the last of 8 or 9 days); a period shorter than one unit is one window.</li>
 *   <li><b>Evidenced.</b> A window is evidenced when a current (not superseded, not removed) item
 *   linked to the control has an effective interval overlapping it; a point-in-time item inside
 *   the window counts, and one item whose interval spans several windows evidences each of them.</li>
 *   <li><b>Due.</b> A window is due once it has ended (its last day is before today), or while it
 *   contains today and already has evidence. Windows not due are neither evidenced nor missing.</li>
 *   <li><b>Continuous</b> controls need an unbroken record: every day is an occurrence, and the
 *   occurrences reported are the stretches of covered, missing and not-yet-due days.</li>
 *   <li><b>Per event</b> controls (hires, terminations, changes) have no calendar: their expected count is
 *   the population of events, which the auditor samples. Evident shows them by month: a month with
 *   evidence of some event is evidenced, a due month without is listed as missing ("no event
 *   recorded"), but the status is {@link Status#PER_EVENT} and the coverage is never stale, since a month
 *   without events is legitimate. Such a control keeps up ({@link Coverage#covered()}) once evidence
 *   of at least one event exists in the period.</li>
 *   <li><b>Type I</b> programs are about the as-of date: there is one occurrence, the frequency's
 *   window ending on the as-of date (the quarter up to it, the week up to it, the as-of day itself for
 *   daily and continuous controls, the year up to it for annual and per-event ones).</li>
 *   <li><b>Stale</b>: the most recent due occurrence has no evidence.</li>
 * </ul>
 */
public final class CoverageCalculator {

    /** Ranges named in a summary before "and N more". */
    private static final int SUMMARY_RANGES = 3;

    private CoverageCalculator() {
    }

    /**
     * The days whose evidence can matter for a program: the Type II period, or the year up to a Type
     * I program's as-of date (every control's single window lies within it).
     */
    public static Range span(Program program) {
        if (program.reportType() == ReportType.TYPE_2) {
            return new Range(program.periodStart(), program.periodEnd());
        }
        return new Range(program.asOfDate().minusYears(1).plusDays(1), program.asOfDate());
    }

    /**
     * @param evidence items of the organization; only current items linked to the control count
     * @param today    the day coverage is computed for (due-ness depends on it)
     */
    public static Coverage compute(Control control, Program program, List<EvidenceItem> evidence, LocalDate today) {
        ControlFrequency frequency = control.frequency();
        boolean typeOne = program.reportType() == ReportType.TYPE_1;
        List<Range> windows = typeOne ? List.of(typeOneWindow(frequency, program.asOfDate())) : windows(frequency,
                program.periodStart(), program.periodEnd());
        LocalDate start = windows.get(0).from();
        LocalDate end = windows.get(windows.size() - 1).to();
        if (!control.applicable()) {
            String why = control.notApplicableReason() == null || control.notApplicableReason().isBlank()
                    ? "" : ": " + control.notApplicableReason();
            return new Coverage(control.id(), control.ref(), frequency, program.id(), start, end, today,
                    Status.NOT_APPLICABLE, 0, 0, 0, List.of(), List.of(), false, "Not applicable" + why);
        }
        List<EvidenceItem> items = evidence.stream().filter(i -> i.current() && i.linkedTo(control.id()))
                .sorted(Comparator.comparing(EvidenceItem::effectiveFrom).thenComparing(EvidenceItem::effectiveTo)
                        .thenComparing(EvidenceItem::id))
                .toList();
        if (frequency == ControlFrequency.CONTINUOUS && !typeOne) {
            return continuous(control, program, items, start, end, today);
        }
        List<Occurrence> occurrences = new ArrayList<>();
        int due = 0;
        int evidenced = 0;
        for (Range w : windows) {
            List<java.util.UUID> ids = overlapping(items, w.from(), w.to());
            State state;
            if (w.to().isBefore(today)) {
                state = ids.isEmpty() ? State.MISSING : State.EVIDENCED;
            } else if (!w.from().isAfter(today) && !ids.isEmpty()) {
                state = State.EVIDENCED;
            } else {
                state = State.NOT_DUE;
            }
            due += state == State.NOT_DUE ? 0 : 1;
            evidenced += state == State.EVIDENCED ? 1 : 0;
            occurrences.add(new Occurrence(occurrences.size() + 1, w.from(), w.to(), state, ids));
        }
        List<Range> missing = missing(occurrences);
        boolean perEvent = frequency == ControlFrequency.PER_EVENT;
        boolean stale = !perEvent && lastDueMissing(occurrences);
        Status status = perEvent ? Status.PER_EVENT : due == 0 ? Status.NOT_STARTED
                : evidenced == due ? Status.COMPLETE : Status.GAPS;
        String summary = typeOne ? typeOneSummary(frequency, program, occurrences.get(0), today)
                : summary(frequency, status, windows.size(), due, evidenced, missing, start, windows.get(0).to(), today);
        return new Coverage(control.id(), control.ref(), frequency, program.id(), start, end, today, status,
                windows.size(), due, evidenced, occurrences, missing, stale, summary);
    }

    /** Occurrence windows of a Type II period (see the class comment). */
    static List<Range> windows(ControlFrequency frequency, LocalDate start, LocalDate end) {
        List<Range> windows = new ArrayList<>();
        for (int k = 0; ; k++) {
            LocalDate from = boundary(frequency, start, k);
            if (from.isAfter(end)) {
                break;
            }
            LocalDate next = boundary(frequency, start, k + 1);
            LocalDate to = next.minusDays(1);
            if (to.isAfter(end)) {
                long length = ChronoUnit.DAYS.between(from, end) + 1;
                long full = ChronoUnit.DAYS.between(from, next);
                if (!windows.isEmpty() && length * 2 < full) {
                    Range previous = windows.remove(windows.size() - 1);
                    windows.add(new Range(previous.from(), end));
                } else {
                    windows.add(new Range(from, end));
                }
                break;
            }
            windows.add(new Range(from, to));
        }
        return windows;
    }

    private static LocalDate boundary(ControlFrequency frequency, LocalDate start, int k) {
        return switch (frequency) {
            case CONTINUOUS, DAILY -> start.plusDays(k);
            case WEEKLY -> start.plusWeeks(k);
            case MONTHLY, PER_EVENT -> start.plusMonths(k);
            case QUARTERLY -> start.plusMonths(3L * k);
            case ANNUAL -> start.plusYears(k);
        };
    }

    /** The single window of a Type I program: the frequency's window ending on the as-of date. */
    static Range typeOneWindow(ControlFrequency frequency, LocalDate asOf) {
        LocalDate from = switch (frequency) {
            case CONTINUOUS, DAILY -> asOf;
            case WEEKLY -> asOf.minusWeeks(1).plusDays(1);
            case MONTHLY -> asOf.minusMonths(1).plusDays(1);
            case QUARTERLY -> asOf.minusMonths(3).plusDays(1);
            case ANNUAL, PER_EVENT -> asOf.minusYears(1).plusDays(1);
        };
        return new Range(from, asOf);
    }

    private static Coverage continuous(Control control, Program program, List<EvidenceItem> items, LocalDate start,
                                       LocalDate end, LocalDate today) {
        int days = (int) ChronoUnit.DAYS.between(start, end) + 1;
        boolean[] covered = new boolean[days];
        for (EvidenceItem item : items) {
            LocalDate from = item.effectiveFrom().isBefore(start) ? start : item.effectiveFrom();
            LocalDate to = item.effectiveTo().isAfter(end) ? end : item.effectiveTo();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                covered[(int) ChronoUnit.DAYS.between(start, d)] = true;
            }
        }
        List<Occurrence> stretches = new ArrayList<>();
        int due = 0;
        int evidenced = 0;
        State runState = null;
        LocalDate runFrom = null;
        for (int i = 0; i < days; i++) {
            LocalDate day = start.plusDays(i);
            State state = day.isBefore(today) ? (covered[i] ? State.EVIDENCED : State.MISSING)
                    : day.isEqual(today) && covered[i] ? State.EVIDENCED : State.NOT_DUE;
            due += state == State.NOT_DUE ? 0 : 1;
            evidenced += state == State.EVIDENCED ? 1 : 0;
            if (state != runState) {
                if (runState != null) {
                    stretches.add(stretch(stretches.size() + 1, runFrom, day.minusDays(1), runState, items));
                }
                runState = state;
                runFrom = day;
            }
        }
        stretches.add(stretch(stretches.size() + 1, runFrom, end, runState, items));
        List<Range> missing = missing(stretches);
        Status status = due == 0 ? Status.NOT_STARTED : evidenced == due ? Status.COMPLETE : Status.GAPS;
        String summary;
        if (status == Status.NOT_STARTED) {
            summary = today.isBefore(start) ? "The period starts on " + start + "; this continuous control needs an "
                    + "unbroken record of its " + days + " days." : "No day of the period is due yet (" + days + " days).";
        } else {
            summary = evidenced + " of " + due + " days so far covered by evidence (" + days + " days in the period)"
                    + missingText(missing);
        }
        return new Coverage(control.id(), control.ref(), ControlFrequency.CONTINUOUS, program.id(), start, end, today,
                status, days, due, evidenced, stretches, missing, lastDueMissing(stretches), summary);
    }

    private static Occurrence stretch(int number, LocalDate from, LocalDate to, State state, List<EvidenceItem> items) {
        return new Occurrence(number, from, to, state, state == State.MISSING ? List.of() : overlapping(items, from, to));
    }

    private static List<java.util.UUID> overlapping(List<EvidenceItem> items, LocalDate from, LocalDate to) {
        List<java.util.UUID> ids = new ArrayList<>();
        for (EvidenceItem item : items) {
            if (!item.effectiveTo().isBefore(from) && !item.effectiveFrom().isAfter(to)) {
                ids.add(item.id());
            }
        }
        return ids;
    }

    /** Missing occurrences as date ranges, adjacent ones merged. */
    static List<Range> missing(List<Occurrence> occurrences) {
        List<Range> ranges = new ArrayList<>();
        for (Occurrence o : occurrences) {
            if (o.state() != State.MISSING) {
                continue;
            }
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1).to().plusDays(1).equals(o.from())) {
                Range last = ranges.remove(ranges.size() - 1);
                ranges.add(new Range(last.from(), o.to()));
            } else {
                ranges.add(new Range(o.from(), o.to()));
            }
        }
        return ranges;
    }

    private static boolean lastDueMissing(List<Occurrence> occurrences) {
        for (int i = occurrences.size() - 1; i >= 0; i--) {
            if (occurrences.get(i).state() != State.NOT_DUE) {
                return occurrences.get(i).state() == State.MISSING;
            }
        }
        return false;
    }

    /** "quarter" / "quarters" and friends. */
    public static String unit(ControlFrequency frequency, int count) {
        String one = switch (frequency) {
            case CONTINUOUS, DAILY -> "day";
            case WEEKLY -> "week";
            case MONTHLY, PER_EVENT -> "month";
            case QUARTERLY -> "quarter";
            case ANNUAL -> "year";
        };
        return count == 1 ? one : one + "s";
    }

    private static String summary(ControlFrequency frequency, Status status, int expected, int due, int evidenced,
                                  List<Range> missing, LocalDate start, LocalDate firstEnd, LocalDate today) {
        if (status == Status.PER_EVENT) {
            if (due == 0) {
                return "Per-event control: no month of the period is due yet; the auditor samples from the events "
                        + "that happen.";
            }
            String none = missing.isEmpty() ? "" : "; no event recorded in " + rangesText(missing);
            return "Per-event control: evidence of events in " + evidenced + " of " + due + " " + unit(frequency, due)
                    + " so far; the auditor samples from the events that happened" + none + ".";
        }
        if (status == Status.NOT_STARTED) {
            String what = expected + " " + unit(frequency, expected) + " expected in the period";
            return today.isBefore(start) ? "The period starts on " + start + "; " + what + ", the first ends on "
                    + firstEnd + "." : "No " + unit(frequency, 1) + " is due yet (" + what + "; the first ends on "
                    + firstEnd + ").";
        }
        return evidenced + " of " + due + " due " + unit(frequency, due) + " evidenced (" + expected + " in the period)"
                + missingText(missing);
    }

    private static String typeOneSummary(ControlFrequency frequency, Program program, Occurrence only, LocalDate today) {
        String window = frequency == ControlFrequency.DAILY || frequency == ControlFrequency.CONTINUOUS
                ? "the as-of date " + program.asOfDate()
                : "the " + unit(frequency, 1) + " up to the as-of date (" + only.from() + " to " + only.to() + ")";
        return switch (only.state()) {
            case EVIDENCED -> "Evidence covers " + window + ".";
            case MISSING -> "No evidence for " + window + ".";
            case NOT_DUE -> "Not due yet: " + window + " has not ended (today is " + today + ").";
        };
    }

    private static String missingText(List<Range> missing) {
        return missing.isEmpty() ? "." : "; missing " + rangesText(missing) + ".";
    }

    static String rangesText(List<Range> ranges) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(SUMMARY_RANGES, ranges.size()); i++) {
            Range r = ranges.get(i);
            text.append(i == 0 ? "" : ", ").append(r.from().equals(r.to()) ? r.from().toString() : r.from() + " to " + r.to());
        }
        if (ranges.size() > SUMMARY_RANGES) {
            text.append(" and ").append(ranges.size() - SUMMARY_RANGES).append(" more");
        }
        return text.toString();
    }
}
