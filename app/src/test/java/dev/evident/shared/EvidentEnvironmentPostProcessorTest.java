package dev.evident.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.config.EvidentEnvironmentPostProcessor;
import dev.evident.shared.config.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EvidentEnvironmentPostProcessorTest {

    private static StandardEnvironment environmentWith(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    private static void postProcess(StandardEnvironment environment) {
        new EvidentEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void logsAreTextByDefault() {
        StandardEnvironment environment = environmentWith(Map.of());

        postProcess(environment);

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void jsonLogFormatTurnsOnStructuredConsoleLogs() {
        StandardEnvironment environment = environmentWith(Map.of("EVIDENT_LOG_FORMAT", "JSON"));

        postProcess(environment);

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void logFormatCanAlsoBeSetAsAnEvidentProperty() {
        StandardEnvironment environment = environmentWith(Map.of("evident.log-format", "json"));

        postProcess(environment);

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void unknownLogFormatStopsTheStartNamingTheSettingAndTheAllowedValues() {
        StandardEnvironment environment = environmentWith(Map.of("evident.log-format", "xml"));

        assertThatThrownBy(() -> postProcess(environment))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo("EVIDENT_LOG_FORMAT");
                    assertThat(e.getMessage()).isEqualTo("EVIDENT_LOG_FORMAT is 'xml'");
                    assertThat(e.fix()).contains("'text'").contains("'json'");
                });
    }

    @Test
    void browserUploadsFollowTheLargerOfTheImportAndEvidenceLimits() {
        StandardEnvironment defaults = environmentWith(Map.of());
        postProcess(defaults);
        assertThat(defaults.getProperty("spring.servlet.multipart.max-file-size")).as("evidence, 100 MiB").isEqualTo("104857600B");
        assertThat(defaults.getProperty("spring.servlet.multipart.max-request-size")).isEqualTo("105906176B");

        StandardEnvironment raised = environmentWith(Map.of("evident.controls.import-max-size", "209715200"));
        postProcess(raised);
        assertThat(raised.getProperty("spring.servlet.multipart.max-file-size")).isEqualTo("209715200B");

        StandardEnvironment evidence = environmentWith(Map.of("evident.evidence.max-upload-size", "1073741824"));
        postProcess(evidence);
        assertThat(evidence.getProperty("spring.servlet.multipart.max-file-size")).isEqualTo("1073741824B");

        StandardEnvironment explicit = environmentWith(Map.of("spring.servlet.multipart.max-file-size", "1MB"));
        postProcess(explicit);
        assertThat(explicit.getProperty("spring.servlet.multipart.max-file-size")).as("explicit settings win").isEqualTo("1MB");
    }

    @Test
    void anImportLimitThatIsNotANumberOfBytesStopsTheStart() {
        StandardEnvironment environment = environmentWith(Map.of("evident.controls.import-max-size", "16MB"));

        assertThatThrownBy(() -> postProcess(environment))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo("EVIDENT_CONTROLS_IMPORT_MAX_SIZE");
                    assertThat(e.fix()).contains("16777216");
                });
    }

    @Test
    void onPostgresqlEveryConnectionPlansStatementsForTheirParameters() {
        StandardEnvironment environment = environmentWith(Map.of("evident.db.url", "jdbc:postgresql://db:5432/evident"));

        postProcess(environment);

        assertThat(environment.getProperty("spring.datasource.hikari.connection-init-sql"))
                .isEqualTo("SET plan_cache_mode = force_custom_plan");
        assertThat(environment.getProperty("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts"))
                .isEqualTo("true");
    }

    @Test
    void anExplicitConnectionInitStatementWinsAndH2GetsNone() {
        StandardEnvironment explicit = environmentWith(Map.of("evident.db.url", "jdbc:postgresql://db/evident",
                "spring.datasource.hikari.connection-init-sql", "SET search_path = evident"));
        postProcess(explicit);
        assertThat(explicit.getProperty("spring.datasource.hikari.connection-init-sql")).isEqualTo("SET search_path = evident");

        StandardEnvironment h2 = environmentWith(Map.of("evident.db.url", "jdbc:h2:file:./data/evident"));
        postProcess(h2);
        assertThat(h2.getProperty("spring.datasource.hikari.connection-init-sql")).isNull();
    }
}
