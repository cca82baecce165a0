package dev.evident.evidence.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.program.ReportType;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks evidence metadata field by field for one organization and reports every problem under the
 * caller's field names (the upload's {@code title}, a batch's {@code records[3].title}).
 */
final class EvidenceRules {

    static final int MAX_TITLE = 300;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_URL = 2000;
    static final int MAX_LINKS = 100;

    /** The validated interval and links. */
    record Placement(LocalDate from, LocalDate to, Instant collectedAt, List<UUID> controls, List<UUID> programs) {
    }

    private final Map<UUID, Control> controls;
    private final List<Program> programs;
    private final Clock clock;
    final List<FieldError> errors = new ArrayList<>();

    EvidenceRules(ControlDirectory controls, ProgramDirectory programs, UUID orgId, Clock clock) {
        this.controls = controls.controls(orgId).stream().collect(Collectors.toMap(Control::id, Function.identity()));
        this.programs = programs.programs(orgId);
        this.clock = clock;
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    String text(String field, String value, int max, boolean required) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (v.length() > max) {
            error(field, "must be at most " + max + " characters, has " + v.length());
            return null;
        }
        return v;
    }

    String url(String field, String value) {
        String v = text(field, value, MAX_URL, true);
        if (v == null) {
            return null;
        }
        try {
            URI uri = URI.create(v);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                error(field, "must be an http or https address, was '" + v + "'");
                return null;
            }
            return v;
        } catch (IllegalArgumentException e) {
            error(field, "is not a valid address: " + e.getMessage());
            return null;
        }
    }

    /**
     * The interval, collection time and links, checked together: the interval must overlap the period
     * of every linked program, or of some program when none is linked.
     */
    Placement placement(String prefix, String fromText, String toText, String collectedText, List<String> controlIds,
                        List<String> programIds) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = date(prefix + "effectiveFrom", fromText, true);
        LocalDate to = toText == null || toText.isBlank() ? from : date(prefix + "effectiveTo", toText, false);
        if (from != null && from.isAfter(today)) {
            error(prefix + "effectiveFrom", "is in the future (" + from + "); evidence proves what has happened");
        }
        if (from != null && to != null && to.isBefore(from)) {
            error(prefix + "effectiveTo", "must not be before effectiveFrom (" + from + "), was " + to);
        }
        Instant collectedAt = clock.instant();
        if (collectedText != null && !collectedText.isBlank()) {
            try {
                collectedAt = Instant.parse(collectedText.strip());
                if (collectedAt.isAfter(clock.instant().plusSeconds(300))) {
                    error(prefix + "collectedAt", "is in the future");
                }
            } catch (DateTimeParseException e) {
                error(prefix + "collectedAt", "must be an ISO-8601 instant such as 2027-03-31T12:00:00Z, was '" + collectedText + "'");
            }
        }
        List<UUID> linkedControls = ids(prefix + "controlIds", controlIds, "control", controls::containsKey);
        List<UUID> linkedPrograms = ids(prefix + "programIds", programIds, "program",
                id -> programs.stream().anyMatch(p -> p.id().equals(id)));
        if (from != null && to != null && !to.isBefore(from)) {
            checkPeriods(prefix, from, to, linkedPrograms);
        }
        return new Placement(from, to, collectedAt, linkedControls, linkedPrograms);
    }

    private void checkPeriods(String prefix, LocalDate from, LocalDate to, List<UUID> linkedPrograms) {
        if (programs.isEmpty()) {
            error(prefix + "effectiveFrom", "cannot be placed: this organization has no program yet, so there is no period "
                    + "for evidence to prove; set up a program first");
            return;
        }
        List<Program> relevant = linkedPrograms.isEmpty() ? programs
                : programs.stream().filter(p -> linkedPrograms.contains(p.id())).toList();
        List<String> outside = new ArrayList<>();
        boolean anyOverlap = false;
        for (Program p : relevant) {
            LocalDate[] window = window(p);
            boolean overlaps = !to.isBefore(window[0]) && !from.isAfter(window[1]);
            anyOverlap |= overlaps;
            if (!overlaps) {
                outside.add("'" + p.name() + "' (" + window[0] + " to " + window[1] + ")");
            }
        }
        if (!linkedPrograms.isEmpty() && !outside.isEmpty()) {
            error(prefix + "effectiveFrom", "the interval " + from + " to " + to + " lies outside the period of "
                    + String.join(", ", outside));
        } else if (linkedPrograms.isEmpty() && !anyOverlap) {
            error(prefix + "effectiveFrom", "the interval " + from + " to " + to + " lies outside every program's period: "
                    + String.join(", ", outside));
        }
    }

    /**
     * The days a program's evidence can prove: a Type II period, or for Type I the year up to the as-of
     * date (the design must be in place by then).
     */
    static LocalDate[] window(Program p) {
        if (p.reportType() == ReportType.TYPE_2) {
            return new LocalDate[] {p.periodStart(), p.periodEnd()};
        }
        return new LocalDate[] {p.asOfDate().minusYears(1).plusDays(1), p.asOfDate()};
    }

    private List<UUID> ids(String field, List<String> values, String what, java.util.function.Predicate<UUID> exists) {
        Set<UUID> out = new LinkedHashSet<>();
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_LINKS) {
            error(field, "may name at most " + MAX_LINKS + " " + what + "s");
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            UUID id = null;
            try {
                id = v == null ? null : UUID.fromString(v.strip());
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (id == null || !exists.test(id)) {
                error(field + "[" + i + "]", "'" + v + "' is not a " + what + " of this organization");
            } else {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    private LocalDate date(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "is required: the first day the evidence proves (YYYY-MM-DD)");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            error(field, "must be a date written as YYYY-MM-DD, was '" + value + "'");
            return null;
        }
    }

    Control control(UUID id) {
        return controls.get(id);
    }
}
