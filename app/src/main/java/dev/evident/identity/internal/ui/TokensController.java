package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.TokenService;
import dev.evident.identity.internal.RoleInput;
import dev.evident.shared.Ids;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import dev.evident.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class TokensController {

    private final TokenService tokens;
    private final Clock clock;

    TokensController(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/tokens")
    @RequiresPermission(Permission.TOKENS_MANAGE)
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        populate(actor, cursor, model);
        return "tokens";
    }

    @PostMapping("/tokens")
    @RequiresPermission(Permission.TOKENS_MANAGE)
    String create(Actor actor, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
                  @RequestParam(defaultValue = "90") String expiresInDays, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        try {
            Role parsed = RoleInput.parse("role", role);
            Instant expiresAt = null;
            if (!"never".equals(expiresInDays)) {
                try {
                    expiresAt = clock.instant().plus(Duration.ofDays(Integer.parseInt(expiresInDays)));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("expiresInDays", "must be a number of days or 'never'");
                }
            }
            var created = tokens.create(actor, name, parsed, expiresAt);
            redirect.addFlashAttribute("newSecret", created.secret());
            redirect.addFlashAttribute("newTokenName", created.token().name());
            return "redirect:/tokens";
        } catch (ProblemException e) {
            FormErrors.add(model, e);
            model.addAttribute("name", name);
            model.addAttribute("selectedRole", role);
            response.setStatus(e.type().status().value());
            populate(actor, null, model);
            return "tokens";
        }
    }

    @PostMapping("/tokens/{id}/revoke")
    @RequiresPermission(Permission.TOKENS_MANAGE)
    String revoke(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        try {
            tokens.revoke(actor, Ids.parseOrNotFound(id, "API token"));
            redirect.addFlashAttribute("flash", "The token was revoked; requests using it now get 401.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/tokens";
    }

    private void populate(Actor actor, String cursor, Model model) {
        model.addAttribute("page", tokens.list(actor, PageRequest.of(100, cursor)));
        model.addAttribute("now", clock.instant());
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> actor.role().covers(r)).toList());
    }
}
