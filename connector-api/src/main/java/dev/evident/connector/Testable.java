package dev.evident.connector;

/**
 * Optional capability of a {@link Connector}: check the configuration against the real system
 * before saving it ("Test connection" in the UI). Kept separate because not every source can be
 * probed.
 */
public interface Testable {

    /** Runs the checks and reports each; should not throw for expected failures like bad credentials. */
    ConnectionTestResult testConnection();

    /**
     * Like {@link #testConnection()}, with the context a collection would get, so a connector fed by
     * an uploaded document (an HR roster) can test that document. Applications call this variant;
     * connectors that only talk to a remote system need not override it.
     */
    default ConnectionTestResult testConnection(CollectionContext ctx) {
        return testConnection();
    }
}
