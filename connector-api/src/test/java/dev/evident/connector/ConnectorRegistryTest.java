package dev.evident.connector;

import dev.evident.connector.sample.SampleConnectorFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorRegistryTest {

    @Test
    void discoversConnectorsListedInMetaInfServices() {
        ConnectorRegistry registry = ConnectorRegistry.discover(getClass().getClassLoader());

        assertThat(registry.factories()).extracting(ConnectorFactory::name).containsExactly("sample-inventory");
        assertThat(registry.find("sample-inventory")).get().isInstanceOf(SampleConnectorFactory.class);
        assertThat(registry.find("github")).isEmpty();
    }

    @Test
    void duplicateNamesAreRejectedNamingBothClasses() {
        assertThatThrownBy(() -> ConnectorRegistry.of(List.of(new SampleConnectorFactory(), new Impostor())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two connectors are named 'sample-inventory'")
                .hasMessageContaining(SampleConnectorFactory.class.getName())
                .hasMessageContaining(Impostor.class.getName());
    }

    @Test
    void namesMustBeSlugs() {
        assertThat(ConnectorRegistry.isValidName("github")).isTrue();
        assertThat(ConnectorRegistry.isValidName("hr-roster-csv")).isTrue();
        assertThat(ConnectorRegistry.isValidName("google-workspace2")).isTrue();
        assertThat(ConnectorRegistry.isValidName("GitHub")).isFalse();
        assertThat(ConnectorRegistry.isValidName("hr roster")).isFalse();
        assertThat(ConnectorRegistry.isValidName("-aws")).isFalse();
        assertThat(ConnectorRegistry.isValidName("aws--s3")).isFalse();
        assertThat(ConnectorRegistry.isValidName("")).isFalse();
        assertThat(ConnectorRegistry.isValidName(null)).isFalse();

        assertThatThrownBy(() -> ConnectorRegistry.of(List.of(new BadlyNamed())))
                .hasMessageContaining("has name 'Bad Name'");
    }

    @Test
    void factoriesAreSortedByName() {
        ConnectorRegistry registry = ConnectorRegistry.of(List.of(new SampleConnectorFactory(), new BadlyNamed() {
            @Override
            public String name() {
                return "aardvark";
            }
        }));

        assertThat(registry.factories()).extracting(ConnectorFactory::name).containsExactly("aardvark", "sample-inventory");
    }

    static class Impostor extends SampleConnectorFactory {
    }

    static class BadlyNamed extends SampleConnectorFactory {
        @Override
        public String name() {
            return "Bad Name";
        }
    }
}
