package dev.evident.control.internal;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds the {@link ControlRules} for one organization: its scope, its members, the library's domains. */
@Component
public class ControlRulesFactory {

    private final Catalog catalog;
    private final ControlLibrary library;
    private final ProgramDirectory programs;
    private final OrganizationDirectory directory;

    ControlRulesFactory(Catalog catalog, ControlLibrary library, ProgramDirectory programs, OrganizationDirectory directory) {
        this.catalog = catalog;
        this.library = library;
        this.programs = programs;
        this.directory = directory;
    }

    public FrameworkIndex framework() {
        return catalog.index(Control.FRAMEWORK).orElseThrow();
    }

    public ControlLibrary library() {
        return library;
    }

    public ControlRules rulesFor(UUID orgId) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Program p : programs.programs(orgId)) {
            p.categories().stream().filter(c -> !c.included())
                    .forEach(c -> notes.merge(c.categoryId(), "excluded in '" + p.name() + "': " + c.exclusionReason(),
                            (a, b) -> a + "; " + b));
        }
        return new ControlRules(framework(), library, programs.categoriesInScope(orgId, Control.FRAMEWORK), notes,
                directory.members(orgId));
    }

    /** Criteria ids sorted as the framework lists them (CC1.1 … CC9.2, A1.1 …). */
    List<String> inFrameworkOrder(List<String> criteria) {
        FrameworkIndex index = framework();
        return criteria.stream().sorted(Comparator.comparingInt(index::position)).toList();
    }
}
