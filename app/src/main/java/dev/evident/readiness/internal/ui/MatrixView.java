package dev.evident.readiness.internal.ui;

import dev.evident.catalog.Category;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.Requirement;
import dev.evident.program.Program;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.Readiness.ControlReadiness;
import dev.evident.readiness.Readiness.CriterionReadiness;
import dev.evident.readiness.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The criteria × controls matrix as the page shows it: criteria of the included categories grouped
 * by series (CC1 …, A1, …), each with its verdict and mapped controls; criteria judged not relevant
 * stay in their place with the reason. Filtered by category and verdict.
 *
 * @param shown how many criteria pass the filters
 * @param total how many criteria the program's included categories have
 */
record MatrixView(List<Group> groups, int shown, int total) {

    /** "All" or one verdict; NOT_RELEVANT selects the criteria judged not relevant. */
    static final String NOT_RELEVANT = "NOT_RELEVANT";

    record Group(String id, String title, String categoryName, List<Row> rows) {

        /** "2 of 5 met" over the rows shown, criteria judged not relevant left out. */
        public String summary() {
            long counted = rows.stream().filter(r -> r.verdict() != null).count();
            long met = rows.stream().filter(r -> r.verdict() == Verdict.MET).count();
            return counted == 0 ? "judged not relevant" : met + " of " + counted + " met";
        }
    }

    /**
     * @param verdict null for a criterion judged not relevant
     * @param notRelevantReason why it was judged not relevant, or null
     */
    record Row(String id, String description, Verdict verdict, List<ControlReadiness> controls,
               List<ControlReadiness> notApplicable, String notRelevantReason) {
    }

    /** The filter values the page offers. */
    record Filter(String category, String verdict) {

        static Filter of(String category, String verdict, Program program) {
            String c = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
            String v = verdict == null ? "" : verdict.strip().toUpperCase(Locale.ROOT);
            boolean knownVerdict = v.equals(NOT_RELEVANT) || List.of("MET", "PARTIALLY_MET", "GAP").contains(v);
            return new Filter(program.includesCategory(c) ? c : "", knownVerdict ? v : "");
        }

        public boolean active() {
            return !category.isEmpty() || !verdict.isEmpty();
        }
    }

    static MatrixView of(Program program, Readiness readiness, FrameworkIndex framework, Filter filter) {
        Map<String, CriterionReadiness> byId = new LinkedHashMap<>();
        readiness.criteria().forEach(c -> byId.put(c.id(), c));
        Map<String, String> notRelevant = program.notRelevantReasons();
        Map<String, Group> groups = new LinkedHashMap<>();
        int shown = 0;
        int total = 0;
        for (Requirement leaf : framework.leaves()) {
            if (leaf.categoryId() == null || !program.includesCategory(leaf.categoryId())) {
                continue;
            }
            total++;
            CriterionReadiness c = byId.get(leaf.id());
            Row row = c != null ? new Row(c.id(), c.description(), c.verdict(), c.controls(), c.notApplicable(), null)
                    : new Row(leaf.id(), leaf.label(), null, List.of(), List.of(), notRelevant.get(leaf.id()));
            if (row.verdict() == null && row.notRelevantReason() == null || !matches(row, leaf, filter)) {
                continue;
            }
            shown++;
            Requirement series = framework.parentOf(leaf.id()).orElse(leaf);
            String category = framework.framework().category(leaf.categoryId()).map(Category::name).orElse("");
            groups.computeIfAbsent(series.id(), id -> new Group(id, series.label(), category, new ArrayList<>()))
                    .rows().add(row);
        }
        return new MatrixView(List.copyOf(groups.values()), shown, total);
    }

    private static boolean matches(Row row, Requirement leaf, Filter filter) {
        if (!filter.category().isEmpty() && !filter.category().equals(leaf.categoryId())) {
            return false;
        }
        if (filter.verdict().isEmpty()) {
            return true;
        }
        return filter.verdict().equals(NOT_RELEVANT) ? row.verdict() == null
                : row.verdict() != null && row.verdict().name().equals(filter.verdict());
    }
}
