package dev.evident.integration.internal;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated organization of the sync benchmark (SyncBenchmark): how many resources of each kind
 * every AWS account and region holds, and the people, Okta users and Google users. Only counts are
 * kept; every attribute of a resource is derived from the seed and the resource's position by
 * {@link #roll}, so the stubs generate their answers on the fly and the same seed always gives the
 * same organization. {@link #expected()} is what a complete sync must store, type by type.
 */
final class SyncBenchModel {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2",
            "eu-central-1", "ap-northeast-1", "ca-central-1", "sa-east-1");
    static final String DOMAIN = "bench.example";

    /** Shares of the resources left after the one-per-scope types (accounts, detectors, trails). */
    static final Map<String, Double> WEIGHTS = weights();

    /** AWS managed KMS keys per account and region: listed and described, but not collected. */
    static final int AWS_MANAGED_KEYS = 3;

    final long seed;
    final Instant now;
    final List<String> accounts = new ArrayList<>();
    final List<String> regions;
    final int people;
    final int oktaUsers;
    final int googleUsers;
    /** Per account. */
    final int[] iamUsers;
    final int[] buckets;
    /** Per account and region. */
    final int[][] groups;
    final int[][] rdsInstances;
    final int[][] rdsClusters;
    final int[][] kmsKeys;
    /** The account's own trails whose home region is the region (the organization trail is extra). */
    final int[][] trails;

    SyncBenchModel(int accountCount, int regionCount, int resources, int oktaUsers, int googleUsers, long seed,
                   Instant now) {
        if (accountCount < 1 || accountCount > 1000) {
            throw new IllegalArgumentException("--accounts must be between 1 and 1000, was " + accountCount);
        }
        if (regionCount < 1 || regionCount > REGIONS.size()) {
            throw new IllegalArgumentException("--regions must be between 1 and " + REGIONS.size() + ", was " + regionCount);
        }
        if (oktaUsers < 0 || googleUsers < 0) {
            throw new IllegalArgumentException("--okta-users and --google-users must not be negative");
        }
        this.seed = seed;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.regions = REGIONS.subList(0, regionCount);
        this.oktaUsers = oktaUsers;
        this.googleUsers = googleUsers;
        this.people = Math.max(oktaUsers, googleUsers);
        for (int a = 0; a < accountCount; a++) {
            accounts.add(String.format(Locale.ROOT, "%012d", 100_000_000_000L + a * 1_111L));
        }
        trails = new int[accountCount][regionCount];
        int fixed = 0;
        for (int a = 0; a < accountCount; a++) {
            for (int r = 0; r < regionCount; r++) {
                // one multi-region trail per account, at home in the first region; some regional ones elsewhere
                trails[a][r] = r == 0 ? 1 : roll("trail", a, r) % 2 == 0 ? 1 : 0;
                fixed += trails[a][r];
            }
            fixed += 1 /* the organization trail */ + 1 /* aws.account */ + regionCount /* detectors */;
        }
        int rest = resources - fixed;
        if (rest < 0) {
            throw new IllegalArgumentException("--resources must be at least " + fixed + " for " + accountCount
                    + " accounts and " + regionCount + " regions (one account, trail and detector resource per scope)");
        }
        Map<String, Integer> totals = new LinkedHashMap<>();
        int assigned = 0;
        for (Map.Entry<String, Double> w : WEIGHTS.entrySet()) {
            int n = (int) Math.floor(rest * w.getValue());
            totals.put(w.getKey(), n);
            assigned += n;
        }
        totals.merge("aws.security_group", rest - assigned, Integer::sum);
        iamUsers = spread(totals.get("aws.iam_user"), accountCount);
        buckets = spread(totals.get("aws.s3_bucket"), accountCount);
        groups = spread(totals.get("aws.security_group"), accountCount, regionCount);
        rdsInstances = spread(totals.get("aws.rds_instance"), accountCount, regionCount);
        rdsClusters = spread(totals.get("aws.rds_cluster"), accountCount, regionCount);
        kmsKeys = spread(totals.get("aws.kms_key"), accountCount, regionCount);
    }

    private static Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("aws.security_group", 0.40);
        w.put("aws.kms_key", 0.20);
        w.put("aws.iam_user", 0.18);
        w.put("aws.s3_bucket", 0.12);
        w.put("aws.rds_instance", 0.07);
        w.put("aws.rds_cluster", 0.03);
        return w;
    }

    /** The resources a complete sync stores, by type. */
    Map<String, Integer> expected() {
        Map<String, Integer> m = new LinkedHashMap<>();
        int accountCount = accounts.size();
        m.put("aws.account", accountCount);
        m.put("aws.iam_user", sum(iamUsers));
        m.put("aws.s3_bucket", sum(buckets));
        m.put("aws.cloudtrail_trail", sum(trails) + accountCount);
        m.put("aws.rds_instance", sum(rdsInstances));
        m.put("aws.rds_cluster", sum(rdsClusters));
        m.put("aws.security_group", sum(groups));
        m.put("aws.kms_key", sum(kmsKeys));
        m.put("aws.guardduty_detector", accountCount * regions.size());
        m.put("okta.user", oktaUsers);
        m.put("okta.password_policy", 2);
        m.put("okta.mfa_enrollment_policy", 2);
        m.put("google.user", googleUsers);
        m.put("hr.person", people);
        return m;
    }

    int awsResources() {
        return expected().entrySet().stream().filter(e -> e.getKey().startsWith("aws."))
                .mapToInt(Map.Entry::getValue).sum();
    }

    String account(int a) {
        return accounts.get(a);
    }

    int accountIndex(String id) {
        return (int) ((Long.parseLong(id) - 100_000_000_000L) / 1_111L);
    }

    int regionIndex(String region) {
        return regions.indexOf(region);
    }

    /** Email of person p (also the Okta login and Google primary email of user p). */
    static String email(int p) {
        return String.format(Locale.ROOT, "person%05d@%s", p, DOMAIN);
    }

    /** Person p has left (HR end date in the past): about one in twenty. */
    boolean terminated(int p) {
        return roll("left", p) % 20 == 0;
    }

    /** A time that many days (plus some hours) before now. */
    Instant daysAgo(long days, long salt) {
        return now.minus(Duration.ofDays(days)).minus(Duration.ofMinutes(Math.floorMod(salt, 24 * 60)));
    }

    /** A number in [0, 2^31) that depends only on the seed and the parts: the model's source of variety. */
    int roll(String what, long... parts) {
        long h = seed * 0x9E3779B97F4A7C15L + what.hashCode();
        for (long p : parts) {
            h = mix(h ^ (p + 0x632BE59BD9B4E019L));
        }
        return (int) (mix(h) >>> 33);
    }

    /** True for about pct percent of the parts. */
    boolean chance(int pct, String what, long... parts) {
        return roll(what, parts) % 100 < pct;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] spread(int total, int slots) {
        int[] out = new int[slots];
        for (int i = 0; i < slots; i++) {
            out[i] = total / slots + (i < total % slots ? 1 : 0);
        }
        return out;
    }

    private static int[][] spread(int total, int accounts, int regions) {
        int[] flat = spread(total, accounts * regions);
        int[][] out = new int[accounts][regions];
        for (int i = 0; i < flat.length; i++) {
            out[i / regions][i % regions] = flat[i];
        }
        return out;
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    private static int sum(int[][] values) {
        int s = 0;
        for (int[] v : values) {
            s += sum(v);
        }
        return s;
    }

    /** The HR export: person p is Okta user p and Google user p; about one in twenty has left. */
    byte[] roster() {
        StringBuilder csv = new StringBuilder("Name,Email,Department,Manager,Employment Type,Start Date,End Date\n");
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String[] departments = {"Engineering", "Sales", "Support", "Finance", "Operations"};
        for (int p = 0; p < people; p++) {
            boolean contractor = chance(8, "contractor", p);
            String end = terminated(p) ? today.minusDays(3 + roll("endDate", p) % 200).toString()
                    : contractor && chance(80, "contractEnd", p) ? today.plusDays(30 + p % 300).toString() : "";
            csv.append("Person ").append(p).append(',').append(email(p)).append(',')
                    .append(departments[p % departments.length]).append(',').append(p == 0 ? "" : email((p - 1) / 8))
                    .append(',').append(contractor ? "Contractor" : "Employee").append(',')
                    .append(today.minusDays(400 + roll("startDate", p) % 2000)).append(',').append(end).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
