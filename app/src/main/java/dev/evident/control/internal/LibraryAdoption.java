package dev.evident.control.internal;

import dev.evident.catalog.Category;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.LibraryControl;
import dev.evident.control.Control;
import dev.evident.control.ControlEvents.ControlsAdopted;
import dev.evident.control.ControlStatus;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Copies controls from Evident's library into an organization: all controls that serve the
 * categories in scope, those of chosen categories, or chosen controls. Each copy starts Defined,
 * without an owner, mapped only to criteria of categories some program includes. Adopting again
 * is harmless: controls the organization already has (same reference or same library control) are
 * skipped.
 */
@Service
public class LibraryAdoption {

    /**
     * @param categories adopt the controls that serve these categories; empty means every category in scope
     * @param controlIds adopt exactly these library controls (AC-01, ...); overrides categories
     */
    public record Request(List<String> categories, List<String> controlIds) {
    }

    public record Skipped(String ref, String reason) {
    }

    public record Result(List<Control> adopted, List<Skipped> skipped) {
    }

    private final ControlService service;
    private final Controls controls;
    private final ControlRulesFactory rules;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LibraryAdoption(ControlService service, Controls controls, ControlRulesFactory rules, ApplicationEventPublisher events,
                    Clock clock) {
        this.service = service;
        this.controls = controls;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Result adopt(Actor actor, Request request) {
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        ControlLibrary library = rules.library();
        FrameworkIndex framework = rules.framework();
        Set<String> inScope = orgRules.categoriesInScope();
        List<FieldError> problems = new ArrayList<>();
        List<LibraryControl> chosen = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        if (request != null && request.controlIds() != null && !request.controlIds().isEmpty()) {
            List<String> ids = request.controlIds();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i) == null ? "" : ids.get(i).strip();
                var found = library.control(id);
                if (found.isEmpty()) {
                    problems.add(new FieldError("controlIds[" + i + "]", "'" + id + "' is not a control of the "
                            + library.name()));
                } else if (found.get().criteria().stream().noneMatch(c -> inScope.contains(framework.categoryOf(c)))) {
                    problems.add(new FieldError("controlIds[" + i + "]", id + " serves only categories that no program "
                            + "includes (" + categoryNames(framework, found.get()) + ")"));
                } else if (!chosen.contains(found.get())) {
                    chosen.add(found.get());
                }
            }
        } else {
            categories.addAll(categories(request, inScope, framework, problems));
            Set<String> wanted = new HashSet<>(categories);
            library.controls().stream()
                    .filter(c -> c.criteria().stream().anyMatch(id -> wanted.contains(framework.categoryOf(id))))
                    .forEach(chosen::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<Control> existing = controls.all(actor.orgId());
        Set<String> refs = existing.stream().map(Control::ref).collect(Collectors.toSet());
        Set<String> sources = existing.stream().filter(c -> c.source() != null).map(c -> c.source().controlId())
                .collect(Collectors.toSet());
        Instant now = Timestamps.now(clock);
        List<Control> toAdd = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (LibraryControl lc : chosen) {
            if (sources.contains(lc.id())) {
                skipped.add(new Skipped(lc.id(), "already adopted"));
                continue;
            }
            if (refs.contains(lc.id())) {
                skipped.add(new Skipped(lc.id(), "the organization already has a control " + lc.id()));
                continue;
            }
            List<String> criteria = lc.criteria().stream().filter(id -> inScope.contains(framework.categoryOf(id))).toList();
            ControlDefinition d = new ControlDefinition(lc.id(), lc.title(), lc.description(), lc.domain(), lc.type(),
                    lc.nature(), lc.frequency(), null, lc.ownerRole(), lc.test(), lc.evidence(), criteria, true, null);
            toAdd.add(service.build(Ids.next(clock), actor.orgId(), d, ControlStatus.DEFINED, now,
                    new Control.Source(library.id(), lc.id(), library.version()), now, now, 0));
        }
        controls.insertAll(toAdd);
        if (!toAdd.isEmpty()) {
            events.publishEvent(new ControlsAdopted(actor, actor.orgId(), library.id(), library.version(),
                    toAdd.stream().map(Control::ref).toList(), categories));
        }
        List<Control> adopted = toAdd.stream().map(c -> service.get(actor, c.id())).toList();
        return new Result(adopted, skipped);
    }

    private static List<String> categories(Request request, Set<String> inScope, FrameworkIndex framework,
                                           List<FieldError> problems) {
        if (request == null || request.categories() == null || request.categories().isEmpty()) {
            return List.copyOf(inScope);
        }
        Set<String> result = new LinkedHashSet<>();
        List<String> given = request.categories();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i) == null ? "" : given.get(i).strip().toLowerCase(Locale.ROOT);
            var category = framework.framework().category(id);
            if (category.isEmpty()) {
                problems.add(new FieldError("categories[" + i + "]", "'" + given.get(i) + "' is not a category; one of "
                        + framework.framework().categories().stream().map(Category::id).collect(Collectors.joining(", "))));
            } else if (!inScope.contains(id)) {
                problems.add(new FieldError("categories[" + i + "]", category.get().name()
                        + " is not included in any program; include it in a program before adopting its controls"));
            } else {
                result.add(id);
            }
        }
        return List.copyOf(result);
    }

    private static String categoryNames(FrameworkIndex framework, LibraryControl control) {
        return control.criteria().stream().map(framework::categoryOf).distinct()
                .map(id -> framework.framework().category(id).map(Category::name).orElse(id))
                .collect(Collectors.joining(", "));
    }
}
