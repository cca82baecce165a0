package dev.evident.connector;

/**
 * Optional capability of a {@link Connector}: check the configuration against the real system
 * before saving it ("Test connection" in the UI). Kept separate because not every source can be
 * probed (an uploaded HR roster, for example).
 */
public interface Testable {

    /** Runs the checks and reports each; should not throw for expected failures like bad credentials. */
    ConnectionTestResult testConnection();
}
