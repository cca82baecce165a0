package dev.evident.program.internal;

import dev.evident.shared.problem.ProblemException.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the single fields of an input (text, dates, enum values, lists of items) and records each
 * problem against its field, so that all of them can be reported at once.
 */
final class FieldChecks {

    /** The most entries a list in the input may have. */
    static final int MAX_ITEMS = 200;

    private final List<FieldError> errors = new ArrayList<>();

    /** The problems found so far, in the order they were found. */
    List<FieldError> errors() {
        return errors;
    }

    @FunctionalInterface
    interface ItemReader<I, O> {
        O read(I input, String at);
    }

    <I, O> List<O> items(String field, List<I> inputs, ItemReader<I, O> reader) {
        if (inputs == null) {
            return List.of();
        }
        if (inputs.size() > MAX_ITEMS) {
            error(field, "may list at most " + MAX_ITEMS + " items, has " + inputs.size());
            return List.of();
        }
        List<O> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String at = field + "[" + i + "]";
            if (inputs.get(i) == null) {
                error(at, "is empty");
                continue;
            }
            O item = reader.read(inputs.get(i), at);
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    String text(String field, String value, int max, boolean required) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (trimmed.length() > max) {
            error(field, "must be at most " + max + " characters, has " + trimmed.length());
        }
        return trimmed;
    }

    LocalDate date(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            error(field, "must be a date written as YYYY-MM-DD (e.g. 2027-01-01), was '" + value + "'");
            return null;
        }
    }

    /** Parses an enum written in any case, with dashes or underscores ("type-2", "TYPE_2", "carve_out"). */
    static <E extends Enum<E>> E parseEnum(String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        return null;
    }

    <E extends Enum<E>> E enumValue(String field, String value, Class<E> type, boolean required) {
        if (blank(value)) {
            if (required) {
                error(field, "is required: one of " + allowed(type));
            }
            return null;
        }
        E parsed = parseEnum(value, type);
        if (parsed == null) {
            error(field, "'" + value + "' is not allowed; one of " + allowed(type));
        }
        return parsed;
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String trimToNull(String s) {
        return blank(s) ? null : s.trim();
    }
}
