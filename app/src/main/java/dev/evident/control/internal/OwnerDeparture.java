package dev.evident.control.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlEvents.ControlOwnerUnassigned;
import dev.evident.identity.IdentityEvents.MemberRemoved;
import dev.evident.identity.IdentityEvents.MemberRoleChanged;
import dev.evident.shared.Timestamps;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Role;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps ownership honest: when an owner leaves the organization, or becomes its auditor (who must not
 * test their own controls), their controls go back to having no owner, each change audited, in the
 * same transaction as the membership change. Readiness then lists them as owner-less.
 */
@Component
class OwnerDeparture {

    private final Controls controls;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OwnerDeparture(Controls controls, ApplicationEventPublisher events, Clock clock) {
        this.controls = controls;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(MemberRemoved removed) {
        unassign(removed.actor(), removed.userId(), removed.email());
    }

    @EventListener
    void on(MemberRoleChanged changed) {
        if (changed.to() == Role.AUDITOR) {
            unassign(changed.actor(), changed.userId(), changed.email());
        }
    }

    private void unassign(Actor actor, UUID userId, String email) {
        for (Control control : controls.ownedBy(actor.orgId(), userId)) {
            controls.unassignOwner(actor.orgId(), control.id(), Timestamps.now(clock));
            events.publishEvent(new ControlOwnerUnassigned(actor, control, email));
        }
    }
}
