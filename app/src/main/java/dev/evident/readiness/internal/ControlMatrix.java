package dev.evident.readiness.internal;

import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.program.Program;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.Readiness.ControlReadiness;
import dev.evident.readiness.Readiness.CriterionReadiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The control matrix of a program (criterion ↔ control ↔ owner ↔ status), the table section 4 of
 * a SOC 2 report is built from: one row per criterion and mapped control; a criterion without
 * controls gets one row showing the gap; criteria judged not relevant are listed with the reason.
 */
final class ControlMatrix {

    static final List<String> HEADER = List.of("Category", "Series", "Criterion", "Criterion description", "Verdict",
            "Control", "Control title", "Owner", "Owner email", "Status", "Applicable", "Type", "Nature", "Frequency",
            "Test method", "Note");

    private ControlMatrix() {
    }

    static List<List<String>> rows(Program program, Readiness readiness, FrameworkIndex framework,
                                   Map<UUID, Control> controls, Map<UUID, MemberSummary> members) {
        Map<String, String> categories = ReadinessCalculator.categoryNames(framework);
        List<List<String>> rows = new ArrayList<>();
        for (CriterionReadiness c : readiness.criteria()) {
            String category = categories.getOrDefault(c.categoryId(), "");
            if (c.controls().isEmpty() && c.notApplicable().isEmpty()) {
                rows.add(List.of(category, nz(c.seriesId()), c.id(), c.description(), label(c.verdict().name()), "", "",
                        "", "", "", "", "", "", "", "", "No control is mapped to this criterion"));
                continue;
            }
            List<ControlReadiness> all = new ArrayList<>(c.controls());
            all.addAll(c.notApplicable());
            for (ControlReadiness cr : all) {
                Control control = controls.get(cr.id());
                MemberSummary owner = control.ownerUserId() == null ? null : members.get(control.ownerUserId());
                rows.add(List.of(category, nz(c.seriesId()), c.id(), c.description(), label(c.verdict().name()),
                        control.ref(), control.title(), owner == null ? "" : owner.displayName(),
                        owner == null ? "" : owner.email(), control.status().label(), control.applicable() ? "Yes" : "No",
                        label(control.type().name()), label(control.nature().name()), label(control.frequency().name()),
                        label(control.test().method().name()),
                        control.applicable() ? (cr.ready() ? "" : notReadyNote(control, owner))
                                : "Not applicable: " + control.notApplicableReason()));
            }
        }
        for (Readiness.NotRelevant n : readiness.notRelevant()) {
            var criterion = framework.find(n.criterionId());
            rows.add(List.of(criterion.map(r -> categories.getOrDefault(r.categoryId(), "")).orElse(""),
                    framework.parentOf(n.criterionId()).map(r -> r.id()).orElse(""), n.criterionId(),
                    criterion.map(r -> r.label()).orElse(""), "Not relevant", "", "", "", "", "", "", "", "", "", "",
                    "Judged not relevant to the system: " + n.reason()));
        }
        return rows;
    }

    private static String notReadyNote(Control control, MemberSummary owner) {
        List<String> missing = new ArrayList<>();
        if (owner == null) {
            missing.add("no owner");
        }
        if (!control.status().isImplemented()) {
            missing.add("not implemented");
        }
        return String.join(", ", missing);
    }

    /** PARTIALLY_MET → "Partially met". */
    static String label(String enumName) {
        String s = enumName.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
