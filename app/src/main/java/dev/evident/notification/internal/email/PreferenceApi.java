package dev.evident.notification.internal.email;

import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications/preferences")
@Tag(name = "Notifications")
class PreferenceApi {

    /**
     * @param email        IMMEDIATE, DAILY_DIGEST or OFF
     * @param emailEnabled whether this installation sends email at all (spring.mail.host is set)
     */
    record Preferences(String email, boolean emailEnabled) {
    }

    record PreferencesInput(String email) {
    }

    private final EmailPreferences preferences;
    private final Mailer mailer;

    PreferenceApi(EmailPreferences preferences, Mailer mailer) {
        this.preferences = preferences;
        this.mailer = mailer;
    }

    @GetMapping
    @SignedIn
    @Operation(summary = "Your notification preferences in this organization",
            description = "Without a choice, notifications are emailed immediately (when email is configured)")
    Preferences get(Actor actor) {
        return view(actor);
    }

    @PutMapping
    @SignedIn
    @Operation(summary = "Change your notification preferences",
            description = "email: IMMEDIATE (one email per notification), DAILY_DIGEST (one email a day) or OFF")
    Preferences put(Actor actor, @RequestBody PreferencesInput input) {
        if (actor.userId() == null) {
            throw new InvalidInputException("email", "can only be chosen by a person (this API token belongs to nobody)");
        }
        if (input == null || input.email() == null) {
            throw new InvalidInputException("email", "is required");
        }
        preferences.set(actor.orgId(), actor.userId(), EmailMode.parse("email", input.email()));
        return view(actor);
    }

    private Preferences view(Actor actor) {
        EmailMode mode = actor.userId() == null ? EmailMode.OFF : preferences.mode(actor.orgId(), actor.userId());
        return new Preferences(mode.name(), mailer.enabled());
    }
}
