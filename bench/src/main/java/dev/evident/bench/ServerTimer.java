package dev.evident.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own measurement of a URI's requests, read from Micrometer's http.server.requests
 * timer at /actuator/prometheus: count and total seconds, so the mean server time of a measured
 * series is Δsum / Δcount, free of the client's share of the round trip.
 */
final class ServerTimer {

    record Reading(long count, double seconds) {
        double meanMillisSince(Reading before) {
            long n = count - before.count;
            return n == 0 ? Double.NaN : (seconds - before.seconds) / n * 1000;
        }
    }

    private ServerTimer() {
    }

    static Reading read(BenchClient client, String uriTemplate) throws IOException, InterruptedException {
        String metrics = client.metrics();
        return new Reading((long) sum(metrics, "http_server_requests_seconds_count", uriTemplate),
                sum(metrics, "http_server_requests_seconds_sum", uriTemplate));
    }

    /** Sums a metric over all its series for the URI (one per status, method, outcome). */
    private static double sum(String metrics, String name, String uri) {
        Pattern line = Pattern.compile("^" + name + "\\{(.*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("uri=\"" + uri + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
