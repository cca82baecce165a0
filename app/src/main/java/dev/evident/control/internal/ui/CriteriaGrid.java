package dev.evident.control.internal.ui;

import dev.evident.catalog.Category;
import dev.evident.catalog.Requirement;
import dev.evident.control.internal.ControlRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The criteria checkboxes of the control form, by category and series. Criteria of categories no
 * program includes are shown but cannot be ticked; a control's existing mappings to them are shown
 * ticked and labelled as kept, because the service keeps them when the form leaves them out.
 */
record CriteriaGrid(List<CategoryBlock> categories) {

    record Box(String id, String description, boolean checked, boolean enabled) {
    }

    record SeriesBlock(String id, String title, List<Box> criteria) {
    }

    /** @param note why the category cannot be mapped to, for categories out of scope */
    record CategoryBlock(String id, String name, boolean inScope, String note, boolean open, List<SeriesBlock> series) {
    }

    /** @param exclusionNotes category id → why it is out of scope, in words */
    static CriteriaGrid of(ControlVocabulary vocabulary, ControlRules scope, Map<String, String> exclusionNotes,
                           Set<String> selected) {
        List<CategoryBlock> blocks = new ArrayList<>();
        for (Category category : vocabulary.categories()) {
            boolean inScope = scope.categoriesInScope().contains(category.id());
            boolean anyChecked = false;
            List<SeriesBlock> series = new ArrayList<>();
            for (Requirement s : vocabulary.series()) {
                if (!category.id().equals(s.categoryId())) {
                    continue;
                }
                List<Box> boxes = new ArrayList<>();
                for (Requirement criterion : s.children()) {
                    boolean checked = selected.contains(criterion.id());
                    anyChecked |= checked;
                    boxes.add(new Box(criterion.id(), criterion.label(), checked, inScope));
                }
                series.add(new SeriesBlock(s.id(), s.label(), boxes));
            }
            String note = inScope ? null : exclusionNotes.getOrDefault(category.id(),
                    "No program includes " + category.name() + ".");
            blocks.add(new CategoryBlock(category.id(), category.name(), inScope, note, inScope || anyChecked, series));
        }
        return new CriteriaGrid(blocks);
    }
}
