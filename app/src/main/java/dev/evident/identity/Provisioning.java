package dev.evident.identity;

import dev.evident.shared.security.Role;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating organizations and accounts without a signed-in user: first-run bootstrap and demo
 * seeding. Passwords still go through the password policy.
 */
public interface Provisioning {

    boolean anyUserExists();

    Optional<UUID> organizationBySlug(String slug);

    /** Creates an organization and its first admin; returns the organization id. */
    UUID createOrganizationWithAdmin(String organizationName, String adminEmail, String adminName, String adminPassword,
                                     String performedBy);

    /** Adds a new account to an existing organization with the given role; returns the user id. */
    UUID addUser(UUID orgId, String email, String displayName, String password, Role role, String performedBy);

    /**
     * Registers an API token with a secret chosen by the operator. Returns false when a token with
     * that secret already exists (so restarts are idempotent).
     */
    boolean registerToken(UUID orgId, String name, Role role, String secret, String performedBy);

    /** The organizations in which the user with this email is an admin, oldest first. */
    Optional<UUID> firstOrganizationAdministeredBy(String email);
}
