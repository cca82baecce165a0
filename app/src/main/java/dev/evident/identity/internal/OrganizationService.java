package dev.evident.identity.internal;

import dev.evident.identity.IdentityEvents.OrganizationCreated;
import dev.evident.identity.IdentityEvents.OrganizationUpdated;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.internal.Organizations.Organization;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Role;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrganizationService implements OrganizationDirectory {

    private final Organizations organizations;
    private final Memberships memberships;
    private final Invitations invitations;
    private final ApiTokens tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrganizationService(Organizations organizations, Memberships memberships, Invitations invitations, ApiTokens tokens,
                        ApplicationEventPublisher events, Clock clock) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.invitations = invitations;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    /** Creates an organization; {@code adminUserId} (may be null for the system) becomes its first admin. */
    @Transactional
    public Organization create(Actor actor, UUID adminUserId, String name) {
        String trimmed = validName(name);
        Instant now = Timestamps.now(clock);
        UUID id = Ids.next(clock);
        String slug = uniqueSlug(trimmed);
        organizations.insert(id, slug, trimmed, now);
        if (adminUserId != null) {
            memberships.insert(id, adminUserId, Role.ADMIN, now);
        }
        events.publishEvent(new OrganizationCreated(actor, id, trimmed, slug));
        return organizations.find(id).orElseThrow();
    }

    @Transactional
    public Organization rename(Actor actor, String name, long expectedVersion) {
        String trimmed = validName(name);
        Organization current = get(actor.orgId());
        if (!organizations.rename(current.id(), trimmed, expectedVersion, Timestamps.now(clock))) {
            throw ConflictException.staleVersion("The organization", expectedVersion, current.version());
        }
        if (!current.name().equals(trimmed)) {
            events.publishEvent(new OrganizationUpdated(actor, current.id(),
                    Map.of("name", AuditRecord.change(current.name(), trimmed))));
        }
        return get(actor.orgId());
    }

    public Organization get(UUID orgId) {
        return organizations.find(orgId).orElseThrow(() -> new NotFoundException("Organization"));
    }

    public List<Organization> organizationsOf(UUID userId) {
        return organizations.forUser(userId);
    }

    @Override
    public OrganizationOverview overview(UUID orgId) {
        Organization org = get(orgId);
        Instant now = clock.instant();
        return new OrganizationOverview(org.id(), org.name(), org.slug(), memberships.countByRole(orgId),
                invitations.countPending(orgId, now), tokens.countActive(orgId, now),
                memberships.countWithoutTwoFactor(orgId));
    }

    @Override
    public List<MemberSummary> members(UUID orgId) {
        return memberships.all(orgId).stream().map(OrganizationService::summary).toList();
    }

    @Override
    public Optional<MemberSummary> member(UUID orgId, UUID userId) {
        return memberships.find(orgId, userId).map(OrganizationService::summary);
    }

    @Override
    public Optional<MemberSummary> memberByEmail(UUID orgId, String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String wanted = email.trim();
        return memberships.all(orgId).stream().filter(m -> m.email().equalsIgnoreCase(wanted)).findFirst()
                .map(OrganizationService::summary);
    }

    private static MemberSummary summary(Memberships.Member m) {
        return new MemberSummary(m.userId(), m.displayName(), m.email(), m.role());
    }

    private static String validName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("name", "is required");
        }
        if (trimmed.length() > 200) {
            throw new InvalidInputException("name", "must be at most 200 characters");
        }
        return trimmed;
    }

    private String uniqueSlug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "org";
        }
        base = base.length() > 48 ? base.substring(0, 48) : base;
        String slug = base;
        for (int i = 2; organizations.slugExists(slug); i++) {
            slug = base + "-" + i;
        }
        return slug;
    }
}
