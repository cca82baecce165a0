package dev.evident.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A throw-away PostgreSQL schema for one benchmark run ({@code bench_<purpose>_<12 hex digits>}): made
 * on creation, dropped by {@link #drop}. Identifiers cannot be bound as parameters, so only names this
 * class generated are spliced into SQL.
 */
public final class BenchSchema {

    private static final Pattern PURPOSE = Pattern.compile("[a-z]{1,20}");
    private static final Pattern SAFE_NAME = Pattern.compile("bench_[a-z]{1,20}_[0-9a-f]{12}");

    private final String name;
    private final String url;
    private final String user;
    private final String password;

    private BenchSchema(String name, String url, String user, String password) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Creates a new schema for {@code purpose} (lower-case letters, such as "sync") on the server of {@code url}. */
    public static BenchSchema create(String purpose, String url, String user, String password) throws SQLException {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("not a benchmark purpose: " + purpose);
        }
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        BenchSchema schema = new BenchSchema("bench_" + purpose + "_" + HexFormat.of().formatHex(bytes), url, user, password);
        schema.execute("CREATE SCHEMA " + schema.name());
        return schema;
    }

    /** The schema's name, checked again before it is handed out for SQL. */
    public String name() {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a benchmark schema name: " + name);
        }
        return name;
    }

    /** The JDBC URL with this schema as the current one. */
    public String jdbcUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name();
    }

    public void drop() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name() + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute(sql);
        }
    }
}
