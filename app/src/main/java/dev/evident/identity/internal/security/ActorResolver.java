package dev.evident.identity.internal.security;

import dev.evident.identity.internal.Memberships;
import dev.evident.identity.internal.Users;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import dev.evident.shared.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Turns the authenticated principal into an {@link Actor} for this request. For signed-in users
 * the organization comes from the session and the role is read from the membership table on
 * every request, so revoking access needs no session surgery.
 */
@Component
public class ActorResolver {

    public static final String CURRENT_ORG = "evident.currentOrg";
    private static final String CACHE = ActorResolver.class.getName();

    private final Memberships memberships;
    private final Users users;

    ActorResolver(Memberships memberships, Users users) {
        this.memberships = memberships;
        this.users = users;
    }

    public Optional<Actor> resolve(HttpServletRequest request) {
        Object cached = request.getAttribute(CACHE);
        if (cached instanceof Actor actor) {
            return Optional.of(actor);
        }
        Optional<Actor> actor = compute(request);
        actor.ifPresent(a -> request.setAttribute(CACHE, a));
        return actor;
    }

    /** Forgets the cached actor (after switching organization within the request). */
    public void forget(HttpServletRequest request) {
        request.removeAttribute(CACHE);
    }

    private Optional<Actor> compute(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String ip = request.getRemoteAddr();
        if (auth instanceof ApiTokenAuthentication token) {
            return Optional.of(new Actor(ActorType.API_TOKEN, token.tokenId(), "API token \"" + token.tokenName() + "\"",
                    token.orgId(), token.role(), token.createdBy(), ip));
        }
        if (auth == null || auth instanceof SecondFactorPending || !(auth.getPrincipal() instanceof SessionUser user)) {
            return Optional.empty();
        }
        HttpSession session = request.getSession(false);
        UUID orgId = session == null ? null : (UUID) session.getAttribute(CURRENT_ORG);
        Optional<Role> role = orgId == null ? Optional.empty() : memberships.roleOf(orgId, user.userId());
        if (role.isEmpty()) {
            orgId = defaultOrganization(user.userId()).orElse(null);
            role = orgId == null ? Optional.empty() : memberships.roleOf(orgId, user.userId());
            if (orgId != null) {
                request.getSession().setAttribute(CURRENT_ORG, orgId);
            }
        }
        return Optional.of(new Actor(ActorType.USER, user.userId(), user.email(), orgId, role.orElse(null),
                user.userId(), ip));
    }

    private Optional<UUID> defaultOrganization(UUID userId) {
        Optional<UUID> last = users.find(userId).map(Users.UserAccount::lastOrgId)
                .filter(org -> memberships.roleOf(org, userId).isPresent());
        if (last.isPresent()) {
            return last;
        }
        return memberships.orgIdsOf(userId).stream().findFirst();
    }
}
