package dev.evident.connectors.google;

import dev.evident.connector.Collector;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.Testable;

import java.time.Clock;
import java.util.List;

/** One configured Google Workspace account. */
final class GoogleWorkspaceConnector implements Connector, Testable {

    private final GoogleApi api;
    private final String customerId;
    private final boolean readSuspensionTimes;
    private final Clock clock;

    GoogleWorkspaceConnector(GoogleApi api, String customerId, boolean readSuspensionTimes, Clock clock) {
        this.api = api;
        this.customerId = customerId;
        this.readSuspensionTimes = readSuspensionTimes;
        this.clock = clock;
    }

    @Override
    public List<Collector> collectors() {
        return List.of(new GoogleUserCollector(api, customerId, readSuspensionTimes));
    }

    @Override
    public ConnectionTestResult testConnection() {
        return new GoogleConnectionTest(api, customerId, readSuspensionTimes, clock).run();
    }
}
