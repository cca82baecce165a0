package dev.evident.identity.internal.security;

import dev.evident.identity.internal.SignInService;
import dev.evident.identity.internal.SignInService.Refused;
import dev.evident.identity.internal.SignInService.Succeeded;
import java.time.Clock;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Form sign-in: delegates to {@link SignInService}, which throttles, locks out and audits. */
class PasswordAuthenticationProvider implements AuthenticationProvider {

    static final String USER_AUTHORITY = "ROLE_USER";
    private final SignInService signIn;
    private final Clock clock;

    PasswordAuthenticationProvider(SignInService signIn, Clock clock) {
        this.signIn = signIn;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        var outcome = signIn.checkPassword(authentication.getName(), password, ip);
        if (outcome instanceof Refused refused) {
            throw new BadCredentialsException(refused.message());
        }
        var user = ((Succeeded) outcome).user();
        var principal = new SessionUser(user.id(), user.email(), user.displayName());
        if (((Succeeded) outcome).secondFactorRequired()) {
            return new SecondFactorPending(principal, clock.instant());
        }
        return fullyAuthenticated(principal);
    }

    static Authentication fullyAuthenticated(SessionUser principal) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(USER_AUTHORITY)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
