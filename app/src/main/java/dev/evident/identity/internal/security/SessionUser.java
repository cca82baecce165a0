package dev.evident.identity.internal.security;

import java.io.Serializable;
import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The principal kept in a signed-in session. Its name is the user id, which is how Spring Session
 * indexes sessions, so "sign out everywhere" can find them all. Roles are not kept here: they are
 * read per request, so a role change or removal takes effect immediately.
 */
public record SessionUser(UUID userId, String email, String displayName) implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return userId.toString();
    }
}
