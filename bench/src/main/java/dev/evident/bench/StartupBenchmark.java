package dev.evident.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cold-start benchmark of the runnable jar: time from {@code java -jar evident.jar} until the readiness
 * probe says UP, and resident memory once the application is idle. Every run starts from an empty
 * data directory (and, on PostgreSQL, an empty schema), so each one migrates the database from scratch,
 * like a first start. Run it through {@code bench/startup.sh}; {@code --help} lists the options.
 */
public final class StartupBenchmark {

    /** "Quiet" for --wait-quiet: other processes use less than this many cores. */
    private static final double QUIET_CORES = 0.25;
    /** With --max-other-cores, a busy run is repeated, but the benchmark still ends: at most 3 tries a run. */
    private static final int MAX_ATTEMPTS_PER_RUN = 3;

    private final StartupOptions options;
    private final StartupReport report;
    private final PostgresSchemas schemas;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    StartupBenchmark(StartupOptions options, PrintStream out) {
        this.options = options;
        this.report = new StartupReport(out);
        this.schemas = options.db() == StartupOptions.Database.POSTGRES
                ? new PostgresSchemas(options.dbUrl(), options.dbUser(), options.dbPassword())
                : null;
    }

    public static void main(String[] args) {
        StartupOptions options;
        try {
            options = StartupOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("startup benchmark: " + e.getMessage());
            System.err.print(StartupOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(StartupOptions.USAGE);
            return;
        }
        int code;
        try {
            code = new StartupBenchmark(options, System.out).run();
        } catch (Exception e) {
            System.err.println("startup benchmark failed: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    int run() throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            System.err.println("startup benchmark: no jar at " + options.jar().toAbsolutePath()
                    + "; build it with ./mvnw -B -o install -DskipTests or pass --jar");
            return 2;
        }
        report.header(options, describeSetup());
        List<StartupRun> runs = new ArrayList<>();
        List<StartupRun> discarded = new ArrayList<>();
        int maxAttempts = options.maxOtherCores().isPresent() ? options.runs() * MAX_ATTEMPTS_PER_RUN : options.runs();
        for (int attempt = 1; runs.size() < options.runs() && attempt <= maxAttempts; attempt++) {
            StartupRun run;
            try {
                run = measure(attempt);
            } catch (Exception e) {
                System.err.println("run " + attempt + " failed: " + e.getMessage());
                return 1;
            }
            if (options.maxOtherCores().isPresent() && run.otherCores() > options.maxOtherCores().getAsDouble()) {
                discarded.add(run);
                report.discarded(run);
            } else {
                runs.add(run);
                report.run(run);
            }
        }
        if (runs.isEmpty()) {
            System.err.println("no run was measured on a quiet enough machine in " + maxAttempts + " attempts");
            return 3;
        }
        report.summary(options, runs, discarded);
        if (runs.size() < options.runs()) {
            System.err.printf(Locale.ROOT, "only %d of %d runs were quiet enough in %d attempts%n",
                    runs.size(), options.runs(), maxAttempts);
            return 3;
        }
        return 0;
    }

    private String describeSetup() throws Exception {
        String db = schemas == null
                ? "database: embedded H2 under a fresh EVIDENT_DATA_DIR per run"
                : "database: PostgreSQL " + schemas.serverVersion() + ", a fresh schema per run";
        return "jar: " + options.jar().toAbsolutePath() + "\njava: " + options.java()
                + (options.javaOpts().isEmpty() ? "" : " " + String.join(" ", options.javaOpts()))
                + "\n" + db + "\ncores: " + Runtime.getRuntime().availableProcessors();
    }

    private StartupRun measure(int run) throws Exception {
        awaitQuietMachine(run);
        Path work = Files.createTempDirectory("evident-startup-");
        String schema = null;
        try {
            Map<String, String> env = new HashMap<>();
            env.put("EVIDENT_DATA_DIR", work.resolve("data").toString());
            int port = EvidentProcess.freeLoopbackPort();
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("SERVER_ADDRESS", "127.0.0.1");
            if (schemas != null) {
                schema = PostgresSchemas.randomName();
                schemas.create(schema);
                env.put("EVIDENT_DB_URL", PostgresSchemas.urlWithSchema(options.dbUrl(), schema));
                env.put("EVIDENT_DB_USERNAME", options.dbUser());
                env.put("EVIDENT_DB_PASSWORD", options.dbPassword());
            }
            List<String> command = EvidentProcess.command(options.java(), options.javaOpts(), options.jar());
            long busyBefore = CpuMeter.busyTicks();
            Duration ownBefore = CpuMeter.ownCpu();
            try (EvidentProcess app = EvidentProcess.start(command, env, work, work.resolve("evident.log"))) {
                Duration ready = app.awaitReady(http, port, Duration.ofSeconds(options.startTimeoutSeconds()));
                double appCpu = app.cpuTime().toNanos() / 1e9;
                double othersCpu = (CpuMeter.busyTicks() - busyBefore) / CpuMeter.TICKS_PER_SECOND - appCpu
                        - CpuMeter.ownCpu().minus(ownBefore).toNanos() / 1e9;
                double readySeconds = ready.toNanos() / 1e9;
                app.idle(Duration.ofSeconds(options.idleSeconds()));
                ProcStatus memory = ProcStatus.read(app.pid());
                EvidentProcess.Stop stop = app.stop();
                Optional<StartupLog.Started> started = StartupLog.started(app.log());
                return new StartupRun(run, readySeconds, started, memory, stop, appCpu,
                        Math.max(0, othersCpu / readySeconds));
            }
        } finally {
            if (schema != null) {
                dropQuietly(schema);
            }
            if (options.keepData()) {
                System.out.println("  run " + run + " kept in " + work);
            } else {
                deleteRecursively(work);
            }
        }
    }

    private void dropQuietly(String schema) {
        try {
            schemas.drop(schema);
        } catch (Exception e) {
            System.err.println("could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    private void awaitQuietMachine(int run) throws IOException, InterruptedException {
        if (options.waitQuietSeconds() == 0) {
            return;
        }
        double busy = CpuMeter.awaitQuiet(QUIET_CORES, Duration.ofSeconds(options.waitQuietSeconds()));
        if (busy >= QUIET_CORES) {
            System.out.printf(Locale.ROOT, "  run %d starts on a busy machine: %.2f cores in use after waiting %d s%n",
                    run, busy, options.waitQuietSeconds());
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
