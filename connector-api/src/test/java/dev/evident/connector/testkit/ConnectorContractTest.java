package dev.evident.connector.testkit;

import dev.evident.connector.Collector;
import dev.evident.connector.ConfigField;
import dev.evident.connector.ConfigSchema;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.ConnectorRegistry;
import dev.evident.connector.FieldType;
import dev.evident.connector.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The rules every connector must follow. A connector module extends this class once (it ships
 * in the {@code evident-connector-api} test-jar) and gets all checks; none of them contacts the
 * remote system.
 */
public abstract class ConnectorContractTest {

    /** Field names that almost always hold credentials, for catching a forgotten secret flag. */
    private static final Pattern CREDENTIAL_NAME =
            Pattern.compile("(?i).*(password|passphrase|secret|token|apikey|privatekey).*");

    /** The connector under test. */
    protected abstract ConnectorFactory factory();

    /** Settings that {@link ConnectorFactory#create} accepts; secrets may be dummies. */
    protected abstract Map<String, String> validConfig();

    @Test
    void nameIsAStableSlug() {
        assertThat(ConnectorRegistry.isValidName(factory().name()))
                .as("name '%s' must be a lowercase slug like 'github' or 'hr-roster-csv'", factory().name())
                .isTrue();
    }

    @Test
    void displayNameAndDescriptionAreFilledIn() {
        assertThat(factory().displayName()).as("displayName").isNotBlank();
        assertThat(factory().description()).as("description").isNotBlank();
    }

    @Test
    void isRegisteredForServiceLoader() {
        ConnectorRegistry registry = ConnectorRegistry.discover(factory().getClass().getClassLoader());

        assertThat(registry.find(factory().name()))
                .as("META-INF/services/%s must list %s", ConnectorFactory.class.getName(), factory().getClass().getName())
                .get().isInstanceOf(factory().getClass());
    }

    @Test
    void schemaDefaultsAreThemselvesValid() {
        ConfigSchema schema = factory().configSchema();

        assertThat(schema).as("configSchema").isNotNull();
        Map<String, String> defaults = new HashMap<>();
        schema.fields().stream().filter(f -> f.defaultValue() != null)
                .forEach(f -> defaults.put(f.name(), f.defaultValue()));
        assertThat(schema.validate(defaults))
                .as("problems with default values")
                .allSatisfy(problem -> assertThat(defaults).doesNotContainKey(problem.field()));
    }

    @Test
    void secretsAreFlaggedWithTheSecretType() {
        for (ConfigField field : factory().configSchema().fields()) {
            assertThat(field.type() == FieldType.SECRET)
                    .as("field %s: secret=%s but type=%s; credentials must be secret fields of type SECRET",
                            field.name(), field.secret(), field.type())
                    .isEqualTo(field.secret());
            if (field.type() == FieldType.TEXT || field.type() == FieldType.TEXTAREA) {
                assertThat(field.name())
                        .as("field %s looks like a credential; declare it with ConfigField.secret", field.name())
                        .doesNotMatch(CREDENTIAL_NAME);
            }
        }
    }

    @Test
    void validConfigPassesSchemaValidation() {
        assertThat(factory().configSchema().validate(validConfig())).isEmpty();
    }

    @Test
    void createWithMissingRequiredSettingFailsNamingIt() {
        List<ConfigField> mandatory = factory().configSchema().fields().stream()
                .filter(f -> f.required() && f.defaultValue() == null)
                .toList();
        assumeFalse(mandatory.isEmpty(), "connector has no mandatory settings");

        for (ConfigField field : mandatory) {
            Map<String, String> incomplete = new HashMap<>(validConfig());
            incomplete.remove(field.name());
            ConnectorConfig config = ConnectorConfig.of(factory().configSchema(), incomplete);

            assertThatThrownBy(() -> factory().create(config).close())
                    .as("create() without %s", field.name())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining(field.name());
        }
    }

    @Test
    void collectorsDeclareANonBlankResourceType() {
        try (Connector connector = factory().create(ConnectorConfig.of(factory().configSchema(), validConfig()))) {
            List<Collector> collectors = connector.collectors();

            assertThat(collectors).as("collectors").isNotEmpty();
            assertThat(collectors).extracting(Collector::resourceType)
                    .allSatisfy(type -> assertThat(type).isNotBlank())
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void configToStringNeverShowsSecrets() {
        ConnectorConfig config = ConnectorConfig.of(factory().configSchema(), validConfig());
        String printed = config.toString();

        factory().configSchema().fields().stream()
                .filter(ConfigField::secret)
                .map(f -> validConfig().get(f.name()))
                .filter(value -> value != null && !value.isBlank())
                .forEach(secret -> assertThat(printed).doesNotContain(secret));
    }
}
