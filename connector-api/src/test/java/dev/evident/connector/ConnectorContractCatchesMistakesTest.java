package dev.evident.connector;

import dev.evident.connector.sample.SampleConnectorFactory;
import dev.evident.connector.testkit.ConnectorContractTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * A contract that passes everything is worthless: run it against broken connectors and check it
 * fails the right tests. The broken connectors are nested classes, which the build's own test run
 * skips, so they only run here.
 */
class ConnectorContractCatchesMistakesTest {

    @Test
    void sloppyConnectorFailsTheMatchingContractChecks() {
        TestExecutionSummary summary = runContract(SloppyContract.class);

        assertThat(failedTests(summary)).containsExactlyInAnyOrder(
                "nameIsAStableSlug()",
                "displayNameAndDescriptionAreFilledIn()",
                "isRegisteredForServiceLoader()",
                "secretsAreFlaggedWithTheSecretType()",
                "createWithMissingRequiredSettingFailsNamingIt()",
                "collectorsDeclareANonBlankResourceType()");
    }

    @Test
    void sampleConnectorPassesEveryCheck() {
        TestExecutionSummary summary = runContract(SampleContract.class);

        assertThat(failedTests(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(9);
    }

    private static TestExecutionSummary runContract(Class<?> contract) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(contract)).build(), listener);
        return listener.getSummary();
    }

    private static List<String> failedTests(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName()).toList();
    }

    static class SampleContract extends ConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return new SampleConnectorFactory();
        }

        @Override
        protected Map<String, String> validConfig() {
            return Map.of("baseUrl", "https://api.example.com", "apiToken", "valid-token");
        }
    }

    static class SloppyContract extends ConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return new SloppyFactory();
        }

        @Override
        protected Map<String, String> validConfig() {
            return Map.of("host", "example.com", "apiToken", "t");
        }
    }

    /** Everything a hurried connector author might get wrong, and not listed in META-INF/services. */
    static class SloppyFactory implements ConnectorFactory {
        @Override
        public String name() {
            return "Sloppy Connector";
        }

        @Override
        public String displayName() {
            return "";
        }

        @Override
        public String description() {
            return null;
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.of(
                    ConfigField.text("host", "Host").asRequired(),
                    ConfigField.text("apiToken", "API token").asRequired());
        }

        @Override
        public Connector create(ConnectorConfig config) {
            // Ignores missing settings and declares a collector without a resource type.
            return () -> List.of(new Collector() {
                @Override
                public String resourceType() {
                    return " ";
                }

                @Override
                public Iterator<CollectedResource> collect(CollectionContext ctx) {
                    return Collections.emptyIterator();
                }
            });
        }
    }
}
