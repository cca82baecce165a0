package dev.evident.catalog;

/**
 * A grouping a program can opt into, such as the SOC 2 categories Security or Privacy.
 *
 * @param required whether every program of the framework must include it (SOC 2's Security); the
 *                 others are chosen per program, and leaving one out needs a recorded reason
 */
public record Category(String id, String name, boolean required) {

    public Category {
        Checks.notBlank(id, "category id");
        Checks.notBlank(name, "category name");
    }

    /** An optional category. */
    public Category(String id, String name) {
        this(id, name, false);
    }
}
