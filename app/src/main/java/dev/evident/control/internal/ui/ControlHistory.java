package dev.evident.control.internal.ui;

import dev.evident.auditlog.AuditEntry;
import dev.evident.auditlog.AuditLog;
import dev.evident.auditlog.AuditQuery;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * A control's history, read from the audit log and told in words: "Changed the owner from nobody to
 * Ada Admin". It covers the entries about the control itself and the bulk operations (adoption,
 * imports) that named it since it was created.
 */
@Component
class ControlHistory {

    static final int LIMIT = 100;

    /** One change: when, by whom, what happened and the details. */
    record Line(Instant at, String who, String what, List<String> details) {
    }

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("ref", "Reference"), Map.entry("title", "Title"), Map.entry("domain", "Domain"),
            Map.entry("type", "Type"), Map.entry("nature", "Nature"), Map.entry("frequency", "Frequency"),
            Map.entry("owner", "Owner"), Map.entry("ownerRole", "Suggested owner role"),
            Map.entry("testMethod", "Test method"), Map.entry("criteria", "Criteria"),
            Map.entry("applicable", "Applicable"), Map.entry("notApplicableReason", "Why it does not apply"),
            Map.entry("status", "Status"));

    private static final Map<String, String> LONG_TEXTS = Map.of(
            "description", "Description changed", "testProcedure", "Test procedure changed",
            "evidence", "Expected evidence changed");

    private final AuditLog auditLog;
    private final ControlVocabulary vocabulary;

    ControlHistory(AuditLog auditLog, ControlVocabulary vocabulary) {
        this.auditLog = auditLog;
        this.vocabulary = vocabulary;
    }

    List<Line> of(Control control, List<MemberSummary> members) {
        List<AuditEntry> entries = new ArrayList<>(auditLog.search(control.orgId(),
                new AuditQuery(null, null, "control", control.id().toString(), null, null), PageRequest.first(LIMIT)).items());
        auditLog.search(control.orgId(), new AuditQuery("controls.*", null, null, null, control.createdAt(), null),
                PageRequest.first(LIMIT)).items().stream().filter(e -> names(e, control.ref())).forEach(entries::add);
        entries.sort(Comparator.comparingLong(AuditEntry::seq).reversed());
        return entries.stream().map(e -> line(e, control.ref(), members)).toList();
    }

    private static boolean names(AuditEntry bulk, String ref) {
        return bulk.summary().entrySet().stream()
                .filter(e -> List.of("refs", "added", "changed").contains(e.getKey()))
                .anyMatch(e -> Arrays.asList(String.valueOf(e.getValue()).split(",\\s*")).contains(ref));
    }

    private Line line(AuditEntry e, String ref, List<MemberSummary> members) {
        String who = who(e, members);
        Map<String, Object> s = e.summary();
        return switch (e.action()) {
            case "control.created" -> new Line(e.occurredAt(), who, "Wrote the control",
                    s.get("criteria") == null ? List.of() : List.of("Criteria: " + s.get("criteria")));
            case "control.updated" -> new Line(e.occurredAt(), who, "Edited the control", changes(s, members));
            case "control.status_changed" -> new Line(e.occurredAt(), who, statusChange(s.get("status")),
                    s.get("reason") == null ? List.of() : List.of(String.valueOf(s.get("reason"))));
            case "control.owner_unassigned" -> new Line(e.occurredAt(), who,
                    "Removed the owner " + s.get("formerOwner"), List.of("Why: " + s.get("reason")));
            case "controls.adopted" -> new Line(e.occurredAt(), who, "Adopted the control from the library",
                    List.of("From the " + vocabulary.libraryName(String.valueOf(s.get("library")))));
            case "controls.imported" -> new Line(e.occurredAt(), who, imported(s, ref),
                    List.of("File: " + s.get("file")));
            default -> new Line(e.occurredAt(), who, e.action(), List.of());
        };
    }

    private static String imported(Map<String, Object> s, String ref) {
        boolean added = Arrays.asList(String.valueOf(s.get("added")).split(",\\s*")).contains(ref);
        return added ? "Added the control by importing a file" : "Changed the control by importing a file";
    }

    private String who(AuditEntry e, List<MemberSummary> members) {
        if (e.actorId() != null && "USER".equals(e.actorType())) {
            for (MemberSummary m : members) {
                if (m.userId().toString().equals(e.actorId())) {
                    return m.displayName();
                }
            }
        }
        return e.actorLabel() == null ? "Evident" : e.actorLabel();
    }

    private static String statusChange(Object change) {
        if (change instanceof Map<?, ?> m) {
            return "Moved from " + status(m.get("from")) + " to " + status(m.get("to"));
        }
        return "Changed the status";
    }

    private List<String> changes(Map<String, Object> summary, List<MemberSummary> members) {
        List<String> details = new ArrayList<>();
        summary.forEach((field, value) -> {
            if (LONG_TEXTS.containsKey(field)) {
                details.add(LONG_TEXTS.get(field));
            } else if (FIELDS.containsKey(field) && value instanceof Map<?, ?> m) {
                details.add(FIELDS.get(field) + ": " + value(field, m.get("from"), members) + " → "
                        + value(field, m.get("to"), members));
            }
        });
        return details;
    }

    private String value(String field, Object raw, List<MemberSummary> members) {
        if (raw == null || String.valueOf(raw).isEmpty()) {
            return field.equals("owner") ? "nobody" : "none";
        }
        String text = String.valueOf(raw);
        return switch (field) {
            case "domain" -> vocabulary.domainName(text);
            case "owner" -> members.stream().filter(m -> m.email().equalsIgnoreCase(text)).map(MemberSummary::displayName)
                    .findFirst().orElse(text);
            case "applicable" -> Objects.equals(text, "true") ? "yes" : "no";
            case "status" -> status(text);
            case "type", "nature", "frequency", "testMethod" -> enumWords(text);
            default -> text;
        };
    }

    private static String status(Object raw) {
        return Arrays.stream(ControlStatus.values()).filter(s -> s.name().equals(String.valueOf(raw)))
                .map(ControlStatus::label).findFirst().orElse(String.valueOf(raw));
    }

    private static String enumWords(String name) {
        if (name.equals("REPERFORMANCE")) {
            return "Re-performance";
        }
        String words = name.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
