package dev.evident.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A compliance framework as data: SOC 2's Trust Services Criteria today, ISO 27001, PCI DSS or
 * HIPAA later, each described by a YAML document rather than code.
 */
public record Framework(String id, String name, String version, List<Category> categories,
                        List<Requirement> requirements) {

    public Framework {
        Checks.notBlank(id, "framework id");
        Checks.notBlank(name, "framework name");
        Checks.notBlank(version, "framework version");
        categories = categories == null ? List.of() : List.copyOf(categories);
        requirements = List.copyOf(requirements);
    }

    /** The requirements controls are mapped to: nodes without children, in document order. */
    public List<Requirement> leafRequirements() {
        return allRequirements().stream().filter(Requirement::isLeaf).toList();
    }

    /** Every node of the tree, groupings included, depth first in document order. */
    public List<Requirement> allRequirements() {
        return requirements.stream().flatMap(Requirement::flatten).toList();
    }

    public Optional<Requirement> find(String requirementId) {
        return allRequirements().stream().filter(r -> r.id().equals(requirementId)).findFirst();
    }

    /** The grouping a requirement sits in (CC6 for CC6.1); empty for top-level or unknown ids. */
    public Optional<Requirement> parentOf(String requirementId) {
        return allRequirements().stream()
                .filter(r -> r.children().stream().anyMatch(c -> c.id().equals(requirementId)))
                .findFirst();
    }

    public Optional<Category> category(String categoryId) {
        return categories.stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }
}
