package dev.evident.identity.internal;

import dev.evident.identity.IdentityEvents.ApiTokenCreated;
import dev.evident.identity.IdentityEvents.ApiTokenRevoked;
import dev.evident.identity.internal.ApiTokens.ApiToken;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: shown once, stored as a SHA-256 hash, scoped to one organization and one role,
 * optionally expiring, revocable. Format: {@code evd_} followed by 43 url-safe characters.
 */
@Service
public class TokenService {

    public static final String PREFIX = "evd_";
    public static final int MIN_BOOTSTRAP_LENGTH = 32;

    public record CreatedToken(ApiToken token, String secret) {
    }

    private final ApiTokens tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TokenService(ApiTokens tokens, ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public CreatedToken create(Actor actor, String name, Role role, Instant expiresAt) {
        return insert(actor, name, role, expiresAt, SecretTokens.generate(PREFIX));
    }

    /** Registers a token whose secret was chosen by the operator (EVIDENT_BOOTSTRAP_ADMIN_TOKEN). */
    @Transactional
    public Optional<CreatedToken> createWithSecret(Actor actor, String name, Role role, String secret) {
        if (tokens.existsByHash(SecretTokens.hash(secret))) {
            return Optional.empty();
        }
        return Optional.of(insert(actor, name, role, null, secret));
    }

    private CreatedToken insert(Actor actor, String name, Role role, Instant expiresAt, String secret) {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (trimmed.length() > 100) {
            errors.add(new FieldError("name", "must be at most 100 characters"));
        }
        if (role == null) {
            errors.add(new FieldError("role", "is required: one of " + Role.allowedValues()));
        }
        Instant now = Timestamps.now(clock);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add(new FieldError("expiresAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (!actor.role().covers(role)) {
            throw new ForbiddenException("You cannot create a token with the role " + role
                    + ": it has permissions you do not hold");
        }
        UUID id = Ids.next(clock);
        // Generated tokens show "evd_" and 8 of their 43 random characters; operator-chosen secrets
        // show only 4 characters, since they may carry less randomness.
        String prefix = secret.startsWith(PREFIX) ? secret.substring(0, 12) : secret.substring(0, 4);
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        tokens.insert(id, actor.orgId(), trimmed, role, SecretTokens.hash(secret), prefix, actor.userId(), now, expiry);
        events.publishEvent(new ApiTokenCreated(actor, id, trimmed, role, prefix, expiry == null ? null : expiry.toString()));
        return new CreatedToken(tokens.find(actor.orgId(), id).orElseThrow(), secret);
    }

    public Page<ApiToken> list(Actor actor, PageRequest page) {
        return Page.of(tokens.page(actor.orgId(), page), page, t -> t.id().toString());
    }

    public ApiToken get(Actor actor, UUID id) {
        return tokens.find(actor.orgId(), id).orElseThrow(() -> new NotFoundException("API token"));
    }

    @Transactional
    public void revoke(Actor actor, UUID id) {
        ApiToken token = get(actor, id);
        if (!actor.role().covers(token.role())) {
            throw new ForbiddenException("You cannot revoke a token whose role (" + token.role().label()
                    + ") has permissions you do not hold");
        }
        if (!tokens.revoke(actor.orgId(), id, Timestamps.now(clock))) {
            throw new ConflictException("The API token is already revoked");
        }
        events.publishEvent(new ApiTokenRevoked(actor, id, token.name(), "revoked"));
    }

    /**
     * Offboarding: revokes the active tokens a member created in the actor's organization whose
     * role the member's new role (null when removed) no longer covers. Returns how many.
     */
    @Transactional
    public int revokeTokensBeyond(Actor actor, UUID creatorId, Role newRole) {
        Instant now = Timestamps.now(clock);
        int revoked = 0;
        for (ApiToken token : tokens.activeCreatedBy(actor.orgId(), creatorId, now)) {
            if (newRole == null || !newRole.covers(token.role())) {
                tokens.revoke(actor.orgId(), token.id(), now);
                events.publishEvent(new ApiTokenRevoked(actor, token.id(), token.name(),
                        newRole == null ? "creator removed from the organization" : "creator's role no longer covers it"));
                revoked++;
            }
        }
        return revoked;
    }

    /** Resolves a presented bearer secret to an active token; empty for unknown, expired or revoked. */
    @Transactional
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) && secret.length() < MIN_BOOTSTRAP_LENGTH) {
            return Optional.empty();
        }
        Instant now = Timestamps.now(clock);
        Optional<ApiToken> token = tokens.findByHash(SecretTokens.hash(secret)).filter(t -> t.activeAt(now));
        token.ifPresent(t -> tokens.touch(t.id(), now));
        return token;
    }
}
