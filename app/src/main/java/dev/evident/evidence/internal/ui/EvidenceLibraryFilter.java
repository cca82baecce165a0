package dev.evident.evidence.internal.ui;

import dev.evident.evidence.EvidenceKind;
import dev.evident.evidence.internal.EvidenceFilter;
import dev.evident.shared.problem.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The library's filters as typed into the form, sent back so the form shows them.
 *
 * @param stale  "true" for items linked to controls whose coverage is stale
 * @param status "all" to include superseded and removed items; current items otherwise
 * @param cursor where "load more" goes on
 */
record EvidenceLibraryFilter(String q, String control, String program, String from, String to, String source,
                             String kind, String stale, String status, String cursor) {

    boolean any() {
        return present(q) || present(control) || present(program) || present(from) || present(to) || present(source)
                || present(kind) || present(stale) || present(status);
    }

    public boolean staleOnly() {
        return "true".equalsIgnoreCase(trim(stale));
    }

    UUID controlId() {
        return uuid("control", control);
    }

    UUID programId() {
        return uuid("program", program);
    }

    /** The filter for the evidence search; a value that cannot be read is an error naming its field. */
    EvidenceFilter parse() {
        if (present(stale) && !List.of("true", "false").contains(trim(stale).toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("stale", "must be true or false");
        }
        if (present(status) && !List.of("current", "all").contains(trim(status))) {
            throw new InvalidInputException("status", "must be current or all");
        }
        String sourceType = null;
        if (present(source)) {
            sourceType = trim(source).toUpperCase(Locale.ROOT);
            if (!List.of("USER", "API_TOKEN", "CONNECTOR", "SYSTEM").contains(sourceType)) {
                throw new InvalidInputException("source", "'" + source + "' is not one of USER, API_TOKEN, CONNECTOR, SYSTEM");
            }
        }
        EvidenceKind kindValue = null;
        if (present(kind)) {
            try {
                kindValue = EvidenceKind.valueOf(trim(kind).toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("kind", "'" + kind + "' is not a kind of evidence");
            }
        }
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw new InvalidInputException("to", "is before from");
        }
        return new EvidenceFilter(controlId(), programId(), fromDate, toDate, kindValue, sourceType, q,
                "all".equals(trim(status)));
    }

    private static UUID uuid(String field, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return UUID.fromString(trim(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be an id");
        }
    }

    private static LocalDate date(String field, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return LocalDate.parse(trim(value));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date written as YYYY-MM-DD, was '" + value + "'");
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
