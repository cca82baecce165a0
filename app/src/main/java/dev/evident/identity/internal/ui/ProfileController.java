package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.AccountService;
import dev.evident.identity.internal.AccountService.TotpEnrollment;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: name, password, two-factor authentication, sessions. */
@Controller
class ProfileController {

    private static final String ENROLLMENT = "evident.totpEnrollment";
    private final AccountService accounts;

    ProfileController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/profile")
    @SignedIn
    String profile(Actor actor, HttpSession session, Model model) {
        var user = accounts.get(actor.userId());
        model.addAttribute("user", user);
        model.addAttribute("recoveryCodesLeft", accounts.remainingRecoveryCodes(user.id()));
        var enrollment = (TotpEnrollment) session.getAttribute(ENROLLMENT);
        model.addAttribute("enrollment", enrollment);
        if (enrollment != null) {
            model.addAttribute("qrCode", QrCodes.svg(enrollment.otpauthUri(), "QR code to add Evident to your authenticator app"));
        }
        return "profile";
    }

    @PostMapping("/profile/name")
    @SignedIn
    String rename(Actor actor, @RequestParam(defaultValue = "") String displayName, RedirectAttributes redirect) {
        return attempt(redirect, "Your name was updated.", () -> accounts.rename(actor.userId(), displayName, actor.clientIp()));
    }

    @PostMapping("/profile/password")
    @SignedIn
    String changePassword(Actor actor, @RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword, HttpSession session,
                          RedirectAttributes redirect) {
        return attempt(redirect, "Your password was changed and your other sessions were signed out.",
                () -> accounts.changePassword(actor.userId(), currentPassword, newPassword, session.getId(), actor.clientIp()));
    }

    @PostMapping("/profile/two-factor/start")
    @SignedIn
    String startTwoFactor(Actor actor, HttpSession session, RedirectAttributes redirect) {
        return attempt(redirect, null, () -> session.setAttribute(ENROLLMENT, accounts.startTotpEnrollment(actor.userId())));
    }

    @PostMapping("/profile/two-factor/confirm")
    @SignedIn
    String confirmTwoFactor(Actor actor, @RequestParam(defaultValue = "") String code, HttpSession session,
                            RedirectAttributes redirect) {
        var enrollment = (TotpEnrollment) session.getAttribute(ENROLLMENT);
        if (enrollment == null) {
            redirect.addFlashAttribute("flashError", "Start the set-up again.");
            return "redirect:/profile";
        }
        try {
            var codes = accounts.confirmTotp(actor.userId(), enrollment.secret(), code, actor.clientIp());
            session.removeAttribute(ENROLLMENT);
            redirect.addFlashAttribute("recoveryCodes", codes);
            redirect.addFlashAttribute("flash", "Two-factor authentication is on.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/profile";
    }

    @PostMapping("/profile/two-factor/cancel")
    @SignedIn
    String cancelTwoFactor(HttpSession session) {
        session.removeAttribute(ENROLLMENT);
        return "redirect:/profile";
    }

    @PostMapping("/profile/two-factor/disable")
    @SignedIn
    String disableTwoFactor(Actor actor, @RequestParam(defaultValue = "") String password, RedirectAttributes redirect) {
        return attempt(redirect, "Two-factor authentication is off.",
                () -> accounts.disableTotp(actor.userId(), password, actor.clientIp()));
    }

    @PostMapping("/profile/recovery-codes")
    @SignedIn
    String regenerateCodes(Actor actor, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("recoveryCodes", accounts.regenerateRecoveryCodes(actor.userId(), actor.clientIp()));
            redirect.addFlashAttribute("flash", "New recovery codes were made; the old ones no longer work.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/profile";
    }

    @PostMapping("/profile/sign-out-everywhere")
    @SignedIn
    String signOutEverywhere(Actor actor, HttpServletRequest request, HttpServletResponse response) {
        accounts.signOutEverywhere(actor.userId(), actor.clientIp());
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyGone) {
                // deleted from the repository a moment ago
            }
        }
        return "redirect:/login?signedOut";
    }

    private static String attempt(RedirectAttributes redirect, String success, Runnable action) {
        try {
            action.run();
            if (success != null) {
                redirect.addFlashAttribute("flash", success);
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.errors().isEmpty() ? e.getMessage()
                    : String.join(" ", e.errors().stream().map(f -> label(f.field()) + " " + f.message() + ".").toList()));
        }
        return "redirect:/profile";
    }

    private static String label(String field) {
        return switch (field) {
            case "currentPassword" -> "Current password";
            case "newPassword" -> "New password";
            case "displayName" -> "Name";
            case "code" -> "Code";
            default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
        };
    }
}
