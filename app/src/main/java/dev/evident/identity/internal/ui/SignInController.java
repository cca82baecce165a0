package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.SetupService;
import dev.evident.identity.internal.SignInService;
import dev.evident.identity.internal.security.SecondFactorPending;
import dev.evident.identity.internal.security.SignInCompletion;
import dev.evident.shared.security.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in pages. The password POST itself is handled by Spring Security's form login. */
@Controller
class SignInController {

    static final Duration SECOND_FACTOR_WINDOW = Duration.ofMinutes(5);

    private final SetupService setup;
    private final SignInService signIn;
    private final SignInCompletion completion;
    private final Clock clock;
    private final org.springframework.security.web.savedrequest.HttpSessionRequestCache requestCache =
            new org.springframework.security.web.savedrequest.HttpSessionRequestCache();

    SignInController(SetupService setup, SignInService signIn, SignInCompletion completion, Clock clock) {
        this.setup = setup;
        this.signIn = signIn;
        this.completion = completion;
        this.clock = clock;
    }

    @GetMapping("/login")
    @PublicEndpoint("the sign-in page")
    String signInPage(HttpSession session, Model model, @RequestParam(required = false) String signedOut) {
        if (setup.setupRequired()) {
            return "redirect:/setup";
        }
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof SecondFactorPending) {
            return "redirect:/login/two-factor";
        }
        if (auth != null && auth.getPrincipal() instanceof dev.evident.identity.internal.security.SessionUser) {
            return "redirect:/";
        }
        Object error = session.getAttribute("evident.signInError");
        if (error != null) {
            model.addAttribute("signInError", error);
            model.addAttribute("email", session.getAttribute("evident.signInEmail"));
            session.removeAttribute("evident.signInError");
            session.removeAttribute("evident.signInEmail");
        }
        if (signedOut != null) {
            model.addAttribute("flash", "You are signed out.");
        }
        return "sign-in";
    }

    @GetMapping("/login/two-factor")
    @PublicEndpoint("second sign-in step; the security chain admits only sessions that passed the password step")
    String secondFactorPage() {
        return "two-factor";
    }

    @PostMapping("/login/two-factor")
    @PublicEndpoint("second sign-in step; the security chain admits only sessions that passed the password step")
    String secondFactor(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        var pending = (SecondFactorPending) SecurityContextHolder.getContext().getAuthentication();
        if (clock.instant().isAfter(pending.startedAt().plus(SECOND_FACTOR_WINDOW))) {
            completion.abandon(request, response);
            return "redirect:/login?expired";
        }
        var outcome = signIn.checkSecondFactor(pending.getPrincipal().userId(), code, request.getRemoteAddr());
        if (outcome instanceof SignInService.Refused refused) {
            model.addAttribute("signInError", refused.message());
            return "two-factor";
        }
        completion.complete(pending.getPrincipal(), request, response, null);
        var saved = requestCache.getRequest(request, response);
        if (saved != null) {
            requestCache.removeRequest(request, response);
            return "redirect:" + saved.getRedirectUrl();
        }
        return "redirect:/";
    }
}
