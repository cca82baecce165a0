package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.AccountService;
import dev.evident.identity.internal.SetupService;
import dev.evident.identity.internal.security.SessionUser;
import dev.evident.identity.internal.security.SignInCompletion;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.PublicEndpoint;
import dev.evident.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** First-run setup, protected by the one-time code printed to the log. */
@Controller
class SetupController {

    private final SetupService setup;
    private final AccountService accounts;
    private final SignInCompletion completion;

    SetupController(SetupService setup, AccountService accounts, SignInCompletion completion) {
        this.setup = setup;
        this.accounts = accounts;
        this.completion = completion;
    }

    @GetMapping("/setup")
    @PublicEndpoint("first-run setup; only works while no account exists, and needs the code from the log")
    String page() {
        return setup.setupRequired() ? "setup" : "redirect:/login";
    }

    @PostMapping("/setup")
    @PublicEndpoint("first-run setup; only works while no account exists, and needs the code from the log")
    String complete(@RequestParam(defaultValue = "") String setupCode, @RequestParam(defaultValue = "") String organizationName,
                    @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
                    @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                    HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            var userId = setup.complete(setupCode, organizationName, displayName, email, password, request.getRemoteAddr());
            var user = accounts.get(userId);
            completion.complete(new SessionUser(user.id(), user.email(), user.displayName()), request, response, "setup");
            redirect.addFlashAttribute("flash", "Welcome to Evident. Your organization is ready.");
            return "redirect:/";
        } catch (ProblemException e) {
            FormErrors.add(model, e, java.util.Map.of("name", "organizationName"));
            model.addAttribute("organizationName", organizationName);
            model.addAttribute("displayName", displayName);
            model.addAttribute("email", email);
            model.addAttribute("setupCode", setupCode);
            response.setStatus(e.type().status().value());
            return "setup";
        }
    }
}
