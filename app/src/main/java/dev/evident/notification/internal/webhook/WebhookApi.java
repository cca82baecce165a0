package dev.evident.notification.internal.webhook;

import dev.evident.notification.internal.webhook.WebhookDeliveries.Delivery;
import dev.evident.notification.internal.webhook.WebhookEndpoints.Endpoint;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed HTTP callbacks for check state changes and stale evidence (see docs/webhooks.md)")
class WebhookApi {

    record WebhookView(UUID id, String url, String description, List<String> events, boolean active, UUID createdBy,
                       Instant createdAt, Instant updatedAt) {
        static WebhookView of(Endpoint e) {
            return new WebhookView(e.id(), e.url(), e.description(), List.copyOf(e.events()), e.active(), e.createdBy(),
                    e.createdAt(), e.updatedAt());
        }
    }

    /** The secret appears in this response only; Evident keeps it encrypted and never shows it again. */
    record WebhookWithSecret(WebhookView webhook, String secret) {
        static WebhookWithSecret of(WebhookService.WithSecret w) {
            return new WebhookWithSecret(WebhookView.of(w.endpoint()), w.secret());
        }
    }

    record WebhookInput(String url, String description, List<String> events, Boolean active) {
        WebhookService.Changes changes() {
            return new WebhookService.Changes(url, description, events, active);
        }
    }

    /** One event sent (or to be sent) to one endpoint, with the outcome of its last attempt. */
    record DeliveryView(UUID id, UUID eventId, String eventType, String status, int attempts, Instant createdAt,
                        Instant lastAttemptAt, Integer lastStatusCode, Long lastDurationMs, String lastResponse,
                        String lastError, Instant nextAttemptAt, String payload) {
        static DeliveryView of(Delivery d, boolean withPayload) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(), d.createdAt(),
                    d.lastAttemptAt(), d.lastStatusCode(), d.lastDurationMs(), d.lastResponse(), d.lastError(),
                    d.nextAttemptAt(), withPayload ? d.payload() : null);
        }
    }

    private final WebhookService webhooks;
    private final DeliveryWorker worker;
    private final java.time.Clock clock;

    WebhookApi(WebhookService webhooks, DeliveryWorker worker, java.time.Clock clock) {
        this.webhooks = webhooks;
        this.worker = worker;
        this.clock = clock;
    }

    @GetMapping
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "List webhook endpoints", description = "Newest first, cursor-paginated; secrets are never listed")
    Page<WebhookView> list(Actor actor, @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        return webhooks.list(actor, PageRequest.of(limit, cursor)).map(WebhookView::of);
    }

    @PostMapping
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Register a webhook endpoint", description = "url: https (http only for localhost); "
            + "events: check.state_changed, evidence.stale or all. The signing secret is returned once")
    ResponseEntity<WebhookWithSecret> create(Actor actor, @RequestBody WebhookInput input) {
        return ResponseEntity.status(HttpStatus.CREATED).body(WebhookWithSecret.of(webhooks.create(actor, input.changes())));
    }

    @GetMapping("/{webhookId}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Get a webhook endpoint")
    WebhookView get(Actor actor, @PathVariable String webhookId) {
        return WebhookView.of(webhooks.get(actor, id(webhookId)));
    }

    @PatchMapping("/{webhookId}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Change a webhook endpoint", description = "Only the fields sent change; active=false pauses it")
    WebhookView update(Actor actor, @PathVariable String webhookId, @RequestBody WebhookInput input) {
        return WebhookView.of(webhooks.update(actor, id(webhookId), input.changes()));
    }

    @DeleteMapping("/{webhookId}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Delete a webhook endpoint and its delivery log")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String webhookId) {
        webhooks.delete(actor, id(webhookId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{webhookId}/rotate-secret")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Replace the signing secret", description = "The new secret is returned once and used from now on")
    WebhookWithSecret rotate(Actor actor, @PathVariable String webhookId) {
        return WebhookWithSecret.of(webhooks.rotateSecret(actor, id(webhookId)));
    }

    @PostMapping("/{webhookId}/ping")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send a test ping now", description = "A signed 'ping' event, sent at once and not retried; "
            + "the answer is the delivery with the endpoint's response")
    DeliveryView ping(Actor actor, @PathVariable String webhookId) {
        UUID endpointId = id(webhookId);
        Delivery ping = webhooks.queuePing(actor, endpointId, worker.claimUntil(clock.instant()));
        return DeliveryView.of(worker.attempt(ping.id()), true);
    }

    @GetMapping("/{webhookId}/deliveries")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "The endpoint's delivery log", description = "Newest first, cursor-paginated")
    Page<DeliveryView> deliveries(Actor actor, @PathVariable String webhookId, @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        return webhooks.deliveries(actor, id(webhookId), PageRequest.of(limit, cursor)).map(d -> DeliveryView.of(d, false));
    }

    @GetMapping("/{webhookId}/deliveries/{deliveryId}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "One delivery, with the body that was sent")
    DeliveryView delivery(Actor actor, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return DeliveryView.of(webhooks.delivery(actor, id(webhookId), Ids.parseOrNotFound(deliveryId, "Delivery")), true);
    }

    @PostMapping("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send a delivery's event again", description = "Queued as a new delivery with the same event id, "
            + "sent by the next worker run")
    ResponseEntity<DeliveryView> redeliver(Actor actor, @PathVariable String webhookId, @PathVariable String deliveryId) {
        Delivery again = webhooks.redeliver(actor, id(webhookId), Ids.parseOrNotFound(deliveryId, "Delivery"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryView.of(again, false));
    }

    private static UUID id(String value) {
        return Ids.parseOrNotFound(value, "Webhook");
    }
}
