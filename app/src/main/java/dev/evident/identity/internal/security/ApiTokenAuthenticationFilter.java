package dev.evident.identity.internal.security;

import dev.evident.identity.internal.TokenService;
import dev.evident.shared.problem.ProblemResponses;
import dev.evident.shared.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>}; a presented but invalid token is a 401 at once. */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private final TokenService tokens;

    ApiTokenAuthenticationFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(7).trim();
        var token = tokens.authenticate(secret);
        if (token.isEmpty()) {
            ProblemResponses.write(request, response, ProblemType.UNAUTHENTICATED,
                    "The API token is unknown, expired or revoked");
            return;
        }
        var t = token.get();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(t.id(), t.orgId(), t.role(), t.name(), t.createdBy()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
