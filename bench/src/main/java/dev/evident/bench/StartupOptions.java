package dev.evident.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Command-line options of {@link StartupBenchmark}. Parsing is strict: an unknown option or a value
 * out of range is an error naming the allowed values, never silently ignored.
 */
record StartupOptions(int runs, Path jar, Database db, String dbUrl, String dbUser, String dbPassword,
                      int idleSeconds, int startTimeoutSeconds, List<String> javaOpts, String java,
                      int waitQuietSeconds, OptionalDouble maxOtherCores, boolean keepData, boolean help) {

    enum Database {
        H2("H2"), POSTGRES("PostgreSQL");

        private final String displayName;

        Database(String displayName) {
            this.displayName = displayName;
        }

        String displayName() {
            return displayName;
        }
    }

    static final String USAGE = """
            Usage: startup.sh [options]
              --runs N              number of cold starts (default 5, 1..100)
              --jar PATH            the application jar (default app/target/evident.jar)
              --db h2|postgres      embedded H2 (default) or PostgreSQL
              --db-url URL          PostgreSQL JDBC URL on a loopback host, required with --db postgres
                                    (e.g. jdbc:postgresql://127.0.0.1:5432/postgres)
              --db-user NAME        PostgreSQL user (default postgres)
              --db-password PW      PostgreSQL password (default empty)
              --idle-seconds N      wait after ready before reading resident memory (default 10, 0..600)
              --start-timeout N     give up on a start after N seconds (default 60, 1..600)
              --java-opts "..."     JVM options for the application, split on whitespace (default none)
              --java PATH           java launcher (default: the one running this benchmark)
              --wait-quiet N        before each run, wait up to N seconds until other processes use less
                                    than a quarter of a core (default 0: do not wait); for shared machines
              --max-other-cores X   discard and repeat a run during which other processes used more than X
                                    cores on average (at most 3 attempts per run; default: keep every run)
              --keep-data           keep each run's data directory and log instead of deleting them
              --help                print this text
            """;

    private static final Set<String> FLAGS = Set.of("--keep-data", "--help");
    private static final Set<String> VALUED = Set.of("--runs", "--jar", "--db", "--db-url", "--db-user",
            "--db-password", "--idle-seconds", "--start-timeout", "--java-opts", "--java", "--wait-quiet", "--max-other-cores");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final String PG_PREFIX = "jdbc:postgresql://";

    static StartupOptions parse(String... args) {
        Map<String, String> values = collect(args);
        Database db = database(values.getOrDefault("--db", "h2"));
        String dbUrl = values.get("--db-url");
        if (db == Database.POSTGRES) {
            requireLoopbackPostgresUrl(dbUrl);
        } else if (dbUrl != null) {
            throw new IllegalArgumentException("--db-url is only used with --db postgres");
        }
        return new StartupOptions(
                intValue(values, "--runs", 5, 1, 100),
                Path.of(values.getOrDefault("--jar", "app/target/evident.jar")),
                db,
                dbUrl,
                values.getOrDefault("--db-user", "postgres"),
                values.getOrDefault("--db-password", ""),
                intValue(values, "--idle-seconds", 10, 0, 600),
                intValue(values, "--start-timeout", 60, 1, 600),
                splitJavaOpts(values.getOrDefault("--java-opts", "")),
                values.getOrDefault("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                intValue(values, "--wait-quiet", 0, 0, 3600),
                optionalDouble(values, "--max-other-cores", 0.01, 64),
                values.containsKey("--keep-data"),
                values.containsKey("--help"));
    }

    /** What a results row is labelled with: the database and any JVM options. */
    String setupLabel() {
        return db.displayName() + (javaOpts.isEmpty() ? "" : " + `" + String.join(" ", javaOpts) + "`");
    }

    static List<String> splitJavaOpts(String raw) {
        String trimmed = raw.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /** The host part of a PostgreSQL JDBC URL: {@code jdbc:postgresql://HOST[:port]/db?params}. */
    static String postgresHost(String url) {
        String rest = url.substring(PG_PREFIX.length());
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close < 0 ? rest : rest.substring(0, close + 1);
        }
        int end = rest.length();
        for (char stop : new char[] {':', '/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return rest.substring(0, end);
    }

    private static Map<String, String> collect(String[] args) {
        Map<String, String> values = new TreeMap<>();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (FLAGS.contains(name) && value == null) {
                values.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = rest.remove(0);
                }
                values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'; allowed: " + allowedOptions());
            }
        }
        return values;
    }

    private static String allowedOptions() {
        Set<String> all = new TreeSet<>(FLAGS);
        all.addAll(VALUED);
        return String.join(", ", all);
    }

    private static Database database(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "h2" -> Database.H2;
            case "postgres", "postgresql" -> Database.POSTGRES;
            default -> throw new IllegalArgumentException("--db must be h2 or postgres, was '" + raw + "'");
        };
    }

    private static void requireLoopbackPostgresUrl(String url) {
        if (url == null) {
            throw new IllegalArgumentException("--db postgres needs --db-url, e.g. "
                    + PG_PREFIX + "127.0.0.1:5432/postgres");
        }
        if (!url.startsWith(PG_PREFIX)) {
            throw new IllegalArgumentException("--db-url must start with " + PG_PREFIX + ", was '" + url + "'");
        }
        String host = postgresHost(url);
        if (!LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--db-url must point at a loopback host (127.0.0.1, localhost, [::1]),"
                    + " was '" + host + "'");
        }
    }

    private static OptionalDouble optionalDouble(Map<String, String> values, String name, double min, double max) {
        String raw = values.get(name);
        if (raw == null) {
            return OptionalDouble.empty();
        }
        double value;
        try {
            value = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + raw + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + raw);
        }
        return OptionalDouble.of(value);
    }

    private static int intValue(Map<String, String> values, String name, int defaultValue, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
