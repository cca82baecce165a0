package dev.evident.shared.config;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/** Turns start-up failures into a reason and a fix instead of a stack trace. */
public final class StartupFailureAnalyzers {

    private StartupFailureAnalyzers() {
    }

    public static class InvalidConfiguration extends AbstractFailureAnalyzer<InvalidConfigurationException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, InvalidConfigurationException cause) {
            return new FailureAnalysis("Evident cannot start: " + cause.getMessage() + ".", cause.fix(), cause);
        }
    }

    /** Database unreachable, wrong credentials, or missing database: name the URL and the fix. */
    public static class DatabaseUnavailable extends AbstractFailureAnalyzer<SQLException> {

        private final Environment environment;

        public DatabaseUnavailable(Environment environment) {
            this.environment = environment;
        }

        @Override
        protected FailureAnalysis analyze(Throwable root, SQLException cause) {
            String url = redact(environment.getProperty("spring.datasource.url", "(unset)"));
            String reason = rootMessage(cause);
            boolean network = findCause(root, ConnectException.class) != null
                    || findCause(root, UnknownHostException.class) != null
                    || "08001".equals(cause.getSQLState());
            String description = "Evident cannot start: the database at " + url + " is not usable ("
                    + reason + ").";
            String action = network
                    ? "Check that PostgreSQL is running and reachable at that address, and that EVIDENT_DB_URL is right. "
                    + "Unset EVIDENT_DB_URL to use the embedded H2 database under EVIDENT_DATA_DIR instead."
                    : "Check EVIDENT_DB_URL, EVIDENT_DB_USERNAME and EVIDENT_DB_PASSWORD, and that the database exists "
                    + "and the user may create tables in it.";
            return new FailureAnalysis(description, action, cause);
        }

        static String redact(String url) {
            return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
        }

        private static String rootMessage(Throwable t) {
            Throwable current = t;
            while (current.getCause() != null && current.getCause() != current) {
                current = current.getCause();
            }
            return current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage();
        }
    }
}
