package dev.evident.identity.internal.security;

import org.springframework.security.core.context.SecurityContextHolder;

final class SecurityContextRoles {

    private SecurityContextRoles() {
    }

    /** Fully signed in: authenticated, not anonymous, and past the second factor. */
    static boolean signedIn() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof SessionUser
                && !(auth instanceof SecondFactorPending);
    }
}
