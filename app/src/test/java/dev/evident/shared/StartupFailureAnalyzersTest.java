package dev.evident.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.shared.config.InvalidConfigurationException;
import dev.evident.shared.config.StartupFailureAnalyzers;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class StartupFailureAnalyzersTest {

    private static StartupFailureAnalyzers.DatabaseUnavailable analyzerFor(String url) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", url)));
        return new StartupFailureAnalyzers.DatabaseUnavailable(environment);
    }

    private static RuntimeException failedStart(Throwable cause) {
        return new IllegalStateException("Failed to initialize dependency 'flyway'",
                new RuntimeException("Unable to obtain connection from database", cause));
    }

    @Test
    void refusedConnectionNamesTheUrlAndSuggestsTheEmbeddedDatabase() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:1 refused.", "08001",
                new ConnectException("Connection refused"));

        FailureAnalysis analysis = analyzerFor("jdbc:postgresql://127.0.0.1:1/evident").analyze(failedStart(refused));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("Evident cannot start: the database at jdbc:postgresql://127.0.0.1:1/evident is not usable (")
                .contains("Connection refused");
        assertThat(analysis.getAction()).contains("Check that PostgreSQL is running")
                .contains("Unset EVIDENT_DB_URL to use the embedded H2 database");
        assertThat(analysis.getCause()).isSameAs(refused);
    }

    @Test
    void connectExceptionAnywhereInTheChainCountsAsANetworkProblem() {
        SQLException refused = new SQLException("I/O error", "08006", new ConnectException("Connection refused"));

        FailureAnalysis analysis = analyzerFor("jdbc:postgresql://db:5432/evident").analyze(failedStart(refused));

        assertThat(analysis.getAction()).contains("Unset EVIDENT_DB_URL");
    }

    @Test
    void unknownHostIsANetworkProblem() {
        SQLException unknown = new SQLException("The connection attempt failed.", "08001",
                new UnknownHostException("postgres.internal"));

        FailureAnalysis analysis = analyzerFor("jdbc:postgresql://postgres.internal/evident").analyze(failedStart(unknown));

        assertThat(analysis.getDescription()).contains("postgres.internal");
        assertThat(analysis.getAction()).contains("Unset EVIDENT_DB_URL");
    }

    @Test
    void wrongCredentialsPointAtTheUserAndPasswordSettings() {
        SQLException authentication = new SQLException("FATAL: password authentication failed for user \"evident\"", "28P01");

        FailureAnalysis analysis = analyzerFor("jdbc:postgresql://db:5432/evident").analyze(failedStart(authentication));

        assertThat(analysis.getDescription()).contains("password authentication failed for user \"evident\"");
        assertThat(analysis.getAction()).contains("EVIDENT_DB_URL, EVIDENT_DB_USERNAME and EVIDENT_DB_PASSWORD")
                .doesNotContain("Unset EVIDENT_DB_URL");
    }

    @Test
    void passwordInTheJdbcUrlIsRedacted() {
        SQLException refused = new SQLException("refused", "08001", new ConnectException("Connection refused"));

        FailureAnalysis analysis = analyzerFor("jdbc:postgresql://db:5432/evident?user=evident&password=hunter2&ssl=true")
                .analyze(failedStart(refused));

        assertThat(analysis.getDescription()).doesNotContain("hunter2")
                .contains("jdbc:postgresql://db:5432/evident?user=evident&password=****&ssl=true");
    }

    @Test
    void passwordIsRedactedWhateverItsCaseOrSeparator() {
        SQLException refused = new SQLException("refused", "08001");

        String description = analyzerFor("jdbc:h2:tcp://db/evident;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL")
                .analyze(failedStart(refused)).getDescription();

        assertThat(description).doesNotContain("s3cret").contains(";PASSWORD=****;MODE=PostgreSQL");
    }

    @Test
    void passwordAtTheEndOfTheUrlIsRedacted() {
        String description = analyzerFor("jdbc:postgresql://db/evident?password=hunter2")
                .analyze(failedStart(new SQLException("refused", "08001"))).getDescription();

        assertThat(description).doesNotContain("hunter2").contains("?password=****");
    }

    @Test
    void unsetUrlIsShownAsUnset() {
        StartupFailureAnalyzers.DatabaseUnavailable analyzer =
                new StartupFailureAnalyzers.DatabaseUnavailable(new StandardEnvironment());

        FailureAnalysis analysis = analyzer.analyze(failedStart(new SQLException("no suitable driver", "08001")));

        assertThat(analysis.getDescription()).contains("the database at (unset) is not usable");
    }

    @Test
    void failureWithoutADatabaseErrorIsLeftToOtherAnalyzers() {
        FailureAnalysis analysis = analyzerFor("jdbc:postgresql://db/evident")
                .analyze(new IllegalStateException("Port 8080 was already in use"));

        assertThat(analysis).isNull();
    }

    @Test
    void invalidSettingIsReportedWithItsNameAndFix() {
        InvalidConfigurationException invalid = new InvalidConfigurationException("EVIDENT_BOOTSTRAP_ADMIN_TOKEN",
                "is 10 characters long", "Use at least 32 random characters, e.g. `openssl rand -hex 32`.");

        FailureAnalysis analysis = new StartupFailureAnalyzers.InvalidConfiguration()
                .analyze(new IllegalStateException("Failed to execute ApplicationRunner", invalid));

        assertThat(analysis.getDescription())
                .isEqualTo("Evident cannot start: EVIDENT_BOOTSTRAP_ADMIN_TOKEN is 10 characters long.");
        assertThat(analysis.getAction()).isEqualTo("Use at least 32 random characters, e.g. `openssl rand -hex 32`.");
        assertThat(analysis.getCause()).isSameAs(invalid);
    }
}
