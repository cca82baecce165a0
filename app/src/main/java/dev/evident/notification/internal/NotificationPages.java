package dev.evident.notification.internal;

import dev.evident.notification.internal.email.EmailMode;
import dev.evident.notification.internal.email.EmailPreferences;
import dev.evident.notification.internal.email.Mailer;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The notifications page and the bell in the header (loaded by htmx, so pages do not wait for it). */
@Controller
class NotificationPages {

    private final NotificationService notifications;
    private final EmailPreferences preferences;
    private final Mailer mailer;

    NotificationPages(NotificationService notifications, EmailPreferences preferences, Mailer mailer) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.mailer = mailer;
    }

    @GetMapping("/notifications")
    @SignedIn
    String page(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        var page = notifications.inbox(actor, PageRequest.of(50, cursor), false);
        model.addAttribute("notifications", page.items().stream().map(NotificationRow::of).toList());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("unread", notifications.unread(actor.orgId(), actor.userId()));
        model.addAttribute("emailEnabled", mailer.enabled());
        model.addAttribute("emailModes", EmailMode.values());
        model.addAttribute("emailMode", actor.userId() == null ? null : preferences.mode(actor.orgId(), actor.userId()));
        return "notifications";
    }

    @PostMapping("/notifications/preferences")
    @SignedIn
    String preferences(Actor actor, @RequestParam(defaultValue = "") String email, RedirectAttributes redirect) {
        try {
            if (actor.userId() != null) {
                preferences.set(actor.orgId(), actor.userId(), EmailMode.parse("email", email));
                redirect.addFlashAttribute("flash", "Email preference saved.");
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/notifications";
    }

    @GetMapping("/notifications/bell")
    @SignedIn
    String bell(Actor actor, Model model) {
        model.addAttribute("unread", notifications.unread(actor.orgId(), actor.userId()));
        return "notifications :: bell";
    }

    @PostMapping("/notifications/{notificationId}/read")
    @SignedIn
    String read(Actor actor, @PathVariable("notificationId") String id) {
        notifications.markRead(actor, Ids.parseOrNotFound(id, "Notification"));
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/read")
    @SignedIn
    String readAll(Actor actor) {
        notifications.markAllRead(actor);
        return "redirect:/notifications";
    }
}
