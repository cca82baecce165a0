package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.InvitationService;
import dev.evident.identity.internal.security.ActorResolver;
import dev.evident.identity.internal.security.SessionUser;
import dev.evident.identity.internal.security.SignInCompletion;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The page behind an invitation link: new people create their account, existing ones confirm with their password. */
@Controller
class InvitationAcceptController {

    private final InvitationService invitations;
    private final SignInCompletion completion;

    InvitationAcceptController(InvitationService invitations, SignInCompletion completion) {
        this.invitations = invitations;
        this.completion = completion;
    }

    @GetMapping("/invite/{token}")
    @PublicEndpoint("the invitation link is the credential")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        var pending = invitations.pending(token);
        if (pending.isEmpty()) {
            response.setStatus(404);
            return "invitation-invalid";
        }
        model.addAttribute("pending", pending.get());
        model.addAttribute("token", token);
        return "invitation-accept";
    }

    @PostMapping("/invite/{token}")
    @PublicEndpoint("the invitation link is the credential")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            var user = invitations.accept(token, displayName, password, request.getRemoteAddr());
            completion.complete(new SessionUser(user.id(), user.email(), user.displayName()), request, response);
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
            response.setStatus(e.type().status().value());
            return "invitation-accept";
        }
    }
}
