package dev.evident.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.evident.EvidentApplication;
import dev.evident.shared.config.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Misconfigured installations must refuse to start with one readable reason and the fix, not a
 * stack trace. Each test starts the real application the way {@code java -jar} does.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalIT {

    private static final String GOOD_PASSWORD = "granite river lantern 42";

    @TempDir
    Path dataDir;

    /** Settings are passed as command-line arguments so they win over any EVIDENT_* variables of the machine. */
    private Map<String, String> settings(String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("evident.data-dir", dataDir.toString());
        settings.put("evident.db.url", "jdbc:h2:file:" + dataDir.resolve("db").resolve("evident")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        settings.put("evident.db.username", "sa");
        settings.put("evident.db.password", "");
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    private static String[] arguments(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** Starts Evident and returns why it refused; a start that succeeds is closed and fails the test. */
    private static Throwable refusal(Map<String, String> settings) {
        try (ConfigurableApplicationContext started = new SpringApplicationBuilder(EvidentApplication.class)
                .run(arguments(settings))) {
            fail("Evident started although it should have refused; it is being shut down again");
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    private static void assertRefusedBecauseOf(Throwable refusal, String setting) {
        Throwable cause = refusal;
        while (cause != null && !(cause instanceof InvalidConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the refusal is explained by an invalid setting: %s", refusal)
                .asInstanceOf(InstanceOfAssertFactories.type(InvalidConfigurationException.class))
                .extracting(InvalidConfigurationException::setting).isEqualTo(setting);
    }

    @Test
    void unreachableDatabaseIsNamedWithTheFix(CapturedOutput output) {
        Throwable refusal = refusal(settings("evident.db.url", "jdbc:postgresql://127.0.0.1:1/evident",
                "evident.db.username", "evident", "evident.db.password", "not-used"));

        assertThat(refusal).isNotNull();
        assertThat(output.getOut() + output.getErr())
                .contains("Evident cannot start: the database at jdbc:postgresql://127.0.0.1:1/evident is not usable")
                .contains("Action:")
                .contains("Check that PostgreSQL is running and reachable at that address")
                .contains("Unset EVIDENT_DB_URL to use the embedded H2 database");
    }

    @Test
    void passwordInTheDatabaseUrlNeverReachesTheLog(CapturedOutput output) {
        refusal(settings("evident.db.url", "jdbc:postgresql://127.0.0.1:1/evident?user=evident&password=hunter2secret"));

        assertThat(output.getAll())
                .contains("Evident cannot start: the database at jdbc:postgresql://127.0.0.1:1/evident?user=evident&password=****")
                .doesNotContain("hunter2secret");
    }

    @Test
    void weakBootstrapPasswordIsRefusedNamingTheSetting(CapturedOutput output) {
        Throwable refusal = refusal(settings("evident.bootstrap.admin-email", "admin@acme.example",
                "evident.bootstrap.admin-password", "short"));

        assertRefusedBecauseOf(refusal, "EVIDENT_BOOTSTRAP_ADMIN_PASSWORD");
        assertThat(output.getAll())
                .contains("Evident cannot start: EVIDENT_BOOTSTRAP_ADMIN_PASSWORD is not acceptable")
                .contains("at least 12 characters long (it has 5)")
                .contains("Action:")
                .contains("Use a password of at least 12 characters")
                .doesNotContain("admin-password=short");
    }

    @Test
    void refusedBootstrapLeavesNothingBehindSoACorrectedStartSucceeds() {
        refusal(settings("evident.bootstrap.admin-email", "admin@acme.example", "evident.bootstrap.admin-password", "short"));

        Map<String, String> corrected = settings("evident.bootstrap.admin-email", "admin@acme.example",
                "evident.bootstrap.admin-password", GOOD_PASSWORD);
        try (ConfigurableApplicationContext started = new SpringApplicationBuilder(EvidentApplication.class)
                .run(arguments(corrected))) {
            Integer admins = started.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT COUNT(*) FROM app_user WHERE email = 'admin@acme.example'").query(Integer.class).single();
            assertThat(admins).isEqualTo(1);
        }
    }

    @Test
    void shortBootstrapTokenIsRefusedNamingTheSettingAndTheMinimum(CapturedOutput output) {
        Throwable refusal = refusal(settings("evident.bootstrap.admin-email", "admin@acme.example",
                "evident.bootstrap.admin-password", GOOD_PASSWORD, "evident.bootstrap.admin-token", "0123456789"));

        assertRefusedBecauseOf(refusal, "EVIDENT_BOOTSTRAP_ADMIN_TOKEN");
        assertThat(output.getAll())
                .contains("Evident cannot start: EVIDENT_BOOTSTRAP_ADMIN_TOKEN is 10 characters long")
                .contains("Action:")
                .contains("at least 32");
    }

    @Test
    void bootstrapTokenWithoutAnAdminIsRefused(CapturedOutput output) {
        Throwable refusal = refusal(settings("evident.bootstrap.admin-token", "0123456789abcdef0123456789abcdef0123"));

        assertRefusedBecauseOf(refusal, "EVIDENT_BOOTSTRAP_ADMIN_TOKEN");
        assertThat(output.getAll()).contains("EVIDENT_BOOTSTRAP_ADMIN_TOKEN is set without an admin")
                .contains("Set EVIDENT_BOOTSTRAP_ADMIN_EMAIL and EVIDENT_BOOTSTRAP_ADMIN_PASSWORD as well.");
    }

    @Test
    void malformedBootstrapEmailIsRefusedNamingTheEmailSetting(CapturedOutput output) {
        Throwable refusal = refusal(settings("evident.bootstrap.admin-email", "admin-at-acme",
                "evident.bootstrap.admin-password", GOOD_PASSWORD));

        assertRefusedBecauseOf(refusal, "EVIDENT_BOOTSTRAP_ADMIN_EMAIL");
        assertThat(output.getAll()).contains("Evident cannot start: EVIDENT_BOOTSTRAP_ADMIN_EMAIL is not acceptable")
                .contains("email is not a valid email address");
    }

    @Test
    void bootstrapEmailWithoutPasswordIsRefused(CapturedOutput output) {
        Throwable refusal = refusal(settings("evident.bootstrap.admin-email", "admin@acme.example"));

        assertRefusedBecauseOf(refusal, "EVIDENT_BOOTSTRAP_ADMIN_PASSWORD");
        assertThat(output.getAll()).contains("Evident cannot start: EVIDENT_BOOTSTRAP_ADMIN_PASSWORD is missing");
    }

    @Test
    void unknownLogFormatIsRefusedNamingTheSettingAndTheAllowedValues(CapturedOutput output) {
        Throwable refusal = refusal(settings("evident.log-format", "xml"));

        assertRefusedBecauseOf(refusal, "EVIDENT_LOG_FORMAT");
        assertThat(output.getAll())
                .contains("Evident cannot start: EVIDENT_LOG_FORMAT is 'xml'.")
                .contains("Action:")
                .contains("Use 'text' (the default) or 'json'.");
    }
}
