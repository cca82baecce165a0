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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Server time of the readiness computation and of the control library page at scale (issue 3's
 * targets: readiness p95 ≤ 50 ms warm for all five categories, 1,000 controls and 5,000 mappings;
 * the library page with 1,000 controls ≤ 150 ms).
 *
 * <p>Starts {@code evident.jar} as a child process (H2 or PostgreSQL), creates a program with every
 * category through the API, writes the controls through the API (each with five criteria spread
 * over all 61, some implemented, some owned, a few not applicable), warms up, then times sequential
 * requests from this process over loopback. A client-side time includes the loopback round trip
 * and reading the body, so it is an upper bound of the server time.
 */
public final class ReadinessLoadBenchmark {

    static final String USAGE = """
            Usage: readiness.sh [options]
              --jar PATH         the application jar (default app/target/evident.jar)
              --db h2|postgres   embedded H2 (default) or PostgreSQL
              --db-url URL       PostgreSQL JDBC URL (e.g. jdbc:postgresql://127.0.0.1:5432/postgres)
              --db-user NAME     PostgreSQL user (default postgres)
              --controls N       controls to create (default 1000)
              --mappings N       criteria per control (default 5)
              --warmup N         requests before measuring, per endpoint (default 300)
              --requests N       measured requests per endpoint (default 1000)
              --java-opts "..."  JVM options for the application (default -Xmx1g)
            """;

    private static final String EMAIL = "bench@evident.example";
    private static final String PASSWORD = "quiet harbour lantern 2026";
    private static final String TOKEN = "bench-admin-token-0123456789abcdefghijklmnop";
    private static final List<String> DOMAINS = List.of("access-control", "change-management", "operations-security",
            "logging-monitoring", "data-protection", "governance-risk", "security-awareness", "asset-physical",
            "incident-response", "business-continuity", "vendor-risk", "processing-integrity", "privacy");

    private final Map<String, String> options;
    private final PrintStream out;

    ReadinessLoadBenchmark(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.print(USAGE);
                return;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("readiness benchmark: unexpected argument " + args[i]);
                System.err.print(USAGE);
                System.exit(2);
            }
            options.put(args[i], args[++i]);
        }
        System.exit(new ReadinessLoadBenchmark(options, System.out).run());
    }

    int run() throws Exception {
        Path jar = Path.of(options.getOrDefault("--jar", "app/target/evident.jar"));
        if (!Files.isRegularFile(jar)) {
            System.err.println("no jar at " + jar.toAbsolutePath() + "; build with ./mvnw -B install -DskipTests");
            return 2;
        }
        int controls = Integer.parseInt(options.getOrDefault("--controls", "1000"));
        int mappings = Integer.parseInt(options.getOrDefault("--mappings", "5"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup", "300"));
        int requests = Integer.parseInt(options.getOrDefault("--requests", "1000"));
        boolean postgres = options.getOrDefault("--db", "h2").equals("postgres");
        Path dataDir = Files.createTempDirectory("evident-bench-");
        int port = EvidentProcess.freeLoopbackPort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EVIDENT_DATA_DIR", dataDir.toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("EVIDENT_BOOTSTRAP_ADMIN_EMAIL", EMAIL);
        env.put("EVIDENT_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        env.put("EVIDENT_BOOTSTRAP_ADMIN_TOKEN", TOKEN);
        env.put("EVIDENT_BOOTSTRAP_ORGANIZATION_NAME", "Bench Corp");
        PostgresSchemas schemas = null;
        String schema = null;
        if (postgres) {
            schemas = new PostgresSchemas(options.get("--db-url"), options.getOrDefault("--db-user", "postgres"), "");
            schema = PostgresSchemas.randomName();
            schemas.create(schema);
            env.put("EVIDENT_DB_URL", PostgresSchemas.urlWithSchema(options.get("--db-url"), schema));
            env.put("EVIDENT_DB_USERNAME", options.getOrDefault("--db-user", "postgres"));
            env.put("EVIDENT_DB_PASSWORD", "");
        }
        List<String> javaOpts = List.of(options.getOrDefault("--java-opts", "-Xmx1g").trim().split("\\s+"));
        Path log = dataDir.resolve("evident.log");
        try (EvidentProcess app = EvidentProcess.start(EvidentProcess.command(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), javaOpts, jar), env, dataDir, log)) {
            app.awaitReady(HttpClient.newHttpClient(), port, Duration.ofSeconds(120));
            BenchClient client = new BenchClient(port, TOKEN);
            long seedStart = System.nanoTime();
            String programId = seed(client, controls, mappings);
            out.printf(Locale.ROOT, "Seeded %d controls with %d criteria each in %.1f s (%s)%n", controls, mappings,
                    (System.nanoTime() - seedStart) / 1e9, postgres ? "PostgreSQL" : "H2");
            Map<String, Object> readiness = client.get("/api/v1/programs/" + programId + "/readiness").json();
            out.println("Readiness: " + readiness.get("overall") + "; " + readiness.get("controlCounts"));

            String readinessUri = "/api/v1/programs/{programId}/readiness";
            warm(warmup, () -> expectOk(client.get("/api/v1/programs/" + programId + "/readiness")));
            ServerTimer.Reading before = ServerTimer.read(client, readinessUri);
            Latencies api = measure(requests, () -> expectOk(client.get("/api/v1/programs/" + programId + "/readiness")));
            report("GET /api/v1/programs/{id}/readiness", api, 50,
                    ServerTimer.read(client, readinessUri).meanMillisSince(before));
            client.signIn(EMAIL, PASSWORD);
            int rows = countRows(expectOk(client.page("/controls")).body());
            warm(warmup / 3, () -> expectOk(client.page("/controls")));
            before = ServerTimer.read(client, "/controls");
            Latencies page = measure(requests / 3, () -> expectOk(client.page("/controls")));
            report("GET /controls (" + rows + " table rows)", page, 150,
                    ServerTimer.read(client, "/controls").meanMillisSince(before));
            app.stop();
            return 0;
        } catch (Exception e) {
            System.err.println("readiness benchmark failed: " + e.getMessage() + "\nlog: " + log);
            return 1;
        } finally {
            if (schemas != null) {
                schemas.drop(schema);
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private String seed(BenchClient client, int controls, int mappings) throws IOException, InterruptedException {
        String program = """
                {"name":"Bench program","reportType":"TYPE_2","periodStart":"2027-01-01","periodEnd":"2027-12-31",
                 "categories":[{"id":"availability","included":true},{"id":"processing-integrity","included":true},
                 {"id":"confidentiality","included":true},{"id":"privacy","included":true}]}""";
        String programId = (String) expectStatus(client.post("/api/v1/programs", program), 201).json().get("id");
        List<String> criteria = new ArrayList<>();
        List<?> leaves = (List<?>) client.get("/api/v1/frameworks/soc2-2017/requirements?leaf=true&limit=100").json().get("items");
        leaves.forEach(leaf -> criteria.add((String) ((Map<?, ?>) leaf).get("id")));
        String ownerId = (String) ((Map<?, ?>) ((List<?>) client.get("/api/v1/members").json().get("items")).get(0)).get("userId");
        for (int i = 0; i < controls; i++) {
            StringBuilder mapped = new StringBuilder();
            for (int k = 0; k < mappings; k++) {
                // five distinct criteria per control, spread evenly over all 61
                mapped.append(k == 0 ? "" : ",").append('"').append(criteria.get((i * 7 + k * 13) % criteria.size())).append('"');
            }
            boolean applicable = i % 40 != 39;
            String body = ("{\"ref\":\"BM-%04d\",\"title\":\"Benchmark control %d\",\"description\":\"Generated for the "
                    + "readiness benchmark\",\"domain\":\"%s\",\"type\":\"preventive\",\"nature\":\"manual\","
                    + "\"frequency\":\"quarterly\",\"ownerUserId\":%s,\"test\":{\"method\":\"inspection\",\"procedure\":"
                    + "\"Inspect\"},\"evidence\":[\"A record\"],\"criteria\":[%s],\"status\":\"%s\",\"applicable\":%s%s}")
                    .formatted(i + 1, i + 1, DOMAINS.get(i % DOMAINS.size()), i % 5 < 3 ? "\"" + ownerId + "\"" : "null",
                            mapped, i % 2 == 0 ? "IMPLEMENTED" : "DEFINED", applicable,
                            applicable ? "" : ",\"notApplicableReason\":\"Generated as not applicable\"");
            expectStatus(client.post("/api/v1/controls", body), 201);
        }
        return programId;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static void warm(int requests, Call call) throws Exception {
        for (int i = 0; i < requests; i++) {
            call.run();
        }
    }

    private static Latencies measure(int requests, Call call) throws Exception {
        Latencies latencies = new Latencies(requests);
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            call.run();
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    /** Client-side percentiles (an upper bound of server time) and the server's own mean. */
    private void report(String what, Latencies l, double targetMillis, double serverMeanMillis) {
        double p95 = l.percentileMillis(95);
        out.printf(Locale.ROOT, "%-45s n=%d  round trip: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  mean %.1f ms;"
                        + "  server mean %.1f ms  (target p95 <= %.0f ms: %s)%n", what, l.count(), l.percentileMillis(50), p95,
                l.percentileMillis(99), l.maxMillis(), l.meanMillis(), serverMeanMillis, targetMillis,
                p95 <= targetMillis ? "met" : "MISSED");
    }

    private static BenchClient.Response expectOk(BenchClient.Response r) {
        return expectStatus(r, 200);
    }

    private static BenchClient.Response expectStatus(BenchClient.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r.status() + ": "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return r;
    }

    private static int countRows(String html) {
        int rows = 0;
        for (int i = html.indexOf("<tr"); i >= 0; i = html.indexOf("<tr", i + 3)) {
            rows++;
        }
        return rows;
    }
}
