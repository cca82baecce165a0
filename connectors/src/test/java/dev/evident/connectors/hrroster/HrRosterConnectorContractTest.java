package dev.evident.connectors.hrroster;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.testkit.ConnectorContractTest;

import java.util.Map;

class HrRosterConnectorContractTest extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new HrRosterConnectorFactory();
    }

    @Override
    protected Map<String, String> validConfig() {
        return Map.of("roster", "document-7f3a");
    }
}
