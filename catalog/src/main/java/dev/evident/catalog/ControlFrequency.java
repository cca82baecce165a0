package dev.evident.catalog;

import java.util.Locale;

/** How often a control operates; it decides the auditor's population and sample size. */
public enum ControlFrequency {
    CONTINUOUS, DAILY, WEEKLY, MONTHLY, QUARTERLY, ANNUAL,
    /** Triggered by something happening (a hire, a termination, a change) rather than by the calendar. */
    PER_EVENT;

    /** The spelling used in YAML and the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
