package dev.evident.catalog;

import java.util.Locale;

/** The ways an auditor tests a control, from weakest to strongest evidence. */
public enum TestMethod {
    INQUIRY, OBSERVATION, INSPECTION, REPERFORMANCE;

    /** The spelling used in YAML and the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
