package dev.evident.integration.internal;

import dev.evident.monitoring.internal.SyncBenchEvaluation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 6's sync benchmark (run with bench/sync.sh; results in docs/benchmarks.md): a simulated
 * organization of AWS accounts and regions, Okta users, Google Workspace users and an HR roster,
 * served by local stubs that generate their answers from a seeded model, synced by the real
 * connectors through the application's own sync path (SyncEngine storing into integration_resource
 * on PostgreSQL), then every built-in check evaluated over what was stored. Reports the wall time,
 * requests and requests per second to each stub and the peak heap of each connector's sync, the
 * resources stored per type (which must match what the stubs served, or the run fails), and the
 * evaluation time split into load, compile, evaluate and store.
 */
public final class SyncBenchmark {

    /** The benchmark's settings, from --name=value arguments. */
    record Options(int accounts, int regions, int resources, int oktaUsers, int googleUsers, long seed, int runs,
                   int evaluationRuns, int oktaRateLimit, int stubProbe, int stubLatencyMs, String dbUrl, String dbUser,
                   String dbPassword) {

        static Options parse(String... args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException(arg);
                }
                o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            Options options = new Options(number(o, "accounts", 20), number(o, "regions", 4), number(o, "resources", 50_000),
                    number(o, "okta-users", 5_000), number(o, "google-users", 5_000), number(o, "seed", 1),
                    number(o, "runs", 1), number(o, "evaluation-runs", 3), number(o, "okta-rate-limit", 1_000_000),
                    number(o, "stub-probe", 5_000), number(o, "stub-latency-ms", 0), o.getOrDefault("db-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                    o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""));
            o.keySet().removeAll(List.of("accounts", "regions", "resources", "okta-users", "google-users", "seed", "runs",
                    "evaluation-runs", "okta-rate-limit", "stub-probe", "stub-latency-ms", "db-url", "db-user", "db-password"));
            if (!o.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + o.keySet().iterator().next());
            }
            if (options.runs < 1 || options.evaluationRuns < 1 || options.oktaRateLimit < 1 || options.stubProbe < 0) {
                throw new IllegalArgumentException("--runs, --evaluation-runs and --okta-rate-limit must be at least 1");
            }
            if (options.stubLatencyMs < 0 || options.stubLatencyMs > 1_000) {
                throw new IllegalArgumentException("--stub-latency-ms must be between 0 and 1000");
            }
            return options;
        }

        private static int number(Map<String, String> o, String name, int fallback) {
            String value = o.get(name);
            try {
                return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value);
            }
        }
    }

    /** One connector's sync. */
    record ConnectorRun(String connector, double seconds, long requests, double stubSeconds, double afterLastRequest,
                        SyncBenchHeap.Figures heap, Map<String, Integer> stored, String status) {

        int resources() {
            return stored.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Everything a run measured. */
    record Report(Map<String, Integer> expected, List<List<ConnectorRun>> syncs, Map<String, Long> stubRequests,
                  double afterSyncSeconds, List<SyncBenchEvaluation.Figures> evaluations) {
    }

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println((args.length == 1 && args[0].equals("--help") ? "" : "sync.sh: " + e.getMessage() + "\n") + """
                    Usage: bench/sync.sh [--accounts=20] [--regions=4] [--resources=50000] [--okta-users=5000]
                           [--google-users=5000] [--seed=1] [--runs=1] [--evaluation-runs=3]
                           [--okta-rate-limit=1000000 (requests per minute before the Okta stub answers 429)]
                           [--stub-probe=5000 (requests sent to the AWS stub alone afterwards; 0: none)]
                           [--stub-latency-ms=0 (each stub answer waits this long first, like a network round trip)]
                           [--db-url=jdbc:postgresql://127.0.0.1:5432/postgres] [--db-user=postgres] [--db-password=]
                    Starts local AWS, Okta and Google stubs, starts Evident in this JVM on a fresh PostgreSQL schema,
                    syncs an AWS organization, Okta, Google Workspace and an HR roster through the real connectors,
                    checks that every generated resource was stored, then evaluates every built-in check.""");
            System.exit(args.length == 1 && args[0].equals("--help") ? 0 : 2);
            return;
        }
        int status = 0;
        try {
            run(options, System.out);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // do not wait for threads the application or the HTTP clients left behind
    }

    static Report run(Options o, PrintStream out) throws Exception {
        SyncBenchModel model = new SyncBenchModel(o.accounts(), o.regions(), o.resources(), o.oktaUsers(), o.googleUsers(),
                o.seed(), Instant.now());
        out.printf(Locale.ROOT, "Sync benchmark: %d AWS accounts x %d regions (%s), %,d AWS resources, %,d Okta users, "
                        + "%,d Google users, %,d people; java %s, %d cores, max heap %d MiB%n", o.accounts(), o.regions(),
                String.join(",", model.regions), model.awsResources(), o.oktaUsers(), o.googleUsers(), model.people,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), SyncBenchHeap.max() >> 20);
        if (o.stubLatencyMs() > 0) {
            out.println("Every stub answer waits " + o.stubLatencyMs() + " ms first, like a network round trip");
        }
        out.println("Load average before: " + loadAverage());
        SyncBenchIdentity.Okta oktaHandler = new SyncBenchIdentity.Okta(model, o.oktaRateLimit());
        try (SyncBenchStub aws = new SyncBenchStub("aws", new SyncBenchAws(model), o.stubLatencyMs());
             SyncBenchStub okta = new SyncBenchStub("okta", oktaHandler, o.stubLatencyMs());
             SyncBenchStub google = new SyncBenchStub("google", new SyncBenchIdentity.Google(model), o.stubLatencyMs())) {
            oktaHandler.base(okta.baseUrl());
            long start = System.nanoTime();
            try (SyncBenchApp app = new SyncBenchApp(o.dbUrl(), o.dbUser(), o.dbPassword())) {
                out.printf(Locale.ROOT, "Evident started in %.1f s on PostgreSQL schema %s; heap used %d MiB%n",
                        (System.nanoTime() - start) / 1e9, app.schema, SyncBenchHeap.used() >> 20);
                Map<String, UUID> connections = connect(app, model, aws, okta, google);
                Map<String, SyncBenchStub> stubs = Map.of("aws", aws, "okta", okta, "google-workspace", google);
                List<List<ConnectorRun>> syncs = new ArrayList<>();
                for (int run = 1; run <= o.runs(); run++) {
                    List<ConnectorRun> runs = new ArrayList<>();
                    for (Map.Entry<String, UUID> c : connections.entrySet()) {
                        ConnectorRun r = sync(app, c.getKey(), c.getValue(), stubs.get(c.getKey()));
                        verify(model, r);
                        print(out, run, r);
                        runs.add(r);
                    }
                    syncs.add(runs);
                    summary(out, run, runs);
                }
                out.printf(Locale.ROOT, "Stub requests: AWS %,d, Okta %,d (%,d answered 429), Google %,d; AWS by operation: %s%n",
                        aws.requests(), okta.requests(), oktaHandler.limited(), google.requests(), aws.operations());
                Map<String, Long> requests = Map.of("aws", aws.requests(), "okta", okta.requests(), "google",
                        google.requests());
                if (o.stubProbe() > 0) {
                    double rate = SyncBenchAws.probe(aws, o.stubProbe());
                    out.printf(Locale.ROOT, "AWS stub alone: %,d IAM ListMFADevices requests one after another from one "
                            + "client thread (java.net.http, keep-alive): %,.0f req/s%n", o.stubProbe(), rate);
                }
                Report report = evaluate(out, app, connections, o, model.expected(), syncs, requests);
                out.println("Load average after: " + loadAverage());
                return report;
            }
        }
    }

    private static Map<String, UUID> connect(SyncBenchApp app, SyncBenchModel model, SyncBenchStub aws, SyncBenchStub okta,
                                             SyncBenchStub google) throws Exception {
        Map<String, UUID> ids = new LinkedHashMap<>();
        ids.put("aws", app.connect("aws", "AWS organization", Map.of("accessKeyId", SyncBenchAws.HUB_KEY,
                "secretAccessKey", SyncBenchAws.SECRET, "organizationMode", "true", "memberRoleName", "EvidentReadOnly",
                "regions", String.join(",", model.regions), "endpointUrl", aws.baseUrl())));
        ids.put("okta", app.connect("okta", "Okta", Map.of("orgUrl", okta.baseUrl(), "apiToken", SyncBenchIdentity.OKTA_TOKEN,
                "allowHttpLocalhost", "true")));
        ids.put("google-workspace", app.connect("google-workspace", "Google Workspace", Map.of(
                "serviceAccountKey", SyncBenchIdentity.Google.serviceAccountKey(), "adminEmail",
                "admin@" + SyncBenchModel.DOMAIN, "customerId", "my_customer", "readSuspensionTimes", "true", "apiBaseUrl", google.baseUrl(), "tokenUrl", google.baseUrl() + "/token")));
        UUID hr = app.connect("hr-roster", "HR roster", Map.of());
        app.upload(hr, "roster", "roster.csv", model.roster());
        ids.put("hr-roster", hr);
        return ids;
    }

    /** One sync of one connection through the application's SyncEngine, as the scheduler runs it. */
    private static ConnectorRun sync(SyncBenchApp app, String connector, UUID connectionId, SyncBenchStub stub) {
        long requestsBefore = stub == null ? 0 : stub.requests();
        double stubBefore = stub == null ? 0 : stub.handlerSeconds();
        SyncBenchHeap heap = SyncBenchHeap.start();
        long start = System.nanoTime();
        SyncEngine.Outcome outcome = app.engine().sync(app.orgId, connectionId, SyncScheduler.SCHEDULED).orElseThrow();
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        SyncBenchHeap.Figures figures = heap.stop();
        // what the sync did after the source's last answer: mostly writing the inventory
        double afterLast = stub == null || stub.lastAnswerNanos() < start ? seconds : (end - stub.lastAnswerNanos()) / 1e9;
        String status = outcome.ok() ? "ok" : outcome.status() + ": " + app.syncError(outcome.syncId());
        return new ConnectorRun(connector, seconds, stub == null ? 0 : stub.requests() - requestsBefore,
                stub == null ? 0 : stub.handlerSeconds() - stubBefore, afterLast, figures, app.stored(connectionId), status);
    }

    /** The sync must have stored exactly what the stubs served, type by type: no empty or partial sync is measured. */
    static void verify(SyncBenchModel model, ConnectorRun run) {
        String prefix = switch (run.connector()) {
            case "google-workspace" -> "google.";
            case "hr-roster" -> "hr.";
            default -> run.connector() + ".";
        };
        Map<String, Integer> expected = new LinkedHashMap<>();
        model.expected().forEach((type, n) -> {
            if (type.startsWith(prefix) && n > 0) {
                expected.put(type, n);
            }
        });
        if (!"ok".equals(run.status()) || !new java.util.TreeMap<>(expected).equals(new java.util.TreeMap<>(run.stored()))) {
            throw new IllegalStateException("The " + run.connector() + " sync did not store what the stub served: status "
                    + run.status() + "; expected " + expected + ", stored " + run.stored());
        }
    }

    private static void print(PrintStream out, int run, ConnectorRun r) {
        out.printf(Locale.ROOT, "run %d %-17s %7.2f s (%.2f s after the last answer)  %,7d resources  %,7d requests  "
                        + "%,6.0f req/s  stub busy %4.1f %%  heap peak %,d MiB (pools %,d MiB, %,d MiB before)  %s%n", run,
                r.connector(), r.seconds(), r.afterLastRequest(), r.resources(), r.requests(), r.requests() / r.seconds(),
                100 * r.stubSeconds() / r.seconds(),
                r.heap().sampledPeak() >> 20, r.heap().poolPeak() >> 20, r.heap().baseline() >> 20, r.stored());
    }

    private static void summary(PrintStream out, int run, List<ConnectorRun> runs) {
        double seconds = runs.stream().mapToDouble(ConnectorRun::seconds).sum();
        long requests = runs.stream().mapToLong(ConnectorRun::requests).sum();
        int resources = runs.stream().mapToInt(ConnectorRun::resources).sum();
        long peak = runs.stream().mapToLong(r -> r.heap().sampledPeak()).max().orElse(0);
        out.printf(Locale.ROOT, "run %d total: %.2f s for %,d resources and %,d stub requests (%,.0f req/s over the whole "
                + "sync); peak heap %,d MiB of %,d MiB max%n", run, seconds, resources, requests, requests / seconds,
                peak >> 20, SyncBenchHeap.max() >> 20);
    }

    private static Report evaluate(PrintStream out, SyncBenchApp app, Map<String, UUID> connections, Options o,
                                   Map<String, Integer> expected, List<List<ConnectorRun>> syncs,
                                   Map<String, Long> stubRequests) {
        int checks = SyncBenchEvaluation.seed(app.context, app.orgId);
        double afterSync = 0;
        List<String> each = new ArrayList<>();
        for (Map.Entry<String, UUID> c : connections.entrySet()) {
            double s = SyncBenchEvaluation.afterSync(app.context, app.orgId, c.getValue());
            afterSync += s;
            each.add(String.format(Locale.ROOT, "%s %.2f s", c.getKey(), s));
        }
        out.printf(Locale.ROOT, "After-sync evaluation tasks (the checks each sync touched, recorded with evidence; %d checks "
                + "in the library): %.2f s (%s)%n", checks, afterSync, String.join(", ", each));
        List<SyncBenchEvaluation.Figures> evaluations = new ArrayList<>();
        for (int i = 1; i <= o.evaluationRuns(); i++) {
            SyncBenchEvaluation.Figures f = SyncBenchEvaluation.allBuiltIn(app.context, app.orgId, Instant.now());
            evaluations.add(f);
            out.printf(Locale.ROOT, "evaluation %d: %d built-in checks, %,d evaluations: load %.2f s, compile %.2f s, "
                            + "evaluate %.2f s = %.2f s; store %.2f s (%,d changes); outcomes %s%n", i, f.checks(),
                    f.evaluations(), f.load(), f.compile(), f.evaluate(), f.total(), f.store(), f.changes(), f.outcomes());
            f.errors().forEach(e -> out.println("  error: " + e));
        }
        List<Double> totals = evaluations.stream().map(SyncBenchEvaluation.Figures::total).sorted().toList();
        out.printf(Locale.ROOT, "Evaluation of all built-in checks (load + compile + evaluate): median %.2f s, best %.2f s%n",
                totals.get(totals.size() / 2), totals.get(0));
        return new Report(expected, syncs, stubRequests, afterSync, evaluations);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "(unknown)";
        }
    }
}
