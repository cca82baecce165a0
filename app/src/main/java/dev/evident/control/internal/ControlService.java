package dev.evident.control.internal;

import dev.evident.control.ControlInput;
import dev.evident.control.Control;
import dev.evident.control.RefOrder;
import dev.evident.control.ControlDeletionGuard;
import dev.evident.control.ControlDirectory;
import dev.evident.control.ControlEvents.ControlCreated;
import dev.evident.control.ControlEvents.ControlDeleted;
import dev.evident.control.ControlEvents.ControlStatusChanged;
import dev.evident.control.ControlEvents.ControlUpdated;
import dev.evident.control.ControlLifecycle;
import dev.evident.control.ControlManagement;
import dev.evident.control.ControlStatus;
import dev.evident.control.ControlStatus.Mover;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.ForbiddenException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization's controls: read, write, delete and move through the lifecycle. */
@Service
public class ControlService implements ControlDirectory, ControlLifecycle, ControlManagement {

    private static final Comparator<Control> BY_REF = Comparator.comparing(Control::ref, RefOrder.INSTANCE);

    private final Controls controls;
    private final ControlRulesFactory rules;
    private final ObjectProvider<LibraryAdoption> adoption;
    private final ObjectProvider<ControlDeletionGuard> guards;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ControlService(Controls controls, ControlRulesFactory rules,
                   ObjectProvider<LibraryAdoption> adoption, ObjectProvider<ControlDeletionGuard> guards,
                   ApplicationEventPublisher events, Clock clock) {
        this.guards = guards;
        this.controls = controls;
        this.rules = rules;
        this.adoption = adoption;
        this.events = events;
        this.clock = clock;
    }

    public List<Control> list(Actor actor, ControlFilter filter) {
        return controls(actor.orgId()).stream().filter(filter.predicate(rules.framework())).toList();
    }

    /** A page in reference order; the cursor is the reference of the last control returned. */
    public Page<Control> page(Actor actor, ControlFilter filter, PageRequest page) {
        String after = page.after();
        List<Control> fetched = list(actor, filter).stream()
                .filter(c -> after == null || RefOrder.INSTANCE.compare(c.ref(), after) > 0)
                .limit(page.fetchSize()).toList();
        return Page.of(fetched, page, Control::ref);
    }

    public Control get(Actor actor, UUID id) {
        return control(actor.orgId(), id).orElseThrow(() -> new NotFoundException("Control"));
    }

    @Override
    @Transactional
    public Control create(Actor actor, ControlInput input) {
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        ControlDefinition d = ControlInputs.validate(orgRules, input);
        requireFreeRef(actor.orgId(), d.ref(), null);
        ControlStatus status = initialStatus(input == null ? null : input.status());
        Instant now = Timestamps.now(clock);
        Control control = build(Ids.next(clock), actor.orgId(), d, status, now, null, now, now, 0);
        controls.insertAll(List.of(control));
        Control created = get(actor, control.id());
        events.publishEvent(new ControlCreated(actor, created));
        return created;
    }

    @Override
    @Transactional
    public Control update(Actor actor, UUID id, ControlInput input) {
        Control before = get(actor, id);
        if (input == null || input.version() == null) {
            throw new InvalidInputException("version", "is required (optimistic locking): send the version you read");
        }
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        ControlDefinition d = withInertMappings(
                ControlInputs.validate(orgRules, keepOutOfScopeMappings(input, before, orgRules)), before, orgRules);
        requireFreeRef(actor.orgId(), d.ref(), id);
        ControlStatus status = before.status();
        if (input.status() != null && !input.status().isBlank()) {
            status = personMove(before, parseStatus(input.status()));
        }
        Instant now = Timestamps.now(clock);
        Control after = build(id, actor.orgId(), d, status, status == before.status() ? before.statusChangedAt() : now,
                before.source(), before.createdAt(), now, before.version());
        if (!controls.update(after, input.version())) {
            throw ConflictException.staleVersion("This control", input.version(), before.version());
        }
        Control saved = get(actor, id);
        Map<String, Object> changes = changes(orgRules, before, saved);
        if (!changes.isEmpty()) {
            events.publishEvent(new ControlUpdated(actor, saved, changes));
        }
        return saved;
    }

    @Override
    public List<Control> adopt(Actor actor, List<String> categories, List<String> libraryControlIds) {
        return adoption.getObject().adopt(actor, new LibraryAdoption.Request(categories, libraryControlIds)).adopted();
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        Control control = get(actor, id);
        objection(actor.orgId(), control).ifPresent(reason -> {
            throw new ConflictException(reason);
        });
        controls.delete(actor.orgId(), id);
        events.publishEvent(new ControlDeleted(actor, control));
    }

    /**
     * A person moves a control (Defined ↔ Implemented, or back down). Managers may move any control;
     * contributors only the controls they own.
     */
    @Override
    @Transactional
    public Control changeStatus(Actor actor, UUID id, String target, Long expectedVersion) {
        Control control = get(actor, id);
        if (!actor.can(Permission.CONTROLS_MANAGE) && (actor.userId() == null
                || !actor.userId().equals(control.ownerUserId()))) {
            throw new ForbiddenException("You can change the status of controls you own; " + control.ref()
                    + (control.ownerUserId() == null ? " has no owner yet" : " is owned by someone else"));
        }
        if (expectedVersion == null) {
            throw new InvalidInputException("version", "is required (optimistic locking): send the version you read");
        }
        if (target == null || target.isBlank()) {
            throw new InvalidInputException("status", "is required: one of " + statuses());
        }
        ControlStatus to = personMove(control, parseStatus(target));
        return move(actor, control, to, expectedVersion, null);
    }

    @Override
    @Transactional
    public Control moveBySystem(Actor system, UUID controlId, ControlStatus target, String reason) {
        Control control = get(system, controlId);
        if (!control.status().canMoveTo(target, Mover.SYSTEM)) {
            throw new IllegalStateException(control.ref() + " cannot move from " + control.status() + " to " + target);
        }
        return move(system, control, target, control.version(), reason);
    }

    private Control move(Actor actor, Control control, ControlStatus to, long expectedVersion, String reason) {
        if (to == control.status()) {
            if (control.version() != expectedVersion) {
                throw ConflictException.staleVersion("This control", expectedVersion, control.version());
            }
            return control;
        }
        if (!controls.updateStatus(actor.orgId(), control.id(), to, expectedVersion, Timestamps.now(clock))) {
            throw ConflictException.staleVersion("This control", expectedVersion, control.version());
        }
        Control moved = get(actor, control.id());
        events.publishEvent(new ControlStatusChanged(actor, moved, control.status(), reason));
        return moved;
    }

    /** The first objection a guard raises against deleting the control, if any. */
    public Optional<String> objection(UUID orgId, Control control) {
        return guards.orderedStream().map(g -> g.objection(orgId, control)).flatMap(Optional::stream).findFirst();
    }

    @Override
    public List<Control> controls(UUID orgId) {
        return controls.all(orgId).stream().map(this::ordered).sorted(BY_REF).toList();
    }

    @Override
    public Optional<Control> control(UUID orgId, UUID controlId) {
        return controls.find(orgId, controlId).map(this::ordered);
    }

    /**
     * A PUT that leaves out mappings to criteria no program includes any more keeps them: they are
     * inert (readiness ignores them) and come back if the category is included again. Sending them
     * is refused, so nobody can add new out-of-scope mappings.
     */
    private ControlInput keepOutOfScopeMappings(ControlInput input, Control before, ControlRules orgRules) {
        List<String> inert = before.criteria().stream().filter(id -> !orgRules.inScope(id)).toList();
        if (inert.isEmpty() || input.criteria() == null) {
            return input;
        }
        List<String> sent = input.criteria().stream().filter(Objects::nonNull).map(String::strip)
                .filter(id -> !inert.contains(id)).toList();
        return new ControlInput(input.ref(), input.title(), input.description(), input.domain(), input.type(),
                input.nature(), input.frequency(), input.ownerUserId(), input.ownerRole(), input.test(), input.evidence(),
                sent, input.status(), input.applicable(), input.notApplicableReason(), input.version());
    }

    /** Puts the inert mappings that {@link #keepOutOfScopeMappings} set aside back after validation. */
    private ControlDefinition withInertMappings(ControlDefinition d, Control before, ControlRules orgRules) {
        List<String> inert = before.criteria().stream().filter(id -> !orgRules.inScope(id)).toList();
        if (inert.isEmpty()) {
            return d;
        }
        List<String> criteria = new java.util.ArrayList<>(d.criteria());
        inert.stream().filter(id -> !criteria.contains(id)).forEach(criteria::add);
        return new ControlDefinition(d.ref(), d.title(), d.description(), d.domain(), d.type(), d.nature(), d.frequency(),
                d.ownerUserId(), d.ownerRole(), d.test(), d.evidence(), rules.inFrameworkOrder(criteria), d.applicable(),
                d.notApplicableReason());
    }

    private ControlStatus initialStatus(String value) {
        if (value == null || value.isBlank()) {
            return ControlStatus.DEFINED;
        }
        return personMove(null, parseStatus(value));
    }

    private static ControlStatus parseStatus(String value) {
        ControlStatus status = ControlRules.parse(value, ControlStatus.class);
        if (status == null) {
            throw new InvalidInputException("status", "'" + value + "' is not a status; one of " + statuses());
        }
        return status;
    }

    /** Checks a person's move; from null means a new control, which starts Defined or Implemented. */
    private static ControlStatus personMove(Control control, ControlStatus to) {
        ControlStatus from = control == null ? ControlStatus.DEFINED : control.status();
        if (from.canMoveTo(to, Mover.PERSON)) {
            return to;
        }
        if (to == ControlStatus.EVIDENCED || to == ControlStatus.TESTED) {
            throw new InvalidInputException("status", to.label() + " is set by Evident: Evidenced when evidence covers "
                    + "the period, Tested when the auditor's test passes. You can choose "
                    + from.choicesForPeople().stream().map(Enum::name).sorted().collect(Collectors.joining(" or ")));
        }
        throw new InvalidInputException("status", "cannot move from " + from + " to " + to);
    }

    private static String statuses() {
        return java.util.Arrays.stream(ControlStatus.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private void requireFreeRef(UUID orgId, String ref, UUID except) {
        boolean taken = controls.all(orgId).stream().anyMatch(c -> c.ref().equals(ref) && !c.id().equals(except));
        if (taken) {
            throw new InvalidInputException("ref", ref + " is already used by another control of this organization");
        }
    }

    Control build(UUID id, UUID orgId, ControlDefinition d, ControlStatus status, Instant statusChangedAt,
                  Control.Source source, Instant createdAt, Instant updatedAt, long version) {
        return new Control(id, orgId, d.ref(), d.title(), d.description(), d.domain(), d.type(), d.nature(),
                d.frequency(), d.ownerUserId(), d.ownerRole(), d.test(), d.evidence(), d.criteria(), status,
                statusChangedAt, d.applicable(), d.notApplicableReason(), source, createdAt, updatedAt, version);
    }

    private Control ordered(Control c) {
        return new Control(c.id(), c.orgId(), c.ref(), c.title(), c.description(), c.domain(), c.type(), c.nature(),
                c.frequency(), c.ownerUserId(), c.ownerRole(), c.test(), c.evidence(), rules.inFrameworkOrder(c.criteria()),
                c.status(), c.statusChangedAt(), c.applicable(), c.notApplicableReason(), c.source(), c.createdAt(),
                c.updatedAt(), c.version());
    }

    /** What changed, for the audit log: short fields from → to, long texts as "changed". */
    static Map<String, Object> changes(ControlRules orgRules, Control before, Control after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "ref", before.ref(), after.ref());
        diff(changes, "title", before.title(), after.title());
        if (!before.description().equals(after.description())) {
            changes.put("description", "changed");
        }
        diff(changes, "domain", before.domain(), after.domain());
        diff(changes, "type", before.type(), after.type());
        diff(changes, "nature", before.nature(), after.nature());
        diff(changes, "frequency", before.frequency(), after.frequency());
        diff(changes, "owner", ownerLabel(orgRules, before.ownerUserId()), ownerLabel(orgRules, after.ownerUserId()));
        diff(changes, "ownerRole", before.ownerRole(), after.ownerRole());
        diff(changes, "testMethod", before.test().method(), after.test().method());
        if (!before.test().procedure().equals(after.test().procedure())) {
            changes.put("testProcedure", "changed");
        }
        if (!before.evidence().equals(after.evidence())) {
            changes.put("evidence", "changed");
        }
        diff(changes, "criteria", String.join(", ", before.criteria()), String.join(", ", after.criteria()));
        diff(changes, "applicable", before.applicable(), after.applicable());
        diff(changes, "notApplicableReason", before.notApplicableReason(), after.notApplicableReason());
        diff(changes, "status", before.status(), after.status());
        return changes;
    }

    private static void diff(Map<String, Object> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, AuditRecord.change(before, after));
        }
    }

    private static String ownerLabel(ControlRules orgRules, UUID userId) {
        if (userId == null) {
            return null;
        }
        MemberSummary member = orgRules.memberById(userId);
        return member == null ? userId.toString() : member.email();
    }
}
