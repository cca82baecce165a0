package dev.evident.catalog;

/** A grouping a program can opt into, such as the SOC 2 categories Security or Privacy. */
public record Category(String id, String name) {

    public Category {
        Checks.notBlank(id, "category id");
        Checks.notBlank(name, "category name");
    }
}
