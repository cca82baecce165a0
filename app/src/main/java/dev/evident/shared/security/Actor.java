package dev.evident.shared.security;

import dev.evident.shared.problem.ForbiddenException;
import java.util.UUID;

/**
 * Who is acting, in which organization and with which role. Resolved once per request and passed
 * to services explicitly, so every query can be scoped by {@link #orgId()}.
 *
 * @param userId the signed-in user, or the user who created the API token (may be null)
 */
public record Actor(ActorType type, UUID id, String label, UUID orgId, Role role, UUID userId, String clientIp) {

    public boolean can(Permission permission) {
        return role != null && role.can(permission);
    }

    public void require(Permission permission) {
        if (!can(permission)) {
            throw new ForbiddenException(role == null ? "You are not a member of this organization"
                    : "Your role (" + role.label() + ") does not include this. Ask an admin if you need it.");
        }
    }

    /** The system itself (bootstrap, demo seeding, scheduled jobs) acting in an organization. */
    public static Actor system(UUID orgId, String label) {
        return new Actor(ActorType.SYSTEM, null, label, orgId, Role.ADMIN, null, null);
    }

    public Actor inOrganization(UUID otherOrgId, Role otherRole) {
        return new Actor(type, id, label, otherOrgId, otherRole, userId, clientIp);
    }
}
