package dev.evident.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formatting helpers for templates, used as {@code ${@fmt.instant(x)}}. Times are shown in UTC. */
@Component("fmt")
class Formats {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final Clock clock;

    Formats(Clock clock) {
        this.clock = clock;
    }

    public String instant(Instant instant) {
        return instant == null ? "—" : INSTANT.format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String ago(Instant instant) {
        if (instant == null) {
            return "never";
        }
        Duration d = Duration.between(instant, clock.instant());
        if (d.isNegative()) {
            return "in " + human(d.negated());
        }
        return d.toSeconds() < 60 ? "just now" : human(d) + " ago";
    }

    private static String human(Duration d) {
        if (d.toMinutes() < 60) {
            return Math.max(1, d.toMinutes()) + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }

    /** An audit summary as "key: value" pairs; a change {from, to} reads "from → to". */
    public String summary(java.util.Map<String, Object> summary) {
        if (summary == null || summary.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        summary.forEach((key, value) -> {
            if (sb.length() > 0) {
                sb.append(" · ");
            }
            sb.append(key).append(": ").append(describe(value));
        });
        return sb.toString();
    }

    private static String describe(Object value) {
        if (value instanceof java.util.Map<?, ?> map && map.size() == 2 && map.containsKey("from") && map.containsKey("to")) {
            return (map.get("from") == null ? "—" : map.get("from")) + " → " + (map.get("to") == null ? "—" : map.get("to"));
        }
        return String.valueOf(value);
    }

    /** Client addresses as people write them: IPv6 in its short form (::1, not 0:0:0:0:0:0:0:1). */
    public String ip(String address) {
        if (address == null || !address.contains(":")) {
            return address;
        }
        try {
            return java.net.InetAddress.getByName(address).getHostAddress().replaceFirst("(^|:)(0+(:|$)){2,8}", "::")
                    .replaceFirst(":::", "::");
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** A percentage as readiness shows it: "42.5 %", or "40 %" for a whole number. */
    public String percent(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(java.util.Locale.ROOT, "%.1f", value)) + " %";
    }

    public String shortHash(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(12, hash.length())) + "…";
    }

    public String label(String enumName) {
        if (enumName == null) {
            return "";
        }
        String s = enumName.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
