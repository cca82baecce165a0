package dev.evident.program.internal.ui;

import dev.evident.program.Program;
import dev.evident.program.ProgramInput;
import dev.evident.program.ProgramInput.CategoryInput;
import dev.evident.program.ProgramInput.CommitmentInput;
import dev.evident.program.ProgramInput.ComplementaryControlInput;
import dev.evident.program.ProgramInput.ComponentInput;
import dev.evident.program.ProgramInput.NotRelevantInput;
import dev.evident.program.ProgramInput.ServiceInput;
import dev.evident.program.ProgramInput.SubserviceInput;
import dev.evident.program.ProgramInput.SystemInput;
import dev.evident.program.SystemDescription;
import dev.evident.program.SystemDescription.ComplementaryControl;
import java.time.LocalDate;
import java.util.List;

/**
 * A stored program as an input, so that each page changes only its own part and sends the whole
 * program back, as the service's update expects.
 */
final class ProgramInputs {

    private ProgramInputs() {
    }

    static ProgramInput of(Program p) {
        List<CategoryInput> categories = p.categories().stream()
                .map(c -> new CategoryInput(c.categoryId(), c.included(), c.included() ? null : c.exclusionReason())).toList();
        List<NotRelevantInput> notRelevant = p.notRelevantCriteria().stream()
                .map(n -> new NotRelevantInput(n.criterionId(), n.reason())).toList();
        return new ProgramInput(p.name(), p.frameworkId(), p.reportType().name(), text(p.asOfDate()), text(p.periodStart()),
                text(p.periodEnd()), categories, notRelevant, system(p.system()), p.version());
    }

    /** A new program's starting point, before any step has filled it in. */
    static ProgramInput blank() {
        return new ProgramInput(null, null, null, null, null, null, List.of(), List.of(), null, null);
    }

    /** Every category included: checking step 1 alone then reports only step 1's mistakes. */
    static ProgramInput withCategoriesIncluded(ProgramInput base, List<String> categoryIds) {
        return new ProgramInput(base.name(), base.frameworkId(), base.reportType(), base.asOfDate(), base.periodStart(),
                base.periodEnd(), categoryIds.stream().map(id -> new CategoryInput(id, true, null)).toList(),
                base.notRelevantCriteria(), base.system(), base.version());
    }

    private static SystemInput system(SystemDescription s) {
        if (s == null) {
            return null;
        }
        return new SystemInput(s.name(),
                s.services().stream().map(v -> new ServiceInput(v.name(), v.description())).toList(),
                s.commitments().stream().map(c -> new CommitmentInput(c.kind().name(), c.text(), c.source())).toList(),
                s.components().stream().map(c -> new ComponentInput(c.kind().name(), c.name(), c.description())).toList(),
                s.boundaries(), controls(s.userEntityControls()),
                s.subserviceOrganizations().stream().map(o -> new SubserviceInput(o.name(), o.services(),
                        o.method() == null ? null : o.method().name(), controls(o.complementaryControls()))).toList());
    }

    private static List<ComplementaryControlInput> controls(List<ComplementaryControl> controls) {
        return controls.stream().map(c -> new ComplementaryControlInput(c.text(), c.criteria())).toList();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
