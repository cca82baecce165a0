package dev.evident.connectors.google;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.testkit.ConnectorContractTest;

import java.util.Map;

class GoogleWorkspaceConnectorContractTest extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new GoogleWorkspaceConnectorFactory();
    }

    @Override
    protected Map<String, String> validConfig() {
        return Map.of("serviceAccountKey", GoogleTestSupport.serviceAccountJson(), "adminEmail", "it-admin@acme.example");
    }
}
