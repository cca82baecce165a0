package dev.evident.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the application's own log says about its start, to compare with the wall time measured outside. */
final class StartupLog {

    private static final Pattern STARTED = Pattern.compile(
            "Started \\S+ in ([0-9]+(?:\\.[0-9]+)?) seconds \\(process running for ([0-9]+(?:\\.[0-9]+)?)\\)");
    private static final Pattern HEALTH_UP = Pattern.compile("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");

    private StartupLog() {
    }

    /**
     * Spring Boot's "Started X in 4.2 seconds (process running for 4.6)": the first number covers the
     * application context, the second the whole JVM up to that point.
     */
    record Started(double contextSeconds, double processSeconds) {
    }

    static Optional<Started> started(String log) {
        Matcher m = STARTED.matcher(log);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Started(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
    }

    /** True for a Spring Boot health document whose overall (first, top-level) status is UP. */
    static boolean healthIsUp(String body) {
        return body != null && HEALTH_UP.matcher(body).find();
    }
}
