package dev.evident.identity.internal;

import dev.evident.identity.IdentityEvents.InvitationRevoked;
import dev.evident.identity.IdentityEvents.MemberInvited;
import dev.evident.identity.IdentityEvents.MemberJoined;
import dev.evident.identity.internal.Invitations.Invitation;
import dev.evident.identity.internal.Invitations.Status;
import dev.evident.identity.internal.Users.UserAccount;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.crypto.SecretTokens;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.ForbiddenException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations by link. The link carries a random secret; only its hash is stored, so the link is
 * shown once to the inviter (and later e-mailed by the notification module).
 */
@Service
public class InvitationService {

    public record CreatedInvitation(Invitation invitation, String token) {
        public String acceptPath() {
            return "/invite/" + token;
        }
    }

    /** What the invitee sees before accepting: whether they already have an account decides the form. */
    public record PendingInvitation(Invitation invitation, String organizationName, boolean existingAccount) {
    }

    private final Invitations invitations;
    private final Users users;
    private final Memberships memberships;
    private final Organizations organizations;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final EvidentProperties properties;
    private final Clock clock;

    InvitationService(Invitations invitations, Users users, Memberships memberships, Organizations organizations,
                      PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
                      EvidentProperties properties, Clock clock) {
        this.invitations = invitations;
        this.users = users;
        this.memberships = memberships;
        this.organizations = organizations;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public CreatedInvitation invite(Actor actor, String rawEmail, Role role) {
        List<FieldError> errors = new ArrayList<>();
        Emails.problem(rawEmail).ifPresent(p -> errors.add(new FieldError("email", p)));
        if (role == null) {
            errors.add(new FieldError("role", "is required: one of " + Role.allowedValues()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (!actor.role().covers(role)) {
            throw new ForbiddenException("You cannot invite someone as " + role + ": that role has permissions you do not hold");
        }
        String email = Emails.normalize(rawEmail);
        Instant now = Timestamps.now(clock);
        Optional<UserAccount> existing = users.findByEmail(email);
        if (existing.isPresent() && memberships.find(actor.orgId(), existing.get().id()).isPresent()) {
            throw new ConflictException(email + " is already a member of this organization");
        }
        if (invitations.hasPending(actor.orgId(), email, now)) {
            throw new ConflictException(email + " already has a pending invitation; revoke it to send a new one");
        }
        String token = SecretTokens.generate("inv_");
        UUID id = Ids.next(clock);
        invitations.insert(id, actor.orgId(), email, role, SecretTokens.hash(token), actor.userId(), now,
                now.plus(properties.invitations().validity()));
        events.publishEvent(new MemberInvited(actor, id, email, role));
        return new CreatedInvitation(invitations.find(actor.orgId(), id).orElseThrow(), token);
    }

    public Page<Invitation> list(Actor actor, PageRequest page) {
        return Page.of(invitations.page(actor.orgId(), page), page, i -> i.id().toString());
    }

    public Invitation get(Actor actor, UUID id) {
        return invitations.find(actor.orgId(), id).orElseThrow(() -> new NotFoundException("Invitation"));
    }

    @Transactional
    public void revoke(Actor actor, UUID id) {
        Invitation invitation = get(actor, id);
        if (!actor.role().covers(invitation.role())) {
            throw new ForbiddenException("You cannot revoke an invitation for the role " + invitation.role().label()
                    + ", which has permissions you do not hold");
        }
        if (!invitations.markRevoked(actor.orgId(), id, Timestamps.now(clock))) {
            throw new ConflictException("The invitation is already " + invitation.status(clock.instant()).name().toLowerCase());
        }
        events.publishEvent(new InvitationRevoked(actor, id, invitation.email()));
    }

    /** Resolves a link for the acceptance page; empty when unknown, used, revoked or expired. */
    public Optional<PendingInvitation> pending(String token) {
        return invitations.findByTokenHash(SecretTokens.hash(token))
                .filter(i -> i.status(clock.instant()) == Status.PENDING)
                .map(i -> new PendingInvitation(i, organizations.find(i.orgId()).map(Organizations.Organization::name).orElse("?"),
                        users.findByEmail(i.email()).isPresent()));
    }

    /**
     * Accepts an invitation for a person without an account: they choose a name and a password.
     * Returns the new user.
     */
    @Transactional
    public UserAccount acceptWithNewAccount(String token, String displayName, String password, String clientIp) {
        PendingInvitation pending = pendingOrNotFound(token);
        if (pending.existingAccount()) {
            throw new ConflictException("An account with this email exists: sign in first, then open the link again");
        }
        Invitation invitation = pending.invitation();
        List<FieldError> errors = new ArrayList<>();
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty()) {
            errors.add(new FieldError("displayName", "is required"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("displayName", "must be at most 200 characters"));
        }
        passwordPolicy.problems(password, invitation.email()).forEach(p -> errors.add(new FieldError("password", p)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID userId = Ids.next(clock);
        users.insert(userId, invitation.email(), name, passwordEncoder.encode(password), Timestamps.now(clock));
        UserAccount user = users.find(userId).orElseThrow();
        join(invitation, user, true, clientIp);
        return user;
    }

    /**
     * Accepts an invitation for someone who already has an account. They must be signed in as the
     * invited address: the link alone never signs anyone in to an existing account, so it cannot
     * be used to bypass the second factor or to guess passwords.
     */
    @Transactional
    public void acceptAsSignedInUser(String token, UUID signedInUserId, String clientIp) {
        PendingInvitation pending = pendingOrNotFound(token);
        UserAccount user = users.find(signedInUserId).orElseThrow(() -> new NotFoundException("User"));
        if (!user.email().equals(pending.invitation().email())) {
            throw new ForbiddenException("This invitation is for another email address: sign in as that person to accept it");
        }
        if (memberships.find(pending.invitation().orgId(), user.id()).isPresent()) {
            throw new ConflictException("You are already a member of this organization");
        }
        join(pending.invitation(), user, false, clientIp);
    }

    private PendingInvitation pendingOrNotFound(String token) {
        return pending(token)
                .orElseThrow(() -> new NotFoundException("Invitation (the link is unknown, used, revoked or expired)"));
    }

    private void join(Invitation invitation, UserAccount user, boolean newAccount, String clientIp) {
        Instant now = Timestamps.now(clock);
        if (!invitations.markAccepted(invitation.id(), user.id(), now)) {
            throw new ConflictException("The invitation was used or revoked meanwhile");
        }
        memberships.insert(invitation.orgId(), user.id(), invitation.role(), now);
        users.updateLastOrg(user.id(), invitation.orgId());
        events.publishEvent(new MemberJoined(invitation.orgId(), user.id(), user.email(), invitation.role(),
                invitation.id(), newAccount, clientIp));
    }
}
