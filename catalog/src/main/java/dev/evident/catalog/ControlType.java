package dev.evident.catalog;

import java.util.Locale;

/** What a control does about a risk: stops it, notices it, or repairs the damage. */
public enum ControlType {
    PREVENTIVE, DETECTIVE, CORRECTIVE;

    /** The spelling used in YAML and the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
