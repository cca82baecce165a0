package dev.evident.readiness.internal.ui;

import dev.evident.catalog.FrameworkIndex;
import dev.evident.program.Program;
import dev.evident.program.SystemDescription;
import dev.evident.program.SystemDescription.CommitmentKind;
import dev.evident.program.SystemDescription.ComponentKind;
import dev.evident.program.SystemDescription.SubserviceMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A program's scope in a few lines for its readiness page: categories in and out (with the
 * reasons), criteria judged not relevant, and how much of the DC 200 description is written.
 */
record ScopeSummary(List<CategoryLine> categories, List<NotRelevantLine> notRelevant, SystemLine system) {

    record CategoryLine(String name, boolean included, String reason, int criteria) {
    }

    record NotRelevantLine(String criterionId, String description, String reason) {
    }

    /**
     * @param parts one short phrase per written part ("2 services"); empty when nothing is written
     * @param missing the parts not written yet
     */
    record SystemLine(String name, List<String> parts, List<String> missing, List<String> subservices, int userEntityControls) {
        public boolean empty() {
            return name == null && parts.isEmpty();
        }
    }

    static ScopeSummary of(Program program, FrameworkIndex framework) {
        List<CategoryLine> categories = new ArrayList<>();
        for (Program.CategoryScope c : program.categories()) {
            String name = framework.framework().category(c.categoryId()).map(x -> x.name()).orElse(c.categoryId());
            int criteria = (int) framework.leaves().stream().filter(r -> c.categoryId().equals(r.categoryId())).count();
            categories.add(new CategoryLine(name, c.included(), c.exclusionReason(), criteria));
        }
        List<NotRelevantLine> notRelevant = program.notRelevantCriteria().stream()
                .map(n -> new NotRelevantLine(n.criterionId(), framework.find(n.criterionId()).map(r -> r.label()).orElse(""),
                        n.reason())).toList();
        return new ScopeSummary(categories, notRelevant, system(program.system()));
    }

    private static SystemLine system(SystemDescription s) {
        SystemDescription d = s == null ? SystemDescription.empty() : s;
        List<String> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        count(parts, missing, d.services().size(), "service", "services");
        long commitments = d.commitments().stream().filter(c -> c.kind() == CommitmentKind.SERVICE_COMMITMENT).count();
        count(parts, missing, (int) commitments, "commitment", "commitments");
        count(parts, missing, d.commitments().size() - (int) commitments, "system requirement", "system requirements");
        List<String> kinds = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            if (d.components().stream().noneMatch(c -> c.kind() == kind)) {
                kinds.add(kind.name().toLowerCase(Locale.ROOT));
            }
        }
        if (d.components().isEmpty()) {
            missing.add("components");
        } else {
            parts.add(d.components().size() + (d.components().size() == 1 ? " component" : " components")
                    + (kinds.isEmpty() ? " of all five kinds" : " (none yet for " + String.join(", ", kinds) + ")"));
        }
        if (d.boundaries() == null) {
            missing.add("boundaries");
        } else {
            parts.add("boundaries");
        }
        List<String> subservices = d.subserviceOrganizations().stream()
                .map(o -> o.name() + (o.method() == SubserviceMethod.INCLUSIVE ? " (inclusive)" : " (carved out)")).toList();
        return new SystemLine(d.name(), parts, missing, subservices, d.userEntityControls().size());
    }

    private static void count(List<String> parts, List<String> missing, int n, String one, String many) {
        if (n == 0) {
            missing.add(many);
        } else {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}
