package dev.evident.control;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a control is in its lifecycle. People move a control between Defined and Implemented and
 * may always move it back down; Evident itself moves it up to Evidenced (evidence covers the
 * period) and Tested (the audit test passed), and back when that stops being true.
 */
public enum ControlStatus {
    /** Written down: a policy or procedure says what is done, by whom, how often. */
    DEFINED("Defined"),
    /** Operating in practice, as of today. */
    IMPLEMENTED("Implemented"),
    /** Evidence covers the occurrences expected so far in the period. Set by Evident. */
    EVIDENCED("Evidenced"),
    /** Tested by the auditor without exceptions. Set by Evident. */
    TESTED("Tested");

    /** Who asks for a change: a person (UI, API) or Evident itself (evidence coverage, audit results). */
    public enum Mover {
        PERSON, SYSTEM
    }

    private static final Map<ControlStatus, Set<ControlStatus>> BY_PEOPLE = Map.of(
            DEFINED, EnumSet.of(IMPLEMENTED),
            IMPLEMENTED, EnumSet.of(DEFINED),
            EVIDENCED, EnumSet.of(IMPLEMENTED, DEFINED),
            TESTED, EnumSet.of(EVIDENCED, IMPLEMENTED, DEFINED));

    private static final Map<ControlStatus, Set<ControlStatus>> BY_SYSTEM = Map.of(
            DEFINED, EnumSet.noneOf(ControlStatus.class),
            IMPLEMENTED, EnumSet.of(EVIDENCED),
            EVIDENCED, EnumSet.of(TESTED, IMPLEMENTED),
            TESTED, EnumSet.of(EVIDENCED, IMPLEMENTED));

    private final String label;

    ControlStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the control is at least implemented: what a Type I (design) readiness needs. */
    public boolean isImplemented() {
        return this != DEFINED;
    }

    public boolean canMoveTo(ControlStatus target, Mover mover) {
        if (target == this) {
            return true;
        }
        return (mover == Mover.PERSON ? BY_PEOPLE : BY_SYSTEM).get(this).contains(target);
    }

    /** The statuses a person may choose from here (including staying put). */
    public Set<ControlStatus> choicesForPeople() {
        Set<ControlStatus> choices = EnumSet.of(this);
        choices.addAll(BY_PEOPLE.get(this));
        return choices;
    }
}
