package dev.evident.connector.sample;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.testkit.ConnectorContractTest;

import java.util.Map;

class SampleConnectorContractTest extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new SampleConnectorFactory();
    }

    @Override
    protected Map<String, String> validConfig() {
        return Map.of("baseUrl", "https://api.example.com", "apiToken", "valid-s3cr3t-token");
    }
}
