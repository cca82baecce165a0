package dev.evident.control.internal.ui;

/**
 * The library's filters as typed into the form, sent back so the form shows them. Values are
 * checked by {@code Filters.parse}, the same reader the API uses.
 *
 * @param applicable "true", "false" or empty
 */
record LibraryFilter(String q, String domain, String criterion, String category, String owner, String status,
                     String frequency, String applicable) {

    boolean any() {
        return present(q) || present(domain) || present(criterion) || present(category) || present(owner)
                || present(status) || present(frequency) || present(applicable);
    }

    Boolean applicableValue() {
        if ("true".equalsIgnoreCase(blankToEmpty(applicable))) {
            return Boolean.TRUE;
        }
        return "false".equalsIgnoreCase(blankToEmpty(applicable)) ? Boolean.FALSE : null;
    }

    boolean applicableUnreadable() {
        return present(applicable) && applicableValue() == null;
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
