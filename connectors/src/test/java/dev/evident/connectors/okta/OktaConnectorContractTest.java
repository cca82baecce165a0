package dev.evident.connectors.okta;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.testkit.ConnectorContractTest;

import java.util.Map;

class OktaConnectorContractTest extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new OktaConnectorFactory();
    }

    @Override
    protected Map<String, String> validConfig() {
        return Map.of("orgUrl", "https://acme.okta.com", "apiToken", "00contractTestDummyToken");
    }
}
