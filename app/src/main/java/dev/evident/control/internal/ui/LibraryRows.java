package dev.evident.control.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.internal.ControlRules;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rows of the control library table, with every text already resolved. A thousand controls
 * are rendered in one page, so everything a row needs is looked up in maps built once per request:
 * no service call and no query per row, and the template only prints.
 */
final class LibraryRows {

    /** A criterion a control maps to; out of scope when no program includes its category any more. */
    record Chip(String id, String hint, String cssClass) {
        static Chip of(String id, String description, boolean inScope) {
            return inScope ? new Chip(id, description, "chip")
                    : new Chip(id, description + " (kept, out of scope: no program includes its category)", "chip out-of-scope");
        }
    }

    record Row(String ref, String title, String path, String domain, String owner, String statusLabel,
               String statusClass, String frequency, List<Chip> criteria, boolean applicable) {
    }

    private LibraryRows() {
    }

    static List<Row> of(List<Control> controls, List<MemberSummary> members, ControlRules scope,
                        ControlVocabulary vocabulary) {
        Map<UUID, String> ownerNames = new HashMap<>();
        members.forEach(m -> ownerNames.put(m.userId(), m.displayName()));
        Map<String, Chip> chips = new HashMap<>();
        List<Row> rows = new ArrayList<>(controls.size());
        for (Control c : controls) {
            List<Chip> criteria = new ArrayList<>(c.criteria().size());
            for (String id : c.criteria()) {
                criteria.add(chips.computeIfAbsent(id, k -> Chip.of(k, vocabulary.describe(k), scope.inScope(k))));
            }
            rows.add(new Row(c.ref(), c.title(), "/controls/" + c.id(), vocabulary.domainName(c.domain()),
                    c.ownerUserId() == null ? null : ownerNames.getOrDefault(c.ownerUserId(), "Former member"),
                    c.status().label(), ControlVocabulary.statusClass(c.status()), ControlVocabulary.label(c.frequency()),
                    criteria, c.applicable()));
        }
        return rows;
    }
}
