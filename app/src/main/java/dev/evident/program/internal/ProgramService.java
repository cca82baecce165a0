package dev.evident.program.internal;

import dev.evident.program.ProgramInput;
import dev.evident.catalog.Catalog;
import dev.evident.catalog.Category;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.program.ProgramManagement;
import dev.evident.program.ProgramEvents.ProgramCreated;
import dev.evident.program.ProgramEvents.ProgramDeleted;
import dev.evident.program.ProgramEvents.ProgramUpdated;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, rescopes and deletes programs; every change is validated in full and audited. */
@Service
public class ProgramService implements ProgramDirectory, ProgramManagement {

    private final Programs programs;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProgramService(Programs programs, Catalog catalog, ApplicationEventPublisher events, Clock clock) {
        this.programs = programs;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    public List<Program> list(Actor actor) {
        return programs.list(actor.orgId());
    }

    public Program get(Actor actor, UUID id) {
        return programs.find(actor.orgId(), id).orElseThrow(() -> new NotFoundException("Program"));
    }

    /**
     * Checks an input exactly as {@link #create} would, without saving anything: for pages that
     * collect a program over several steps and want to report a step's mistakes on that step.
     */
    public void check(Actor actor, ProgramInput input) {
        ProgramValidator.Valid valid = ProgramValidator.validate(catalog, input);
        requireUniqueName(actor.orgId(), valid.name(), null);
    }

    @Override
    @Transactional
    public Program create(Actor actor, ProgramInput input) {
        ProgramValidator.Valid valid = ProgramValidator.validate(catalog, input);
        requireUniqueName(actor.orgId(), valid.name(), null);
        UUID id = Ids.next(clock);
        programs.insert(id, actor.orgId(), valid, Timestamps.now(clock));
        Program created = get(actor, id);
        events.publishEvent(new ProgramCreated(actor, created));
        return created;
    }

    @Override
    @Transactional
    public Program update(Actor actor, UUID id, ProgramInput input, Long expectedVersion) {
        Program before = get(actor, id);
        if (expectedVersion == null) {
            throw new InvalidInputException("version", "is required (optimistic locking): send the version you read");
        }
        ProgramValidator.Valid valid = ProgramValidator.validate(catalog, input);
        if (!valid.frameworkId().equals(before.frameworkId())) {
            throw new InvalidInputException("frameworkId", "cannot change once a program exists (it is "
                    + before.frameworkId() + "); create a new program instead");
        }
        requireUniqueName(actor.orgId(), valid.name(), id);
        Instant now = Timestamps.now(clock);
        if (!programs.update(id, actor.orgId(), valid, expectedVersion, now)) {
            throw ConflictException.staleVersion("This program", expectedVersion, before.version());
        }
        Program after = get(actor, id);
        events.publishEvent(new ProgramUpdated(actor, before, after));
        return after;
    }

    @Override
    @Transactional
    public void delete(Actor actor, UUID id) {
        Program program = get(actor, id);
        programs.delete(id, actor.orgId());
        events.publishEvent(new ProgramDeleted(actor, program));
    }

    private void requireUniqueName(UUID orgId, String name, UUID except) {
        if (programs.nameTaken(orgId, name, except)) {
            throw new InvalidInputException("name", "is already used by another program of this organization");
        }
    }

    @Override
    public List<Program> programs(UUID orgId) {
        return programs.list(orgId);
    }

    @Override
    public Optional<Program> program(UUID orgId, UUID programId) {
        return programs.find(orgId, programId);
    }

    @Override
    public Set<String> categoriesInScope(UUID orgId, String frameworkId) {
        Set<String> inScope = new LinkedHashSet<>();
        catalog.framework(frameworkId).ifPresent(f -> {
            List<String> included = programs.includedCategories(orgId, frameworkId);
            for (Category c : f.categories()) {
                if (c.required() || included.contains(c.id())) {
                    inScope.add(c.id());
                }
            }
        });
        return inScope;
    }
}
