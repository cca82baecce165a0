package dev.evident.catalog;

import java.util.List;

/** Argument checks shared by the records, so a malformed model cannot exist even outside YAML. */
final class Checks {

    private Checks() {
    }

    static String notBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** An unmodifiable copy of a list that must have at least one element. */
    static <T> List<T> notEmpty(List<T> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return List.copyOf(values);
    }
}
