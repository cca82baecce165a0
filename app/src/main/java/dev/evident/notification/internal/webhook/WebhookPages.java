package dev.evident.notification.internal.webhook;

import dev.evident.shared.Ids;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.FormErrors;
import dev.evident.shared.web.NavigationItem;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin pages: endpoints with a form to add one, and each endpoint's delivery log. */
@Controller
class WebhookPages {

    private final WebhookService webhooks;
    private final DeliveryWorker worker;
    private final Clock clock;

    WebhookPages(WebhookService webhooks, DeliveryWorker worker, Clock clock) {
        this.webhooks = webhooks;
        this.worker = worker;
        this.clock = clock;
    }

    @Bean
    static NavigationItem webhooksNavigation() {
        return new NavigationItem("Organization", "Webhooks", "/webhooks", Permission.WEBHOOKS_MANAGE, 40);
    }

    @GetMapping("/webhooks")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String list(Actor actor, Model model) {
        populate(actor, model);
        return "webhooks";
    }

    @PostMapping("/webhooks")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String create(Actor actor, @RequestParam(defaultValue = "") String url,
                  @RequestParam(defaultValue = "") String description,
                  @RequestParam(required = false) List<String> events, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        try {
            var created = webhooks.create(actor, new WebhookService.Changes(url, description, events, true));
            redirect.addFlashAttribute("newSecret", created.secret());
            return "redirect:/webhooks/" + created.endpoint().id();
        } catch (ProblemException e) {
            FormErrors.add(model, e, Map.of("events[0]", "events", "events[1]", "events", "events[2]", "events"),
                    Map.of("url", "URL"));
            model.addAttribute("url", url);
            model.addAttribute("description", description);
            model.addAttribute("selectedEvents", events == null ? List.of() : events);
            response.setStatus(e.type().status().value());
            populate(actor, model);
            return "webhooks";
        }
    }

    @GetMapping("/webhooks/{id}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String detail(Actor actor, @PathVariable String id, @RequestParam(required = false) String cursor, Model model) {
        UUID endpointId = Ids.parseOrNotFound(id, "Webhook");
        model.addAttribute("webhook", webhooks.get(actor, endpointId));
        model.addAttribute("deliveries", webhooks.deliveries(actor, endpointId, PageRequest.of(50, cursor)));
        return "webhook";
    }

    @PostMapping("/webhooks/{id}/ping")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String ping(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        UUID endpointId = Ids.parseOrNotFound(id, "Webhook");
        var ping = webhooks.queuePing(actor, endpointId, worker.claimUntil(clock.instant()));
        var sent = worker.attempt(ping.id());
        if ("SUCCEEDED".equals(sent.status())) {
            redirect.addFlashAttribute("flash", "Ping delivered: the endpoint answered " + sent.lastStatusCode() + ".");
        } else {
            redirect.addFlashAttribute("flashError", "Ping failed: " + sent.lastError());
        }
        return "redirect:/webhooks/" + endpointId;
    }

    @PostMapping("/webhooks/{id}/rotate-secret")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String rotate(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        var rotated = webhooks.rotateSecret(actor, Ids.parseOrNotFound(id, "Webhook"));
        redirect.addFlashAttribute("newSecret", rotated.secret());
        return "redirect:/webhooks/" + rotated.endpoint().id();
    }

    @PostMapping("/webhooks/{id}/active")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String active(Actor actor, @PathVariable String id, @RequestParam boolean active, RedirectAttributes redirect) {
        var endpoint = webhooks.update(actor, Ids.parseOrNotFound(id, "Webhook"),
                new WebhookService.Changes(null, null, null, active));
        redirect.addFlashAttribute("flash", active ? "The webhook is active again." : "The webhook is paused.");
        return "redirect:/webhooks/" + endpoint.id();
    }

    @PostMapping("/webhooks/{id}/delete")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String delete(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        webhooks.delete(actor, Ids.parseOrNotFound(id, "Webhook"));
        redirect.addFlashAttribute("flash", "The webhook was deleted.");
        return "redirect:/webhooks";
    }

    @PostMapping("/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    String redeliver(Actor actor, @PathVariable String id, @PathVariable String deliveryId, RedirectAttributes redirect) {
        UUID endpointId = Ids.parseOrNotFound(id, "Webhook");
        webhooks.redeliver(actor, endpointId, Ids.parseOrNotFound(deliveryId, "Delivery"));
        redirect.addFlashAttribute("flash", "Queued again; it is sent within a minute.");
        return "redirect:/webhooks/" + endpointId;
    }

    private void populate(Actor actor, Model model) {
        model.addAttribute("page", webhooks.list(actor, PageRequest.of(100, null)));
        model.addAttribute("eventTypes", WebhookEventTypes.SUBSCRIBABLE);
        if (!model.containsAttribute("selectedEvents")) {
            model.addAttribute("selectedEvents", List.of(WebhookEventTypes.ALL));
        }
    }
}
