package dev.evident.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at the PostgreSQL server named by EVIDENT_TEST_DB_URL, in a schema of its
 * own that is created now and dropped when the test JVM exits: every run starts clean.
 */
public class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static String url() {
        return System.getenv("EVIDENT_TEST_DB_URL");
    }

    static String user() {
        String user = System.getenv("EVIDENT_TEST_DB_USERNAME");
        return user == null ? "postgres" : user;
    }

    static String password() {
        String password = System.getenv("EVIDENT_TEST_DB_PASSWORD");
        return password == null ? "" : password;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String base = url();
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("EVIDENT_TEST_DB_URL is not set; PostgreSQL tests cannot run");
        }
        String schema = "evident_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(base, "CREATE SCHEMA " + schema);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (RuntimeException ignored) {
                // the server may already be gone at JVM exit; a leftover schema is harmless
            }
        }));
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        TestPropertyValues.of("evident.db.url=" + url, "evident.db.username=" + user(), "evident.db.password=" + password(),
                "evident.data-dir=" + H2Database.DataDirs.fresh()).applyTo(context);
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user(), password())) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " is not usable: " + e.getMessage(), e);
        }
    }
}
