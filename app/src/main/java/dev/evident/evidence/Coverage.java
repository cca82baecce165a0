package dev.evident.evidence;

import dev.evident.catalog.ControlFrequency;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * How well a control's evidence covers a program's period: the "film" of a Type II report. The
 * control's frequency divides the period into occurrences (a quarterly control in a 12-month period
 * has 4, a weekly one 52); each occurrence is evidenced, missing, or not due yet. A continuous
 * control needs an unbroken record: its occurrences are the covered and uncovered stretches of days.
 *
 * @param periodStart    first day of the Type II period, or of the single window of a Type I program
 * @param periodEnd      last day of that period or window
 * @param asOf           the day the coverage was computed for (today); due-ness depends on it
 * @param expected       occurrences in the whole period (days, for a continuous control)
 * @param due            occurrences whose window has ended by {@code asOf} (days elapsed, for continuous)
 * @param evidenced      due occurrences that have evidence (covered days elapsed, for continuous)
 * @param occurrences    every occurrence window of the period in order, due or not (for continuous controls, the
 *                       stretches of covered, missing and not-yet-due days); empty when not applicable
 * @param missing        the date ranges of due occurrences without evidence, oldest first, adjacent ones merged
 * @param stale          the most recent due occurrence has no evidence: the owner should act
 * @param summary        one sentence for people ("3 of 4 quarters evidenced; missing 2027-04-01 to 2027-06-30")
 */
public record Coverage(UUID controlId, String ref, ControlFrequency frequency, UUID programId, LocalDate periodStart,
                       LocalDate periodEnd, LocalDate asOf, Status status, int expected, int due, int evidenced,
                       List<Occurrence> occurrences, List<Range> missing, boolean stale, String summary) {

    public Coverage {
        occurrences = List.copyOf(occurrences);
        missing = List.copyOf(missing);
    }

    /**
     * Whether the control's evidence keeps up with the period so far: every due occurrence is
     * evidenced (and at least one is due), or, for a per-event control, evidence of at least one event
     * exists. This decides the Evidenced status and the Type II verdict.
     */
    public boolean covered() {
        return status == Status.COMPLETE || status == Status.PER_EVENT && evidenced > 0;
    }

    public enum Status {
        /** Every due occurrence has evidence (and at least one is due). */
        COMPLETE,
        /** Some due occurrence has no evidence. */
        GAPS,
        /** The period has not started, or no occurrence is due yet. */
        NOT_STARTED,
        /** Per-event controls: the expected count depends on how many events happened (the audit's population). */
        PER_EVENT,
        /** The control is marked not applicable. */
        NOT_APPLICABLE
    }

    public enum State {
        EVIDENCED, MISSING, NOT_DUE
    }

    /**
     * One occurrence window (or, for continuous controls, one stretch of days) and the evidence that
     * covers it.
     */
    public record Occurrence(int number, LocalDate from, LocalDate to, State state, List<UUID> evidenceIds) {
        public Occurrence {
            evidenceIds = List.copyOf(evidenceIds);
        }
    }

    public record Range(LocalDate from, LocalDate to) {
    }
}
