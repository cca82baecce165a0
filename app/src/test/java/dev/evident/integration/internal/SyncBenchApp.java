package dev.evident.integration.internal;

import dev.evident.EvidentApplication;
import dev.evident.testing.ApiClient;
import dev.evident.testing.BenchSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application under benchmark: the real Evident, started in this JVM on a throw-away PostgreSQL
 * schema (dropped on close) with a bootstrap admin token and its sync scheduler off, so the
 * benchmark decides when each sync runs. Connections are created through the REST API as a user
 * would create them; syncs are run by the application's {@link SyncEngine}, as a scheduled run does.
 */
final class SyncBenchApp implements AutoCloseable {

    static final String TOKEN = "bench-token-0123456789abcdefghijklmnopqrstuvwxyz";

    final String schema;
    final ConfigurableApplicationContext context;
    final UUID orgId;
    private final BenchSchema benchSchema;
    private final ApiClient api;

    SyncBenchApp(String url, String user, String password) throws Exception {
        benchSchema = BenchSchema.create("sync", url, user, password);
        this.schema = benchSchema.name();
        // an interrupted run (Ctrl-C) leaves no schema behind either
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                benchSchema.drop();
            } catch (SQLException | RuntimeException ignored) {
                // the server may be gone already; a leftover bench_sync_ schema is harmless
            }
        }));
        Path dataDir = Files.createTempDirectory("evident-sync-bench");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("evident.db.url", benchSchema.jdbcUrl());
        properties.put("evident.db.username", user);
        properties.put("evident.db.password", password);
        properties.put("evident.data-dir", dataDir.toString());
        properties.put("evident.bootstrap.admin-email", "bench-admin@" + SyncBenchModel.DOMAIN);
        properties.put("evident.bootstrap.admin-password", "benchmark granite river lantern 42");
        properties.put("evident.bootstrap.admin-token", TOKEN);
        properties.put("evident.bootstrap.organization-name", "Sync benchmark");
        properties.put("evident.integration.scheduler.enabled", "false");
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        // As command-line arguments: they take precedence over application.yml (default properties would not).
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext started = null;
        try {
            started = new SpringApplicationBuilder(EvidentApplication.class).run(args);
            api = new ApiClient("http://127.0.0.1:" + ((WebServerApplicationContext) started).getWebServer().getPort(), TOKEN);
            orgId = started.getBean(JdbcTemplate.class).queryForObject("SELECT id FROM organization", UUID.class);
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            benchSchema.drop();
            throw e;
        }
        context = started;
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    SyncEngine engine() {
        return context.getBean(SyncEngine.class);
    }

    /** Creates a connection through POST /api/v1/connections; its id. */
    UUID connect(String connector, String name, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", connector);
        body.put("displayName", name);
        body.put("settings", settings);
        return UUID.fromString(expect(api.post("/api/v1/connections", body), 201).json().get("id").asString());
    }

    /** Uploads a document for a FILE setting (the HR roster) as the connection form does. */
    void upload(UUID connectionId, String field, String fileName, byte[] content) {
        expect(api.upload("/api/v1/connections/" + connectionId + "/documents/" + field, fileName, "text/csv", content), 201);
    }

    private static ApiClient.Response expect(ApiClient.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("the API answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    /** Stored resources of a connection, by type. */
    Map<String, Integer> stored(UUID connectionId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc().query("SELECT resource_type, COUNT(*) FROM integration_resource WHERE org_id = ? AND connection_id = ? "
                        + "GROUP BY resource_type ORDER BY resource_type", rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, orgId, connectionId);
        return counts;
    }

    /** The sync log's error of a sync, or null. */
    String syncError(UUID syncId) {
        return jdbc().query("SELECT error FROM integration_sync WHERE org_id = ? AND id = ?",
                rs -> rs.next() ? rs.getString(1) : null, orgId, syncId);
    }

    @Override
    public void close() throws SQLException {
        try {
            context.close();
        } finally {
            benchSchema.drop();
        }
    }
}
