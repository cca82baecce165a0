package dev.evident.readiness.internal.ui;

import dev.evident.catalog.ControlDomain;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.LibraryControl;
import dev.evident.catalog.Requirement;
import dev.evident.control.Control;
import dev.evident.program.Program;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What adopting the library would do for one program, computed before anything is adopted: how
 * many controls come in, in which domains, and whether every criterion in scope ends up with a
 * control. Said honestly: a criterion the library does not cover is named.
 *
 * @param toAdopt         library controls serving the program's categories that the organization does not have yet
 * @param alreadyAdopted  those it already has (adopting again skips them)
 * @param domains         the controls to adopt per domain, in library order
 * @param criteria        criteria in scope
 * @param uncovered       criteria in scope that would still have no control afterwards
 */
record AdoptionPlan(String libraryName, List<String> categories, int toAdopt, int alreadyAdopted, List<DomainCount> domains,
                    int criteria, List<String> uncovered) {

    record DomainCount(String name, int count) {
    }

    static AdoptionPlan of(Program program, FrameworkIndex framework, ControlLibrary library, List<Control> existing,
                           List<String> categoryNames) {
        Set<String> included = program.includedCategories();
        Set<String> have = new HashSet<>();
        existing.forEach(c -> {
            have.add(c.ref());
            if (c.source() != null) {
                have.add(c.source().controlId());
            }
        });
        List<LibraryControl> serving = library.controls().stream()
                .filter(lc -> lc.criteria().stream().anyMatch(id -> included.contains(framework.categoryOf(id)))).toList();
        List<LibraryControl> toAdopt = serving.stream().filter(lc -> !have.contains(lc.id())).toList();
        List<DomainCount> domains = new ArrayList<>();
        for (ControlDomain d : library.domains()) {
            int n = (int) toAdopt.stream().filter(lc -> lc.domain().equals(d.id())).count();
            if (n > 0) {
                domains.add(new DomainCount(d.name(), n));
            }
        }
        Set<String> coveredAfter = new HashSet<>();
        serving.forEach(lc -> coveredAfter.addAll(lc.criteria()));
        existing.stream().filter(Control::applicable).forEach(c -> coveredAfter.addAll(c.criteria()));
        List<Requirement> inScope = framework.leaves().stream().filter(program::inScope).toList();
        List<String> uncovered = inScope.stream().map(Requirement::id).filter(id -> !coveredAfter.contains(id)).toList();
        return new AdoptionPlan(library.name(), categoryNames, toAdopt.size(), serving.size() - toAdopt.size(), domains,
                inScope.size(), uncovered);
    }
}
