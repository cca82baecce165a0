package dev.evident.identity.internal.security;

import org.springframework.security.core.context.SecurityContextHolder;

final class SecurityContextRoles {

    private SecurityContextRoles() {
    }

    static boolean pendingSecondFactor() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof SecondFactorPending;
    }
}
