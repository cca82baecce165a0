package dev.evident.connector.sample;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConfigSchema;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;

import java.util.List;

/** A test-only connector shaped like a real SaaS one: base URL, API token, paging, a mode. */
public class SampleConnectorFactory implements ConnectorFactory {

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.url("baseUrl", "API base URL").asRequired().withHelp("e.g. https://api.example.com"),
            ConfigField.secret("apiToken", "API token").withHelp("Read-only token"),
            ConfigField.number("pageSize", "Page size").withDefault("50"),
            ConfigField.select("mode", "Collection mode", List.of("full", "incremental")).withDefault("full"),
            ConfigField.bool("includeArchived", "Include archived widgets").withDefault("false"),
            ConfigField.textarea("notes", "Notes"));

    @Override
    public String name() {
        return "sample-inventory";
    }

    @Override
    public String displayName() {
        return "Sample inventory";
    }

    @Override
    public String description() {
        return "Collects widgets from the sample inventory API; used to test the connector SPI.";
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        config.requireValid();
        return new SampleConnector(config.require("baseUrl"), config.secret("apiToken"),
                config.getLong("pageSize").orElse(50), config.getBoolean("includeArchived"));
    }
}
