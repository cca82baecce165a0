package dev.evident.catalog;

import java.util.Locale;

/**
 * Who performs a control. It matters for testing: an automated control may be tested once when the
 * general IT controls around it are effective, a manual one is sampled.
 */
public enum ControlNature {
    AUTOMATED, MANUAL, HYBRID;

    /** The spelling used in YAML and the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
