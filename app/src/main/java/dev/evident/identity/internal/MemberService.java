package dev.evident.identity.internal;

import dev.evident.identity.IdentityEvents.MemberRemoved;
import dev.evident.identity.IdentityEvents.MemberRoleChanged;
import dev.evident.identity.internal.Memberships.Member;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.ForbiddenException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Role;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members of the actor's organization: list, change role, remove. */
@Service
public class MemberService {

    private final Memberships memberships;
    private final TokenService tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MemberService(Memberships memberships, TokenService tokens, ApplicationEventPublisher events, Clock clock) {
        this.memberships = memberships;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    public Page<Member> list(Actor actor, PageRequest page, Role roleFilter) {
        return Page.of(memberships.page(actor.orgId(), page, roleFilter), page, m -> m.userId().toString());
    }

    public Member get(Actor actor, UUID userId) {
        return memberships.find(actor.orgId(), userId).orElseThrow(() -> new NotFoundException("Member"));
    }

    @Transactional
    public Member changeRole(Actor actor, UUID userId, Role newRole, long expectedVersion) {
        Member member = get(actor, userId);
        if (!actor.role().covers(newRole)) {
            throw new ForbiddenException("You cannot grant the role " + newRole + ", which has permissions you do not hold");
        }
        if (member.role() == newRole) {
            if (member.version() != expectedVersion) {
                throw ConflictException.staleVersion("This membership", expectedVersion, member.version());
            }
            return member;
        }
        if (member.role() == Role.ADMIN && memberships.countAdmins(actor.orgId()) == 1) {
            throw new ConflictException("The organization needs at least one admin: make someone else admin first");
        }
        if (!memberships.updateRole(actor.orgId(), userId, newRole, expectedVersion, Timestamps.now(clock))) {
            throw ConflictException.staleVersion("This membership", expectedVersion, member.version());
        }
        events.publishEvent(new MemberRoleChanged(actor, userId, member.email(), member.role(), newRole));
        tokens.revokeTokensBeyond(actor, userId, newRole);
        return get(actor, userId);
    }

    /**
     * Removes the member. Access stops with their next request: roles are resolved per request,
     * never cached in the session, and the member's other organizations are not affected.
     */
    @Transactional
    public void remove(Actor actor, UUID userId) {
        Member member = get(actor, userId);
        if (member.role() == Role.ADMIN && memberships.countAdmins(actor.orgId()) == 1) {
            throw new ConflictException("The organization needs at least one admin: the last admin cannot be removed");
        }
        if (!actor.role().covers(member.role())) {
            throw new ForbiddenException("You cannot remove a member whose role has permissions you do not hold");
        }
        memberships.delete(actor.orgId(), userId);
        events.publishEvent(new MemberRemoved(actor, userId, member.email(), member.role()));
        tokens.revokeTokensBeyond(actor, userId, null);
    }
}
