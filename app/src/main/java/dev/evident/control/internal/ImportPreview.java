package dev.evident.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An {@link ImportPlan} as the import page shows it: counts, and tables of what is added, changed
 * and removed, each cut at {@value #MAX_ROWS} rows so a large file still gives a readable page.
 */
record ImportPreview(String file, String sha256, int addedCount, int changedCount, int removedCount, int unchanged,
                     List<Row> added, List<ChangeRow> changed, List<Row> removed) {

    static final int MAX_ROWS = 500;

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("ref", "Id"), Map.entry("title", "Title"),
            Map.entry("description", "Description"), Map.entry("domain", "Domain"), Map.entry("type", "Type"),
            Map.entry("nature", "Nature"), Map.entry("frequency", "Frequency"), Map.entry("owner", "Owner"),
            Map.entry("ownerRole", "Owner role"), Map.entry("testMethod", "Test method"),
            Map.entry("testProcedure", "Test procedure"), Map.entry("evidence", "Evidence"),
            Map.entry("criteria", "Criteria"), Map.entry("applicable", "Applicable"),
            Map.entry("notApplicableReason", "Why not applicable"));
    private static final Set<String> ENUMS = Set.of("type", "nature", "frequency", "testMethod");

    /** @param note extra words: the status a removed control loses */
    record Row(String ref, String title, String note) {
    }

    /** @param from null (with to null) when a long text changed and only that is shown */
    record FieldChange(String label, String from, String to) {
        public boolean textChanged() {
            return from == null && to == null;
        }
    }

    record ChangeRow(String ref, String title, List<FieldChange> fields) {
    }

    static ImportPreview of(ImportPlan plan) {
        List<Row> added = plan.added().stream().limit(MAX_ROWS)
                .map(a -> new Row(a.ref(), a.definition().title(), null)).toList();
        List<ChangeRow> changed = plan.changed().stream().limit(MAX_ROWS)
                .map(c -> new ChangeRow(c.ref(), c.after().title(), fields(c.changes()))).toList();
        List<Row> removed = plan.removed().stream().limit(MAX_ROWS)
                .map(c -> new Row(c.ref(), c.title(), c.status().label())).toList();
        return new ImportPreview(plan.file(), plan.sha256(), plan.added().size(), plan.changed().size(),
                plan.removed().size(), plan.unchanged(), added, changed, removed);
    }

    public boolean changesAnything() {
        return addedCount + changedCount + removedCount > 0;
    }

    public int maxRows() {
        return MAX_ROWS;
    }

    private static List<FieldChange> fields(Map<String, Object> changes) {
        List<FieldChange> fields = new ArrayList<>();
        changes.forEach((field, change) -> {
            String label = LABELS.getOrDefault(field, field);
            if (change instanceof Map<?, ?> fromTo) {
                fields.add(new FieldChange(label, show(field, fromTo.get("from")), show(field, fromTo.get("to"))));
            } else {
                fields.add(new FieldChange(label, null, null));
            }
        });
        return fields;
    }

    private static String show(String field, Object value) {
        if (value == null) {
            return "(none)";
        }
        String text = value.toString();
        return ENUMS.contains(field) ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The flash message after applying. */
    static String outcome(ImportPlan plan) {
        if (!plan.changesAnything()) {
            return plan.file() + " matches your controls; nothing needed to change.";
        }
        return "Imported " + plan.file() + ": " + count(plan.added().size(), "added") + ", "
                + count(plan.changed().size(), "changed") + ", " + count(plan.removed().size(), "removed") + ".";
    }

    private static String count(int n, String what) {
        return n + " " + (n == 1 ? "control" : "controls") + " " + what;
    }

    /** 16777216 → "16 MiB". */
    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
