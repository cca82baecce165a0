package dev.evident.connector;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConnectorConfigTest {

    private final ConfigSchema schema = ConfigSchema.of(
            ConfigField.url("baseUrl", "Base URL").asRequired(),
            ConfigField.secret("token", "API token"),
            ConfigField.number("pageSize", "Page size").withDefault("100"),
            ConfigField.bool("verbose", "Verbose"),
            ConfigField.text("org", "Organization"));

    @Test
    void toStringMasksSecrets() {
        ConnectorConfig config = ConnectorConfig.of(schema,
                Map.of("baseUrl", "https://api.example.com", "token", "ghp_live_secret", "org", "acme"));

        assertThat(config.toString())
                .isEqualTo("ConnectorConfig{baseUrl=https://api.example.com, token=********, pageSize=100, org=acme}")
                .doesNotContain("ghp_live_secret");
    }

    @Test
    void secretsAreReadOnlyThroughSecret() {
        ConnectorConfig config = ConnectorConfig.of(schema, Map.of("token", "s3cr3t"));

        assertThat(config.secret("token")).isEqualTo("s3cr3t");
        assertThatThrownBy(() -> config.get("token")).hasMessageContaining("read it with secret(\"token\")");
        assertThatThrownBy(() -> config.secret("org")).hasMessageContaining("is not a secret field");
    }

    @Test
    void defaultsApplyAndBlanksCountAsAbsent() {
        ConnectorConfig config = ConnectorConfig.of(schema, Map.of("pageSize", " ", "org", ""));

        assertThat(config.getLong("pageSize")).hasValue(100);
        assertThat(config.get("org")).isEmpty();
        assertThat(config.has("org")).isFalse();
        assertThat(config.getBoolean("verbose")).isFalse();
    }

    @Test
    void valuesOutsideTheSchemaAreDropped() {
        ConnectorConfig config = ConnectorConfig.of(schema, Map.of("org", "acme", "password", "hunter2"));

        assertThat(config.toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> config.get("password")).hasMessageContaining("not declared");
    }

    @Test
    void requireAndSecretNameTheMissingField() {
        ConnectorConfig empty = ConnectorConfig.of(schema, Map.of());

        InvalidConfigException missingUrl = catchThrowableOfType(InvalidConfigException.class,
                () -> empty.require("baseUrl"));
        assertThat(missingUrl).hasMessage("invalid connector configuration: baseUrl: Base URL is required");
        assertThat(missingUrl.problems()).containsExactly(new ConfigProblem("baseUrl", "Base URL is required"));
        assertThatThrownBy(() -> empty.secret("token"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("token");
    }

    @Test
    void validatedAndRequireValidListEveryProblem() {
        Map<String, String> values = Map.of("baseUrl", "nope", "pageSize", "many");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> ConnectorConfig.validated(schema, values));

        assertThat(e.problems()).extracting(ConfigProblem::field).containsExactly("baseUrl", "token", "pageSize");
        assertThatThrownBy(() -> ConnectorConfig.of(schema, values).requireValid())
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void typedGettersParseValues() {
        ConnectorConfig config = ConnectorConfig.of(schema, Map.of("pageSize", "7", "verbose", "true"));

        assertThat(config.getLong("pageSize")).hasValue(7);
        assertThat(config.getBoolean("verbose")).isTrue();
        assertThatThrownBy(() -> ConnectorConfig.of(schema, Map.of("pageSize", "7.5")).getLong("pageSize"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("whole number");
    }
}
