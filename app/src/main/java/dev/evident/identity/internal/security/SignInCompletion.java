package dev.evident.identity.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Promotes a session to fully signed in (after the second factor, setup or accepting an invitation). */
@Component
public class SignInCompletion {

    private final SecurityContextRepository repository;
    private final dev.evident.identity.internal.SignInService signIn;

    SignInCompletion(SecurityContextRepository repository, dev.evident.identity.internal.SignInService signIn) {
        this.repository = repository;
        this.signIn = signIn;
    }

    /**
     * @param method how the user proved who they are, for the audit log ("password+totp", "setup",
     *               "invitation"); the sign-in is recorded like any other
     */
    public void complete(SessionUser user, HttpServletRequest request, HttpServletResponse response, String method) {
        if (method != null) {
            signIn.recordCompletedSignIn(user.userId(), request.getRemoteAddr(), method);
        }
        SessionRenewal.renew(request); // session fixation: a new session for the new privilege level
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(PasswordAuthenticationProvider.fullyAuthenticated(user));
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
    }

    public void abandon(HttpServletRequest request, HttpServletResponse response) {
        var context = SecurityContextHolder.createEmptyContext();
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
