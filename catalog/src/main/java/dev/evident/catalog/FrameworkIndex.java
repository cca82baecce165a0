package dev.evident.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Constant-time lookups into one framework's requirement tree (by id, parent, position), for code
 * that resolves thousands of mappings per request. Built once per framework by the {@link Catalog}.
 */
public final class FrameworkIndex {

    private final Framework framework;
    private final List<Requirement> all;
    private final List<Requirement> leaves;
    private final Map<String, Requirement> byId = new HashMap<>();
    private final Map<String, Requirement> parentById = new HashMap<>();
    private final Map<String, Integer> positionById = new HashMap<>();

    FrameworkIndex(Framework framework) {
        this.framework = framework;
        this.all = framework.allRequirements();
        this.leaves = framework.leafRequirements();
        for (int i = 0; i < all.size(); i++) {
            Requirement r = all.get(i);
            byId.put(r.id(), r);
            positionById.put(r.id(), i);
            for (Requirement child : r.children()) {
                parentById.put(child.id(), r);
            }
        }
    }

    public Framework framework() {
        return framework;
    }

    public Optional<Requirement> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The grouping a requirement sits in (CC6 for CC6.1); empty at the top level or for unknown ids. */
    public Optional<Requirement> parentOf(String id) {
        return Optional.ofNullable(parentById.get(id));
    }

    /** The category of a requirement, or null when it has none or is unknown. */
    public String categoryOf(String id) {
        Requirement r = byId.get(id);
        return r == null ? null : r.categoryId();
    }

    /** Depth-first document position, for sorting ids as the framework lists them; unknown ids sort last. */
    public int position(String id) {
        return positionById.getOrDefault(id, Integer.MAX_VALUE);
    }

    public List<Requirement> leaves() {
        return leaves;
    }

    public List<Requirement> all() {
        return all;
    }
}
