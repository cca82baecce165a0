package dev.evident.identity.internal;

import dev.evident.identity.IdentityEvents.MemberJoined;
import dev.evident.identity.Provisioning;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ProvisioningService implements Provisioning {

    private final Users users;
    private final Memberships memberships;
    private final OrganizationService organizations;
    private final TokenService tokens;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    ProvisioningService(Users users, Memberships memberships, OrganizationService organizations, TokenService tokens,
                        PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
                        JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.organizations = organizations;
        this.tokens = tokens;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean anyUserExists() {
        return users.count() > 0;
    }

    @Override
    public Optional<UUID> organizationBySlug(String slug) {
        return jdbc.sql("SELECT id FROM organization WHERE slug = :slug").param("slug", slug).query(UUID.class).optional();
    }

    @Override
    @Transactional
    public UUID createOrganizationWithAdmin(String organizationName, String adminEmail, String adminName,
                                           String adminPassword, String performedBy) {
        List<FieldError> organizationErrors = new ArrayList<>();
        String orgName = organizationName == null ? "" : organizationName.trim();
        if (orgName.isEmpty() || orgName.length() > 200) {
            organizationErrors.add(new FieldError("name", orgName.isEmpty() ? "is required" : "must be at most 200 characters"));
        }
        UUID userId = createAccount(adminEmail, adminName, adminPassword, organizationErrors);
        var user = users.find(userId).orElseThrow();
        Actor actor = new Actor(dev.evident.shared.security.ActorType.SYSTEM, null, performedBy, null, Role.ADMIN, userId, null);
        UUID orgId = organizations.create(actor, userId, organizationName).id();
        users.updateLastOrg(userId, orgId);
        events.publishEvent(new MemberJoined(orgId, userId, user.email(), Role.ADMIN, null, true, null));
        return orgId;
    }

    @Override
    @Transactional
    public UUID addUser(UUID orgId, String email, String displayName, String password, Role role, String performedBy) {
        UUID userId = createAccount(email, displayName, password, List.of());
        memberships.insert(orgId, userId, role, Timestamps.now(clock));
        users.updateLastOrg(userId, orgId);
        events.publishEvent(new MemberJoined(orgId, userId, Emails.normalize(email), role, null, true, null));
        return userId;
    }

    @Override
    @Transactional
    public boolean registerToken(UUID orgId, String name, Role role, String secret, String performedBy) {
        return tokens.createWithSecret(Actor.system(orgId, performedBy), name, role, secret).isPresent();
    }

    @Override
    public Optional<UUID> firstOrganizationAdministeredBy(String email) {
        return jdbc.sql("""
                SELECT m.org_id FROM membership m JOIN app_user u ON u.id = m.user_id
                WHERE u.email = :email AND m.role = 'ADMIN' ORDER BY m.created_at, m.org_id""")
                .param("email", Emails.normalize(email)).query(UUID.class).list().stream().findFirst();
    }

    Optional<UUID> userIdByEmail(String email) {
        return users.findByEmail(Emails.normalize(email)).map(Users.UserAccount::id);
    }

    /** Validates and creates an account; field errors name the offending input. */
    UUID createAccount(String rawEmail, String displayName, String password, List<FieldError> otherErrors) {
        List<FieldError> errors = new ArrayList<>(otherErrors);
        Emails.problem(rawEmail).ifPresent(p -> errors.add(new FieldError("email", p)));
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty()) {
            errors.add(new FieldError("displayName", "is required"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("displayName", "must be at most 200 characters"));
        }
        String email = Emails.normalize(rawEmail);
        passwordPolicy.problems(password, email).forEach(p -> errors.add(new FieldError("password", p)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (users.findByEmail(email).isPresent()) {
            throw new ConflictException("An account with the email " + email + " already exists");
        }
        UUID id = Ids.next(clock);
        Instant now = Timestamps.now(clock);
        users.insert(id, email, name, passwordEncoder.encode(password), now);
        return id;
    }
}
