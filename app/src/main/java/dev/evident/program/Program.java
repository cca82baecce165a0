package dev.evident.program;

import dev.evident.catalog.Requirement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A compliance program: one report on one framework, its scope and the system it describes.
 *
 * @param categories          every category of the framework, in framework order, included or not
 * @param notRelevantCriteria criteria of included categories that management judges not relevant (DC8)
 */
public record Program(UUID id, UUID orgId, String name, String frameworkId, ReportType reportType, LocalDate asOfDate,
                      LocalDate periodStart, LocalDate periodEnd, List<CategoryScope> categories,
                      List<NotRelevantCriterion> notRelevantCriteria, SystemDescription system, Instant createdAt,
                      Instant updatedAt, long version) {

    public Program {
        categories = List.copyOf(categories);
        notRelevantCriteria = List.copyOf(notRelevantCriteria);
    }

    /** Whether a category is in scope, and if not, why (the reason feeds DC8). */
    public record CategoryScope(String categoryId, boolean included, String exclusionReason) {
    }

    public record NotRelevantCriterion(String criterionId, String reason) {
    }

    public Set<String> includedCategories() {
        Set<String> ids = new LinkedHashSet<>();
        categories.stream().filter(CategoryScope::included).forEach(c -> ids.add(c.categoryId()));
        return ids;
    }

    public boolean includesCategory(String categoryId) {
        return categories.stream().anyMatch(c -> c.included() && c.categoryId().equals(categoryId));
    }

    public Map<String, String> notRelevantReasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        notRelevantCriteria.forEach(c -> reasons.put(c.criterionId(), c.reason()));
        return reasons;
    }

    /**
     * Whether a criterion counts for this program: a leaf of an included category that management
     * has not judged not relevant. Everything downstream (readiness, the matrix) uses this.
     */
    public boolean inScope(Requirement criterion) {
        return criterion.isLeaf() && criterion.categoryId() != null && includesCategory(criterion.categoryId())
                && notRelevantCriteria.stream().noneMatch(c -> c.criterionId().equals(criterion.id()));
    }

    /** "as of 2027-03-31" or "2027-01-01 to 2027-12-31". */
    public String periodLabel() {
        return reportType == ReportType.TYPE_1 ? "as of " + asOfDate : periodStart + " to " + periodEnd;
    }
}
