package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A year of hourly evaluation against a simulated clock, written through the real interval code
 * (CheckEvaluation.record, ResultIntervals): every day a share of all outcomes flips (pass to fail or
 * back) at one hour of that day and every check's results are recorded. The other 23 hourly runs of
 * the day see the same outcomes; the engine writes nothing for them (only changes open and close
 * intervals), which the first days verify by running some of them and counting rows, so the rest are
 * skipped.
 */
final class StorageYear {

    /** The tables results live in (the monitoring_result_interval view joins the first two). */
    static final List<String> HISTORY = List.of("monitoring_result_subject", "monitoring_result_span");
    static final List<String> TABLES = List.of("monitoring_result_subject", "monitoring_result_span", "monitoring_check",
            "monitoring_check_version", "monitoring_check_exception");
    private static final long GIB = 1L << 30;
    /** Unchanged hours run (and checked) on each of the first days, before and after the change. */
    private static final int VERIFIED_HOURS_PER_DAY = 3;

    private final BenchDatabase db;
    private final CheckEvaluation evaluation;
    private final MutableClock clock;
    private final List<CheckState> states;
    private final List<List<ResourceResult>> results = new ArrayList<>();
    private final int days;
    private final double dailyChange;
    private final int verifyDays;
    private final long[] starts;
    private final long outcomes;
    /** Runs VACUUM when autovacuum would, if the server has autovacuum off (as a development server may). */
    private final boolean emulateAutovacuum;
    private int vacuums;

    StorageYear(BenchDatabase db, CheckEvaluation evaluation, MutableClock clock, List<CheckState> states,
                List<List<ResourceResult>> current, int days, double dailyChange, int verifyDays) {
        this.db = db;
        this.evaluation = evaluation;
        this.clock = clock;
        this.states = states;
        current.forEach(r -> results.add(new ArrayList<>(r)));
        this.days = days;
        this.dailyChange = dailyChange;
        this.verifyDays = verifyDays;
        this.starts = new long[results.size() + 1];
        for (int i = 0; i < results.size(); i++) {
            starts[i + 1] = starts[i] + results.get(i).size();
        }
        this.outcomes = starts[results.size()];
        this.emulateAutovacuum = !db.autovacuum();
    }

    void simulate() {
        int perDay = (int) Math.round(outcomes * dailyChange);
        long initialRows = db.count("monitoring_result_interval");
        long initialBytes = bytes();
        System.out.printf(Locale.ROOT, "Storage: %,d outcomes (check x resource), %,d intervals after the first evaluation "
                        + "= %s; simulating %d days of hourly evaluation, %,d outcomes (%.2f %%) changing per day%n",
                outcomes, initialRows, size(initialBytes), days, perDay, dailyChange * 100);
        System.out.println(emulateAutovacuum ? "The server has autovacuum off: the simulation runs VACUUM on the result "
                + "tables whenever the default autovacuum settings would (dead rows > 50 + 20 % of live rows), checked daily"
                : "The server's autovacuum is on and left to itself");
        Random random = new Random(42);
        Instant firstDay = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        long begin = System.nanoTime();
        int verified = 0;
        int skipped = 0;
        for (int day = 0; day < days; day++) {
            int hour = random.nextInt(24);
            Instant dayStart = firstDay.plus(Duration.ofDays(day));
            int ran = 0;
            if (day < verifyDays) {
                // Hours before the change see yesterday's outcomes, hours after it today's: both unchanged.
                for (int h = 0; h < hour && ran < VERIFIED_HOURS_PER_DAY; h++, ran++) {
                    verifyUnchanged(dayStart.plus(Duration.ofHours(h)));
                }
            }
            flip(perDay, random, day);
            int changes = recordAll(dayStart.plus(Duration.ofHours(hour)));
            if (changes != perDay) {
                throw new IllegalStateException("day " + (day + 1) + ": " + changes + " changes recorded, " + perDay + " made");
            }
            if (day < verifyDays) {
                for (int h = hour + 1; h < 24 && ran < 2 * VERIFIED_HOURS_PER_DAY; h++, ran++) {
                    verifyUnchanged(dayStart.plus(Duration.ofHours(h)));
                }
                verified += ran;
            }
            skipped += 23 - ran;
            for (String table : HISTORY) {
                if (emulateAutovacuum && db.vacuumLikeAutovacuum(table)) {
                    vacuums++;
                }
            }
            if ((day + 1) % 30 == 0 || day + 1 == days) {
                System.out.printf(Locale.ROOT, "  day %3d: %,d intervals, %s, %d vacuums, %.0f s elapsed%n", day + 1,
                        db.count("monitoring_result_interval"), size(bytes()), vacuums, ChecksBenchmark.seconds(begin));
            }
        }
        long rows = db.count("monitoring_result_interval");
        long total = bytes();
        System.out.printf(Locale.ROOT, "Hourly runs: %,d with changes recorded, %,d unchanged ones run and verified to write "
                + "nothing, %,d unchanged ones skipped for that reason (%,d simulated in all)%n", days, verified, skipped,
                days + verified + skipped);
        for (String table : TABLES) {
            System.out.printf(Locale.ROOT, "  %-28s %s (indexes %s)%n", table, size(db.totalSize(table)),
                    size(db.indexSize(table)));
        }
        db.jdbc.sql("""
                SELECT indexname, pg_relation_size(CAST(schemaname || '.' || indexname AS regclass)) AS bytes
                FROM pg_indexes WHERE schemaname = :schema AND tablename IN ('monitoring_result_subject', 'monitoring_result_span')
                ORDER BY indexname""")
                .param("schema", db.schema).query((rs, n) -> String.format(Locale.ROOT, "    index %-28s %s",
                        rs.getString("indexname"), size(rs.getLong("bytes")))).list().forEach(System.out::println);
        double perYear = (total - initialBytes) * 365.0 / days;
        System.out.printf(Locale.ROOT, "Storage after %d days: %,d intervals, monitoring tables %s (target <= 1 GiB after "
                        + "365 days: %s); %.0f bytes per interval with indexes; growth %s per year (%,.0f intervals)%n",
                days, rows, size(total), days >= 365 ? (total <= GIB ? "met" : "NOT met") : "projected "
                        + size(initialBytes + (long) perYear) + (initialBytes + perYear <= GIB ? ", met" : ", NOT met"),
                (double) HISTORY.stream().mapToLong(db::totalSize).sum() / rows, size((long) perYear),
                (rows - initialRows) * 365.0 / days);
    }

    /** Runs an hour whose outcomes are those already recorded, and fails unless it wrote nothing at all. */
    private void verifyUnchanged(Instant at) {
        long rows = db.count("monitoring_result_interval");
        long open = openRows();
        int changes = recordAll(at);
        if (changes != 0 || db.count("monitoring_result_interval") != rows || openRows() != open) {
            throw new IllegalStateException("an unchanged hourly run at " + at + " recorded " + changes + " changes");
        }
    }

    /** Flips {@code n} distinct outcomes, chosen uniformly among all of them. */
    private void flip(int n, Random random, int day) {
        Set<Long> chosen = new HashSet<>();
        while (chosen.size() < n) {
            chosen.add((long) (random.nextDouble() * outcomes));
        }
        for (long g : chosen) {
            int check = check(g);
            List<ResourceResult> list = results.get(check);
            int i = (int) (g - starts[check]);
            ResourceResult r = list.get(i);
            boolean failing = r.outcome() == Outcome.FAIL;
            list.set(i, new ResourceResult(r.resourceType(), r.resourceKey(), r.resourceName(), r.connectionId(),
                    failing ? Outcome.PASS : Outcome.FAIL, failing ? null : "simulated change on day " + (day + 1)));
        }
    }

    private int check(long g) {
        int lo = 0;
        int hi = results.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= g) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** One hourly run's writes: every check's results recorded at {@code at}, as after a sync. */
    private int recordAll(Instant at) {
        clock.set(at);
        int changes = 0;
        for (int i = 0; i < states.size(); i++) {
            changes += evaluation.record(db.orgId, states.get(i), results.get(i), List.of(), at, true);
        }
        return changes;
    }

    private long openRows() {
        return db.jdbc.sql("SELECT COUNT(*) FROM monitoring_result_interval WHERE org_id = :org AND to_at IS NULL")
                .param("org", db.orgId).query(Long.class).single();
    }

    private long bytes() {
        return TABLES.stream().mapToLong(db::totalSize).sum();
    }

    static String size(long bytes) {
        return bytes >= GIB ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
