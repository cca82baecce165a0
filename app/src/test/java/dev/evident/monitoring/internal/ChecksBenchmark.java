package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.BenchChecks.Paired;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Issue 5's monitoring benchmark on PostgreSQL (run with bench/checks.sh; results in docs/benchmarks.md):
 * <ol>
 *   <li>one evaluation run of 60 checks over a generated 100,000-resource inventory: the checks and the
 *       inventory loaded from PostgreSQL through the real stores, compiled by CheckCompiler, evaluated by
 *       CheckEvaluator (the engine's evaluation step), then the results written as intervals by
 *       CheckEvaluation.record (ResultIntervals) — timed step by step over warm-up and measured runs;</li>
 *   <li>the pure evaluation rate of the CEL path over the in-memory snapshot next to hand-written Java
 *       predicates deciding the same checks (JavaChecks), with every outcome compared;</li>
 *   <li>the storage a year of hourly evaluation takes when 1 % of outcomes change per day (StorageYear).</li>
 * </ol>
 * It lives in the app's test sources because the engine is package-private and the bench module
 * cannot depend on the repackaged application jar.
 */
public final class ChecksBenchmark {

    static final double TARGET_SECONDS = 5.0;
    static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    private ChecksBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || !arg.startsWith("--") || !arg.contains("=")) {
                System.out.println("""
                        Usage: bench/checks.sh [--db-url=jdbc:postgresql://127.0.0.1:5432/postgres] [--db-user=postgres]
                               [--db-password=] [--resources=100000] [--seed=1] [--warmups=2] [--runs=5] [--rate-runs=3]
                               [--days=365 (0: no storage simulation)] [--daily-change=0.01] [--verify-days=2]
                        Generates the inventory into a fresh schema, times load + compile + evaluate of 60 checks
                        and the interval writes, compares the CEL path with hand-written Java, then simulates a
                        year of hourly evaluation and reports the size of the monitoring tables.""");
                System.exit(arg.equals("--help") ? 0 : 2);
            }
            o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int resources = Integer.parseInt(o.getOrDefault("resources", "100000"));
        int warmups = Integer.parseInt(o.getOrDefault("warmups", "2"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "5"));
        int rateRuns = Integer.parseInt(o.getOrDefault("rate-runs", "3"));
        System.out.printf(Locale.ROOT, "Monitoring benchmark: %,d resources, 60 checks, java %s, %d cores, max heap %d MiB%n",
                resources, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("Load average before: " + loadAverage());
        MutableClock clock = new MutableClock(START);
        try (BenchDatabase db = new BenchDatabase(o.getOrDefault("db-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""))) {
            System.out.println("PostgreSQL " + db.serverVersion() + ", schema " + db.schema);
            long t = System.nanoTime();
            List<BenchInventory.Resource> generated = new BenchInventory(resources,
                    Long.parseLong(o.getOrDefault("seed", "1")), START).generate();
            db.organization(START);
            db.write(generated, START.minus(Duration.ofMinutes(5)));
            List<Paired> paired = BenchChecks.all();
            db.store(paired, START);
            System.out.printf(Locale.ROOT, "Setup (not timed against the target): %,d resources written through InventoryStore "
                    + "and 60 checks through Checks in %.1f s%n", db.count("integration_resource"), seconds(t));
            AtomicLong events = new AtomicLong();
            ApplicationEventPublisher publisher = event -> events.incrementAndGet();
            ResultIntervals intervals = new ResultIntervals(db.jdbc, db.named, clock);
            CheckEvaluation evaluation = new CheckEvaluation(null, new CheckCompiler(), intervals, null, null, null, null,
                    null, db.transaction, publisher, clock);

            List<Run> measured = new ArrayList<>();
            Run last = null;
            for (int i = 1 - warmups; i <= runs; i++) {
                last = null; // the previous run's snapshot and results can go before this run builds its own
                last = run(db, evaluation, clock.instant());
                System.out.printf(Locale.ROOT, "%-9s load %.2f s, compile %.2f s, evaluate %.2f s = %.2f s (target <= %.0f s: %s;"
                                + " thread CPU %.2f + %.2f + %.2f = %.2f s); store %.2f s (CPU %.2f s, %,d changes); %,d evaluations%n",
                        i < 1 ? "warm-up " + (i + warmups) : "run " + i, last.wall()[0], last.wall()[1], last.wall()[2],
                        last.total(), TARGET_SECONDS, last.total() <= TARGET_SECONDS ? "met" : "NOT met", last.cpu()[0],
                        last.cpu()[1], last.cpu()[2], last.totalCpu(), last.wall()[3], last.cpu()[3], last.changes(),
                        last.evaluations());
                if (i >= 1) {
                    measured.add(last.figures());
                }
                clock.tick(Duration.ofHours(1));
            }
            summary(measured);
            rate(paired, last, clock.instant(), rateRuns);
            int days = Integer.parseInt(o.getOrDefault("days", "365"));
            if (days > 0) {
                new StorageYear(db, evaluation, clock, last.states, last.results, days,
                        Double.parseDouble(o.getOrDefault("daily-change", "0.01")),
                        Integer.parseInt(o.getOrDefault("verify-days", "2"))).simulate();
            }
        }
        System.out.println("Load average after: " + loadAverage());
    }

    /**
     * One evaluation run's steps (load, compile, evaluate, store), wall and CPU seconds of this thread
     * (the CPU figure leaves out PostgreSQL, the JIT and GC, and what other processes took from it).
     */
    record Run(double[] wall, double[] cpu, long evaluations, int changes, List<CheckState> states,
               List<List<ResourceResult>> results, InventorySnapshot snapshot) {

        double total() {
            return wall[0] + wall[1] + wall[2];
        }

        double totalCpu() {
            return cpu[0] + cpu[1] + cpu[2];
        }

        /** The timings without the snapshot and results, which take hundreds of megabytes at full size. */
        Run figures() {
            return new Run(wall, cpu, evaluations, changes, null, null, null);
        }
    }

    static Run run(BenchDatabase db, CheckEvaluation evaluation, Instant now) {
        Steps steps = new Steps();
        List<CheckState> states = db.loadChecks();
        InventorySnapshot snapshot = new InventorySnapshot(db.inventory.inventory(), db.orgId);
        Set<String> types = new LinkedHashSet<>();
        states.forEach(s -> types.addAll(s.definition().typesRead()));
        types.forEach(snapshot::resources);
        steps.next();
        // A fresh compiler per run: the application keeps compiled programs, so this is the cold case.
        CheckCompiler compiler = new CheckCompiler();
        List<CompiledCheck> compiled = states.stream().map(s -> compiler.compile(s.definition())).toList();
        steps.next();
        List<List<ResourceResult>> results = Agreement.cel(compiled, snapshot, now);
        steps.next();
        int changes = 0;
        for (int i = 0; i < states.size(); i++) {
            changes += evaluation.record(db.orgId, states.get(i), results.get(i), List.of(), now, true);
        }
        steps.next();
        long evaluations = results.stream().mapToLong(List::size).sum();
        return new Run(steps.wall, steps.cpu, evaluations, changes, states, results, snapshot);
    }

    /** Wall and thread CPU time of consecutive steps. */
    private static final class Steps {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        final double[] wall = new double[4];
        final double[] cpu = new double[4];
        private int step;
        private long wallAt = System.nanoTime();
        private long cpuAt = THREADS.getCurrentThreadCpuTime();

        void next() {
            long w = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            wall[step] = (w - wallAt) / 1e9;
            cpu[step] = (c - cpuAt) / 1e9;
            step++;
            wallAt = w;
            cpuAt = c;
        }
    }

    private static void summary(List<Run> runs) {
        List<Double> totals = runs.stream().map(Run::total).sorted().toList();
        double median = median(totals);
        System.out.printf(Locale.ROOT, "Load + compile + evaluate over %d measured runs: median %.2f s, best %.2f s, worst %.2f s "
                        + "(target <= %.0f s: %s); thread CPU median %.2f s, best %.2f s%n", runs.size(), median, totals.get(0),
                totals.get(totals.size() - 1), TARGET_SECONDS, median <= TARGET_SECONDS ? "met" : "NOT met",
                median(runs.stream().map(Run::totalCpu).toList()), runs.stream().mapToDouble(Run::totalCpu).min().orElse(0));
        String[] names = {"load", "compile", "evaluate", "store"};
        StringBuilder steps = new StringBuilder("Medians per step (wall / thread CPU):");
        for (int i = 0; i < names.length; i++) {
            int step = i;
            steps.append(String.format(Locale.ROOT, " %s %.2f / %.2f s;", names[i],
                    median(runs.stream().map(r -> r.wall()[step]).toList()), median(runs.stream().map(r -> r.cpu()[step]).toList())));
        }
        System.out.println(steps);
    }

    /** Evaluations per second of the CEL path and of the Java twins over one in-memory snapshot, best of n each. */
    private static void rate(List<Paired> paired, Run run, Instant now, int n) {
        Map<String, Paired> byKey = new LinkedHashMap<>();
        paired.forEach(p -> byKey.put(p.definition().key(), p));
        List<Paired> ordered = run.states().stream().map(s -> byKey.get(s.definition().key())).toList();
        List<CompiledCheck> compiled = Agreement.compile(new CheckCompiler(), ordered);
        double cel = Double.MAX_VALUE;
        double java = Double.MAX_VALUE;
        double celCpu = Double.MAX_VALUE;
        double javaCpu = Double.MAX_VALUE;
        List<List<ResourceResult>> celResults = null;
        List<List<ResourceResult>> javaResults = null;
        Map<String, Map<String, List<Map<String, Object>>>> javaIndexes = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            Steps steps = new Steps();
            celResults = Agreement.cel(compiled, run.snapshot(), now);
            steps.next();
            javaResults = Agreement.java(ordered, run.snapshot(), now, javaIndexes);
            steps.next();
            cel = Math.min(cel, steps.wall[0]);
            celCpu = Math.min(celCpu, steps.cpu[0]);
            java = Math.min(java, steps.wall[1]);
            javaCpu = Math.min(javaCpu, steps.cpu[1]);
        }
        Agreement.Report report = Agreement.compare(ordered, celResults, javaResults);
        long e = report.evaluations();
        System.out.printf(Locale.ROOT, "Pure evaluation (in-memory snapshot, best of %d, join indexes built once per snapshot for both):"
                        + " CEL %,.0f evaluations/s (%.2f s; %,.0f per thread CPU s), hand-written Java %,.0f evaluations/s (%.2f s;"
                        + " %,.0f per thread CPU s): Java/CEL = %.1f (by CPU %.1f); %,d evaluations compared, %,d mismatches%n",
                n, e / cel, cel, e / celCpu, e / java, java, e / javaCpu, cel / java, celCpu / javaCpu, e, report.mismatches());
        report.examples().forEach(m -> System.out.println("  mismatch: " + m));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "(unknown)";
        }
    }
}
