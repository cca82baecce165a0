package dev.evident.connectors.hrroster;

import java.util.List;
import java.util.Locale;

/** The roster columns Evident understands, with the header names HR systems commonly export. */
enum Column {
    NAME("name", true, "name", "full name", "employee name", "display name"),
    EMAIL("email", true, "email", "work email", "email address", "work email address", "e mail", "business email"),
    DEPARTMENT("department", false, "department", "dept", "team"),
    MANAGER("manager", false, "manager", "manager email", "manager email address", "manager work email",
            "line manager email"),
    EMPLOYMENT_TYPE("employment type", false, "employment type", "type", "worker type", "employee type",
            "contract type"),
    START_DATE("start date", true, "start date", "hire date", "started", "start"),
    END_DATE("end date", false, "end date", "termination date", "term date", "leave date", "left", "end"),
    /** Other work addresses of the person (renamed mailboxes, a second domain), so their accounts still join. */
    ALIASES("other emails", false, "other emails", "other email", "aliases", "email aliases", "alias emails",
            "alternate emails", "alternate email", "secondary email", "secondary emails");

    private final String label;
    private final boolean required;
    private final List<String> aliases;

    Column(String label, boolean required, String... aliases) {
        this.label = label;
        this.required = required;
        this.aliases = List.of(aliases);
    }

    String label() {
        return label;
    }

    boolean required() {
        return required;
    }

    List<String> aliases() {
        return aliases;
    }

    boolean matches(String header) {
        return aliases.contains(normalise(header));
    }

    /** Case, spacing and punctuation do not matter: "Work_Email", "work-email" and "WORK EMAIL" are one header. */
    static String normalise(String header) {
        return header == null ? "" : header.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[\\s_\\-.:/()]+", " ").strip();
    }
}
