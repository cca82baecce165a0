package dev.evident.connectors.github;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.testkit.ConnectorContractTest;

import java.util.Map;

class GitHubConnectorContractTest extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new GitHubConnectorFactory();
    }

    @Override
    protected Map<String, String> validConfig() {
        return Map.of("organization", "acme", "authMode", "token", "token", "ghp_contractTestDummyToken");
    }
}
