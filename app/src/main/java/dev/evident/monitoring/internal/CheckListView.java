package dev.evident.monitoring.internal;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.ConnectorRegistry;
import dev.evident.monitoring.internal.CheckService.CheckState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rows of the checks list and its filters: status counts per check, the filter options found in
 * the checks themselves, failing checks first.
 */
final class CheckListView {

    /** The list's query parameters; blank means "any". {@code status} is failing, error, excepted, passing or disabled. */
    record Filter(String control, String criterion, String severity, String connector, String status, String q) {

        static Filter of(String control, String criterion, String severity, String connector, String status, String q) {
            return new Filter(blank(control), blank(criterion), blank(severity), blank(connector), blank(status), blank(q));
        }

        public boolean any() {
            return control != null || criterion != null || severity != null || connector != null || status != null
                    || q != null;
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** One check in the list. {@code controls} are keys with the library's title where it has one. */
    record Row(String id, String key, String title, String resourceType, String connector, String severity,
               int severityRank, List<Option> controls, List<String> criteria, boolean builtIn, boolean enabled,
               int passing, int failing, int excepted, int error) {

        public String status() {
            if (!enabled) {
                return "disabled";
            }
            if (failing > 0) {
                return "failing";
            }
            if (error > 0) {
                return "error";
            }
            if (passing + excepted == 0) {
                return "not-evaluated";
            }
            return excepted > 0 ? "excepted" : "passing";
        }

        public String statusLabel() {
            return switch (status()) {
                case "failing" -> "Failing";
                case "error" -> "Error";
                case "excepted" -> "Passing with exceptions";
                case "passing" -> "Passing";
                case "disabled" -> "Disabled";
                default -> "Not evaluated yet";
            };
        }

        boolean matches(Filter f) {
            return (f.control() == null || controls.stream().anyMatch(c -> c.value().equals(f.control())))
                    && (f.criterion() == null || criteria.contains(f.criterion()))
                    && (f.severity() == null || f.severity().equalsIgnoreCase(severity))
                    && (f.connector() == null || f.connector().equals(connector))
                    && (f.status() == null || statusMatches(f.status()))
                    && (f.q() == null || (key + " " + title).toLowerCase(Locale.ROOT).contains(f.q().toLowerCase(Locale.ROOT)));
        }

        private boolean statusMatches(String wanted) {
            return switch (wanted) {
                case "failing" -> enabled && failing > 0;
                case "error" -> enabled && error > 0;
                case "excepted" -> enabled && excepted > 0;
                case "passing" -> enabled && failing == 0 && error == 0 && passing + excepted > 0;
                default -> wanted.equals(status());
            };
        }
    }

    /** A choice in a filter's select. */
    record Option(String value, String text) {
    }

    static final List<Option> STATUSES = List.of(new Option("failing", "Failing"), new Option("error", "Error"),
            new Option("excepted", "With exceptions"), new Option("passing", "Passing"),
            new Option("not-evaluated", "Not evaluated yet"), new Option("disabled", "Disabled"));

    private CheckListView() {
    }

    static Row row(CheckState c, Map<Outcome, Integer> counts, Map<String, String> controlTitles, List<String> criteria) {
        CheckDefinition d = c.definition();
        List<Option> controls = d.controls().stream()
                .map(k -> new Option(k, controlTitles.getOrDefault(k, k))).toList();
        return new Row(c.row().id().toString(), c.row().key(), d.title(), d.resourceType(), connectorOf(d.resourceType()),
                d.severity().id(), d.severity().ordinal(), controls, criteria, c.row().builtIn(), c.row().enabled(),
                counts.getOrDefault(Outcome.PASS, 0), counts.getOrDefault(Outcome.FAIL, 0),
                counts.getOrDefault(Outcome.EXCEPTED, 0), counts.getOrDefault(Outcome.ERROR, 0));
    }

    /** The namespace of a resource type names its connector: github.member → github, hr.person → hr. */
    static String connectorOf(String resourceType) {
        int dot = resourceType == null ? -1 : resourceType.indexOf('.');
        return dot < 0 ? resourceType : resourceType.substring(0, dot);
    }

    /** Failing checks first (most failing resources, then severity), then errors, then the rest by severity and key. */
    static final Comparator<Row> ORDER = Comparator
            .comparingInt((Row r) -> r.enabled() ? 0 : 1)
            .thenComparingInt(r -> r.failing() > 0 ? 0 : r.error() > 0 ? 1 : 2)
            .thenComparing(Comparator.comparingInt(Row::severityRank).reversed())
            .thenComparing(Comparator.comparingInt(Row::failing).reversed())
            .thenComparing(Row::key);

    static List<Row> filter(List<Row> all, Filter f) {
        List<Row> out = new ArrayList<>(all.stream().filter(r -> r.matches(f)).toList());
        out.sort(ORDER);
        return out;
    }

    static List<Option> controlOptions(List<Row> rows) {
        Map<String, String> all = new TreeMap<>();
        rows.forEach(r -> r.controls().forEach(o -> all.put(o.value(), o.value().equals(o.text()) ? o.value()
                : o.value() + " " + o.text())));
        return all.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
    }

    static List<String> criterionOptions(List<Row> rows) {
        TreeSet<String> all = new TreeSet<>(Comparator.comparing(CheckListView::criterionSortKey));
        rows.forEach(r -> all.addAll(r.criteria()));
        return List.copyOf(all);
    }

    /** CC6.10 after CC6.9. */
    private static String criterionSortKey(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)")) {
            out.append(part.chars().allMatch(Character::isDigit) ? String.format("%05d", Integer.parseInt(part)) : part);
        }
        return out.toString();
    }

    static List<Option> connectorOptions(List<Row> rows, ConnectorRegistry registry) {
        Map<String, String> all = new TreeMap<>();
        rows.forEach(r -> all.put(r.connector(), connectorLabel(r.connector(), registry)));
        return all.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
    }

    /** The display name of the connector whose name is or starts with the namespace (hr → HR roster). */
    static String connectorLabel(String namespace, ConnectorRegistry registry) {
        for (ConnectorFactory f : registry.factories()) {
            if (f.name().equals(namespace) || f.name().startsWith(namespace + "-")) {
                return f.displayName();
            }
        }
        return namespace;
    }

    static Map<String, Integer> totals(List<Row> rows) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        totals.put("failing", (int) rows.stream().filter(r -> r.status().equals("failing")).count());
        totals.put("error", (int) rows.stream().filter(r -> r.status().equals("error")).count());
        totals.put("passing", (int) rows.stream().filter(r -> r.status().equals("passing") || r.status().equals("excepted"))
                .count());
        return totals;
    }
}
