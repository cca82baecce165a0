package dev.evident.connector.sample;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.Testable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercises the SPI end to end the way the app's sync engine will. */
class SampleConnectorTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void collectorsStreamResourcesStampedWithTheContextClock() throws CollectionException {
        try (Connector connector = create(Map.of("baseUrl", "https://api.example.com", "apiToken", "valid-x"))) {
            Collector widgets = connector.collectors().get(0);
            List<CollectedResource> resources = new ArrayList<>();
            widgets.collect(CollectionContext.of(Clock.fixed(NOW, ZoneOffset.UTC), null)).forEachRemaining(resources::add);

            assertThat(resources).extracting(CollectedResource::externalId).containsExactly("w-1", "w-2");
            assertThat(resources).allSatisfy(r -> {
                assertThat(r.type()).isEqualTo("sample.widget");
                assertThat(r.collectedAt()).isEqualTo(NOW);
            });
        }
    }

    @Test
    void configurationChangesWhatIsCollected() throws CollectionException {
        Connector connector = create(Map.of("baseUrl", "https://api.example.com", "apiToken", "valid-x",
                "includeArchived", "true", "pageSize", "5"));

        List<CollectedResource> resources = new ArrayList<>();
        connector.collectors().get(0).collect(CollectionContext.of(Clock.systemUTC(), NOW)).forEachRemaining(resources::add);

        assertThat(resources).hasSize(3);
    }

    @Test
    void connectionTestReportsEachStep() {
        Testable good = (Testable) create(Map.of("baseUrl", "https://api.example.com", "apiToken", "valid-x"));
        Testable bad = (Testable) create(Map.of("baseUrl", "https://api.example.com", "apiToken", "expired"));

        assertThat(good.testConnection().passed()).isTrue();
        ConnectionTestResult result = bad.testConnection();
        assertThat(result.passed()).isFalse();
        assertThat(result.steps()).extracting(step -> step.name() + "=" + step.passed())
                .containsExactly("Reach https://api.example.com=true", "Authenticate=false");
    }

    private static Connector create(Map<String, String> values) {
        SampleConnectorFactory factory = new SampleConnectorFactory();
        return factory.create(ConnectorConfig.of(factory.configSchema(), values));
    }
}
