package dev.evident.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Creates and drops the throw-away schema each PostgreSQL run starts from, so every start migrates from empty. */
final class PostgresSchemas {

    private static final Pattern SAFE_NAME = Pattern.compile("bench_[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String url;
    private final String user;
    private final String password;

    PostgresSchemas(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static String randomName() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "bench_" + HexFormat.of().formatHex(bytes);
    }

    /** The application's database URL: the server URL with the run's schema as the current schema. */
    static String urlWithSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Fails fast, before any application start, when the server cannot be reached. */
    String serverVersion() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    void create(String schema) throws SQLException {
        execute("CREATE SCHEMA " + checked(schema));
    }

    void drop(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(10);
        return DriverManager.getConnection(url, user, password);
    }

    /** Identifiers cannot be bound as parameters; only names this class generated are spliced into SQL. */
    private static String checked(String schema) {
        if (!SAFE_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a benchmark schema name: " + schema);
        }
        return schema;
    }
}
