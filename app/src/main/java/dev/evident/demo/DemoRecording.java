package dev.evident.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo company's recorded source data, shipped in the jar under {@code demo/recorded/} (written by
 * {@code app/tools/generate-demo-recording.py} and
 * {@code generate-demo-cloud-recordings.py}). Times are relative to the day of replay, written as
 * {@code {{ago:12d3h}}} (an instant that long before today's midnight, UTC) and {@code {{date:-9}}} (a date
 * that many days from today), so the company looks the same whenever the demo starts.
 */
final class DemoRecording {

    static final String GITHUB = "demo/recorded/github-brightwave.json";
    static final String OKTA = "demo/recorded/okta-brightwave.json";
    static final String GOOGLE = "demo/recorded/google-brightwave.json";
    static final String AWS = "demo/recorded/aws-brightwave.json";
    static final String HR_ROSTER = "demo/recorded/hr-roster.csv";

    private static final Pattern AGO = Pattern.compile("\\{\\{ago:(\\d+)d(?:(\\d+)h)?}}");
    private static final Pattern DATE = Pattern.compile("\\{\\{date:([+-]?\\d+)}}");

    private DemoRecording() {
    }

    static String read(String resource) {
        try (InputStream in = DemoRecording.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the demo recording " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the relative times with real ones for the current day. */
    static String render(String text, Clock clock) {
        Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS);
        LocalDate today = LocalDate.ofInstant(midnight, ZoneOffset.UTC);
        Matcher ago = AGO.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (ago.find()) {
            Duration back = Duration.ofDays(Long.parseLong(ago.group(1)))
                    .plusHours(ago.group(2) == null ? 0 : Long.parseLong(ago.group(2)));
            ago.appendReplacement(out, midnight.minus(back).toString());
        }
        ago.appendTail(out);
        Matcher date = DATE.matcher(out.toString());
        StringBuilder dated = new StringBuilder(out.length());
        while (date.find()) {
            date.appendReplacement(dated, today.plusDays(Long.parseLong(date.group(1))).toString());
        }
        date.appendTail(dated);
        return dated.toString();
    }
}
