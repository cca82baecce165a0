package dev.evident.connector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSchemaTest {

    private final ConfigSchema schema = ConfigSchema.of(
            ConfigField.url("baseUrl", "Base URL").asRequired(),
            ConfigField.secret("token", "API token"),
            ConfigField.number("pageSize", "Page size").withDefault("100"),
            ConfigField.bool("verbose", "Verbose"),
            ConfigField.select("region", "Region", List.of("us", "eu")).asRequired().withDefault("us"),
            ConfigField.text("org", "Organization"));

    @Test
    void completeValuesHaveNoProblems() {
        assertThat(schema.validate(valid())).isEmpty();
    }

    @Test
    void missingOrBlankRequiredFieldsAreReported() {
        Map<String, String> values = valid();
        values.remove("baseUrl");
        values.put("token", "   ");

        assertThat(schema.validate(values)).containsExactly(
                new ConfigProblem("baseUrl", "Base URL is required"),
                new ConfigProblem("token", "API token is required"));
    }

    @Test
    void requiredFieldWithDefaultMayBeLeftEmpty() {
        Map<String, String> values = valid();
        values.remove("region");

        assertThat(schema.validate(values)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "api.example.com", "ftp://files.example.com", "https://", "file:///etc/passwd"})
    void malformedUrlsAreReported(String url) {
        Map<String, String> values = valid();
        values.put("baseUrl", url);

        assertThat(schema.validate(values)).containsExactly(
                new ConfigProblem("baseUrl", "Base URL must be an absolute http:// or https:// URL"));
    }

    @Test
    void numbersBooleansAndSelectionsAreChecked() {
        Map<String, String> values = valid();
        values.put("pageSize", "lots");
        values.put("verbose", "yes");
        values.put("region", "apac");

        assertThat(schema.validate(values)).containsExactly(
                new ConfigProblem("pageSize", "Page size must be a number"),
                new ConfigProblem("verbose", "Verbose must be true or false"),
                new ConfigProblem("region", "Region must be one of: us, eu"));
    }

    @Test
    void unknownSettingsAreReported() {
        Map<String, String> values = valid();
        values.put("tokne", "typo");

        assertThat(schema.validate(values)).containsExactly(
                new ConfigProblem("tokne", "tokne is not a setting of this connector"));
    }

    @Test
    void nullValuesMeanNothingSubmitted() {
        assertThat(schema.validate(null)).extracting(ConfigProblem::field).containsExactly("baseUrl", "token");
    }

    @Test
    void duplicateFieldNamesAreRejected() {
        assertThatThrownBy(() -> ConfigSchema.of(ConfigField.text("a", "A"), ConfigField.number("a", "A again")))
                .hasMessageContaining("duplicate config field a");
    }

    @Test
    void fieldsKeepTheirInvariants() {
        assertThatThrownBy(() -> new ConfigField("token", "Token", null, FieldType.SECRET, true, false, null, null))
                .hasMessageContaining("must be secret");
        assertThatThrownBy(() -> ConfigField.secret("token", "Token").withDefault("changeme"))
                .hasMessageContaining("cannot have a default");
        assertThatThrownBy(() -> ConfigField.select("mode", "Mode", List.of()))
                .hasMessageContaining("options are required");
        assertThatThrownBy(() -> ConfigField.select("mode", "Mode", List.of("a")).withDefault("b"))
                .hasMessageContaining("not an option");
        assertThatThrownBy(() -> ConfigField.text("base url", "Base URL")).hasMessageContaining("identifier");
        assertThatThrownBy(() -> ConfigField.text("org", " ")).hasMessageContaining("needs a label");
    }

    @Test
    void secretFactoryMakesARequiredSecretField() {
        ConfigField token = ConfigField.secret("token", "Token").withHelp("Read-only scope");

        assertThat(token.type()).isEqualTo(FieldType.SECRET);
        assertThat(token.secret()).isTrue();
        assertThat(token.required()).isTrue();
        assertThat(token.help()).isEqualTo("Read-only scope");
        assertThat(token.asOptional().required()).isFalse();
    }

    private static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("baseUrl", "https://api.example.com/v1");
        values.put("token", "t0ken");
        values.put("pageSize", "25");
        values.put("verbose", "true");
        values.put("region", "eu");
        values.put("org", "acme");
        return values;
    }
}
