package dev.evident.connectors.okta;

import dev.evident.connector.Collector;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.Testable;

import java.util.List;

/** One configured Okta org. */
final class OktaConnector implements Connector, Testable {

    private final OktaApi api;

    OktaConnector(OktaApi api) {
        this.api = api;
    }

    @Override
    public List<Collector> collectors() {
        return List.of(
                new OktaUserCollector(api),
                OktaPolicyCollector.passwordPolicies(api),
                OktaPolicyCollector.mfaEnrollmentPolicies(api));
    }

    @Override
    public ConnectionTestResult testConnection() {
        return new OktaConnectionTest(api).run();
    }
}
