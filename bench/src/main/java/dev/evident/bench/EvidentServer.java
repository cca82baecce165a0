package dev.evident.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar on a data folder and a database that outlive one process: start it, kill it with
 * SIGKILL mid-work, start it again on the same data and database. Used by the evidence crash and
 * large-upload tests and the evidence benchmarks. Bootstraps an admin API token ({@link #TOKEN}).
 */
final class EvidentServer implements AutoCloseable {

    static final String TOKEN = "bench-admin-token-0123456789abcdefghijklmnop";
    static final String EMAIL = "bench@example.com";
    static final String PASSWORD = "granite river lantern 42";

    /** Where the application keeps its rows: the embedded H2 file in the data folder, or a fresh PostgreSQL schema. */
    static final class Database implements AutoCloseable {
        private final String name;
        private final Map<String, String> env;
        private final PostgresSchemas schemas;
        private final String schema;

        private Database(String name, Map<String, String> env, PostgresSchemas schemas, String schema) {
            this.name = name;
            this.env = env;
            this.schemas = schemas;
            this.schema = schema;
        }

        /** The default: an H2 file under the data folder. */
        static Database h2File() {
            return new Database("H2 (file)", Map.of(), null, null);
        }

        /** A throw-away schema on the PostgreSQL server at {@code url}, dropped on close. */
        static Database postgres(String url, String user) throws SQLException {
            PostgresSchemas schemas = new PostgresSchemas(url, user, "");
            String version = schemas.serverVersion();
            String schema = PostgresSchemas.randomName();
            schemas.create(schema);
            return new Database("PostgreSQL " + version, Map.of("EVIDENT_DB_URL", PostgresSchemas.urlWithSchema(url, schema),
                    "EVIDENT_DB_USERNAME", user, "EVIDENT_DB_PASSWORD", ""), schemas, schema);
        }

        String name() {
            return name;
        }

        @Override
        public void close() throws SQLException {
            if (schemas != null) {
                schemas.drop(schema);
            }
        }
    }

    private final Path jar;
    private final Path dataDir;
    private final Database database;
    private final List<String> javaOpts;
    private final Map<String, String> settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private EvidentProcess process;
    private int port;
    private int starts;

    /**
     * @param settings extra environment, e.g. {@code EVIDENT_EVIDENCE_MAX_UPLOAD_SIZE}
     */
    EvidentServer(Path jar, Path dataDir, Database database, List<String> javaOpts, Map<String, String> settings) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.database = database;
        this.javaOpts = List.copyOf(javaOpts);
        this.settings = Map.copyOf(settings);
    }

    /** The shipped jar: {@code -Devident.jar=…} or {@code ../app/target/evident.jar} from the bench module. */
    static Path packagedJar() {
        Path jar = Path.of(System.getProperty("evident.jar", "../app/target/evident.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the app first (./mvnw -pl app -am package -DskipTests)");
        }
        return jar;
    }

    /** Starts the jar (again) on the same data folder and database and waits until it is ready. */
    EvidentServer start() throws IOException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException("already running");
        }
        port = EvidentProcess.freeLoopbackPort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EVIDENT_DATA_DIR", dataDir.resolve("data").toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("EVIDENT_BOOTSTRAP_ADMIN_EMAIL", EMAIL);
        env.put("EVIDENT_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        env.put("EVIDENT_BOOTSTRAP_ADMIN_TOKEN", TOKEN);
        env.put("EVIDENT_BOOTSTRAP_ORGANIZATION_NAME", "Bench Corp");
        env.putAll(database.env);
        env.putAll(settings);
        List<String> opts = new ArrayList<>(javaOpts);
        starts++;
        process = EvidentProcess.start(EvidentProcess.command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                opts, jar), env, dataDir, dataDir.resolve("evident-" + starts + ".log"));
        try {
            process.awaitReady(http, port, Duration.ofSeconds(180));
        } catch (RuntimeException | IOException | InterruptedException e) {
            process.close();
            process = null;
            throw e;
        }
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful close of connections or files, exactly like a power cut to the JVM. */
    void kill() {
        process.close();
        process = null;
    }

    /** SIGTERM and wait. */
    EvidentProcess.Stop stop() throws InterruptedException {
        EvidentProcess.Stop stop = process.stop();
        process = null;
        return stop;
    }

    boolean running() {
        return process != null;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    BenchClient client() {
        return new BenchClient(port, TOKEN);
    }

    Path dataDir() {
        return dataDir.resolve("data");
    }

    Database database() {
        return database;
    }

    Duration cpuTime() {
        return process.cpuTime();
    }

    long pid() {
        return process.pid();
    }

    String logTail(int lines) {
        return process == null ? "(not running)" : process.logTail(lines);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
