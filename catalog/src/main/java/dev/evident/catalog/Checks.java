package dev.evident.catalog;

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
}
