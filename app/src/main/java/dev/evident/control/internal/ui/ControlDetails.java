package dev.evident.control.internal.ui;

import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.Requirement;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.control.internal.ControlRules;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the control page shows about one control, in words. */
record ControlDetails(Control control, String domain, String type, String nature, String frequency, String testMethod,
                      MemberSummary owner, String statusClass, List<Step> lifecycle, List<CriteriaGroup> criteria,
                      String source, List<Move> moves) {

    /** One stage of the lifecycle; state is done, current or next. */
    record Step(String label, String state, String explanation) {
    }

    record Criterion(String id, String description, String series, boolean inScope) {
    }

    record CriteriaGroup(String category, List<Criterion> criteria) {
    }

    /** A status a person may move the control to from here, with the button's words. */
    record Move(String status, String label) {
    }

    /** Whether some mapping is to a criterion of a category no program includes any more. */
    public boolean hasOutOfScopeCriteria() {
        return criteria.stream().flatMap(g -> g.criteria().stream()).anyMatch(c -> !c.inScope());
    }

    private static final Map<ControlStatus, String> EXPLANATIONS = Map.of(
            ControlStatus.DEFINED, "Written down: what is done, by whom and how often",
            ControlStatus.IMPLEMENTED, "Operating in practice, as of today",
            ControlStatus.EVIDENCED, "Evidence covers the period so far; set by Evident",
            ControlStatus.TESTED, "The auditor's test passed; set by Evident");

    static ControlDetails of(Control c, ControlRules scope, ControlVocabulary vocabulary, ControlLibrary library) {
        MemberSummary owner = c.ownerUserId() == null ? null : scope.memberById(c.ownerUserId());
        return new ControlDetails(c, vocabulary.domainName(c.domain()), ControlVocabulary.label(c.type()),
                ControlVocabulary.label(c.nature()), ControlVocabulary.label(c.frequency()),
                ControlVocabulary.label(c.test().method()), owner, ControlVocabulary.statusClass(c.status()),
                lifecycle(c.status()), criteria(c, scope, vocabulary), source(c, library), moves(c.status()));
    }

    private static List<Step> lifecycle(ControlStatus current) {
        List<Step> steps = new ArrayList<>();
        for (ControlStatus s : ControlStatus.values()) {
            String state = s.ordinal() < current.ordinal() ? "done" : s == current ? "current" : "next";
            steps.add(new Step(s.label(), state, EXPLANATIONS.get(s)));
        }
        return steps;
    }

    private static List<CriteriaGroup> criteria(Control c, ControlRules scope, ControlVocabulary vocabulary) {
        Map<String, List<Criterion>> byCategory = new LinkedHashMap<>();
        vocabulary.categories().forEach(cat -> byCategory.put(cat.id(), new ArrayList<>()));
        for (String id : c.criteria()) {
            String category = vocabulary.framework().categoryOf(id);
            String series = vocabulary.framework().parentOf(id).map(Requirement::label).orElse("");
            byCategory.computeIfAbsent(category, k -> new ArrayList<>())
                    .add(new Criterion(id, vocabulary.describe(id), series, scope.inScope(id)));
        }
        List<CriteriaGroup> groups = new ArrayList<>();
        byCategory.forEach((category, list) -> {
            if (!list.isEmpty()) {
                groups.add(new CriteriaGroup(vocabulary.categoryName(category), list));
            }
        });
        return groups;
    }

    private static String source(Control c, ControlLibrary library) {
        if (c.source() == null) {
            return null;
        }
        String name = library.id().equals(c.source().library()) ? library.name() : c.source().library();
        return "Adopted from the " + name + " (version " + c.source().version() + "), control " + c.source().controlId();
    }

    private static List<Move> moves(ControlStatus current) {
        return current.choicesForPeople().stream().filter(s -> s != current)
                .map(s -> new Move(s.name(), s.ordinal() > current.ordinal() ? "Mark as " + s.label().toLowerCase()
                        : "Move back to " + s.label()))
                .toList();
    }
}
