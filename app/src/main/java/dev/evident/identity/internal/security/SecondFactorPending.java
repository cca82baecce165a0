package dev.evident.identity.internal.security;

import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The password was right but the second factor is still owed. This authentication only grants
 * access to the second-factor page, and only for a few minutes.
 */
public class SecondFactorPending extends AbstractAuthenticationToken {

    public static final String AUTHORITY = "SECOND_FACTOR_PENDING";
    private static final long serialVersionUID = 1L;
    private final SessionUser user;
    private final Instant startedAt;

    public SecondFactorPending(SessionUser user, Instant startedAt) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.user = user;
        this.startedAt = startedAt;
        setAuthenticated(true);
    }

    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public SessionUser getPrincipal() {
        return user;
    }
}
