package dev.evident.connectors;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.ConnectorRegistry;
import dev.evident.connectors.aws.AwsConnectorFactory;
import dev.evident.connectors.github.GitHubConnectorFactory;
import dev.evident.connectors.google.GoogleWorkspaceConnectorFactory;
import dev.evident.connectors.hrroster.HrRosterConnectorFactory;
import dev.evident.connectors.okta.OktaConnectorFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorsDiscoveryTest {

    @Test
    void serviceLoaderFindsEveryBuiltInConnector() {
        ConnectorRegistry registry = ConnectorRegistry.discover(getClass().getClassLoader());

        assertThat(registry.factories()).extracting(ConnectorFactory::name).contains("github", "hr-roster", "okta", "google-workspace", "aws");
        assertThat(registry.find("github")).get().isInstanceOf(GitHubConnectorFactory.class);
        assertThat(registry.find("hr-roster")).get().isInstanceOf(HrRosterConnectorFactory.class);
        assertThat(registry.find("okta")).get().isInstanceOf(OktaConnectorFactory.class);
        assertThat(registry.find("google-workspace")).get().isInstanceOf(GoogleWorkspaceConnectorFactory.class);
        assertThat(registry.find("aws")).get().isInstanceOf(AwsConnectorFactory.class);
    }
}
