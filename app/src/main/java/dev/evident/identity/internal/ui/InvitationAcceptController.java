package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.InvitationService;
import dev.evident.identity.internal.security.ActorResolver;
import dev.evident.identity.internal.security.SessionUser;
import dev.evident.identity.internal.security.SignInCompletion;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.PublicEndpoint;
import dev.evident.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page behind an invitation link. New people create their account here. People who already
 * have an account sign in normally (password and second factor) and then accept with one click.
 */
@Controller
class InvitationAcceptController {

    private final InvitationService invitations;
    private final SignInCompletion completion;
    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

    InvitationAcceptController(InvitationService invitations, SignInCompletion completion) {
        this.invitations = invitations;
        this.completion = completion;
        this.requestCache.setMatchingRequestParameterName(null);
    }

    @GetMapping("/invite/{token}")
    @PublicEndpoint("the invitation link is the credential for joining; existing accounts must sign in first")
    String page(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        var pending = invitations.pending(token);
        if (pending.isEmpty()) {
            response.setStatus(404);
            return "invitation-invalid";
        }
        Optional<SessionUser> signedIn = signedInUser();
        if (pending.get().existingAccount() && signedIn.isEmpty()) {
            // come back here after signing in
            requestCache.saveRequest(request, response);
        }
        model.addAttribute("pending", pending.get());
        model.addAttribute("token", token);
        model.addAttribute("signedInEmail", signedIn.map(SessionUser::email).orElse(null));
        return "invitation-accept";
    }

    @PostMapping("/invite/{token}")
    @PublicEndpoint("the invitation link is the credential for joining; existing accounts must sign in first")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            Optional<SessionUser> signedIn = signedInUser();
            var pending = invitations.pending(token);
            if (pending.isPresent() && pending.get().existingAccount()) {
                if (signedIn.isEmpty()) {
                    return "redirect:/invite/" + token;
                }
                invitations.acceptAsSignedInUser(token, signedIn.get().userId(), request.getRemoteAddr());
                request.getSession().setAttribute(ActorResolver.CURRENT_ORG, pending.get().invitation().orgId());
                redirect.addFlashAttribute("flash", "You have joined " + pending.get().organizationName() + ".");
                return "redirect:/";
            }
            var user = invitations.acceptWithNewAccount(token, displayName, password, request.getRemoteAddr());
            completion.complete(new SessionUser(user.id(), user.email(), user.displayName()), request, response, "invitation");
            request.getSession().removeAttribute(ActorResolver.CURRENT_ORG);
            redirect.addFlashAttribute("flash", "Welcome, " + user.displayName() + ". You have joined the organization.");
            return "redirect:/";
        } catch (ProblemException e) {
            var pending = invitations.pending(token);
            if (pending.isEmpty()) {
                response.setStatus(404);
                return "invitation-invalid";
            }
            FormErrors.add(model, e);
            model.addAttribute("pending", pending.get());
            model.addAttribute("token", token);
            model.addAttribute("displayName", displayName);
            model.addAttribute("signedInEmail", signedInUser().map(SessionUser::email).orElse(null));
            response.setStatus(e.type().status().value());
            return "invitation-accept";
        }
    }

    private static Optional<SessionUser> signedInUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SessionUser user
                && !(auth instanceof dev.evident.identity.internal.security.SecondFactorPending)
                ? Optional.of(user) : Optional.empty();
    }
}
