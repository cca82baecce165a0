package dev.evident.monitoring.internal;

/**
 * The result of a check for one resource. {@link #EXCEPTED} is a failure someone accepted with a
 * still-valid exception; it is stored as an outcome of its own so history shows when a failure was
 * tolerated, and it turns back into {@link #FAIL} when the exception expires or is revoked.
 */
public enum Outcome {
    PASS, FAIL, ERROR, EXCEPTED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Outcome of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
