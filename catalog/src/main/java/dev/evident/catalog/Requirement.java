package dev.evident.catalog;

import java.util.List;
import java.util.stream.Stream;

/**
 * A node in a framework's requirement tree: a grouping (TSC series CC6, ISO 27001 clause A.5) or a
 * criterion controls map to (CC6.1). Groupings usually carry a title, criteria a description;
 * every node has at least one of the two.
 *
 * @param categoryId the {@link Category} this requirement belongs to, or null if the framework
 *                   has no categories
 */
public record Requirement(String id, String title, String description, String categoryId,
                          List<Requirement> children) {

    public Requirement {
        Checks.notBlank(id, "requirement id");
        if (isBlank(title) && isBlank(description)) {
            throw new IllegalArgumentException("requirement " + id + " needs a title or a description");
        }
        children = children == null ? List.of() : List.copyOf(children);
    }

    public boolean isLeaf() {
        return children.isEmpty();
    }

    /** The text to show for this requirement: its title if it has one, else its description. */
    public String label() {
        return isBlank(title) ? description : title;
    }

    /** This requirement followed by all its descendants, depth first, in document order. */
    public Stream<Requirement> flatten() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(Requirement::flatten));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
