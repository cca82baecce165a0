package dev.evident.notification.internal.webhook;

import dev.evident.notification.internal.webhook.WebhookDeliveries.Delivery;
import dev.evident.notification.internal.webhook.WebhookEndpoints.Endpoint;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.crypto.SecretBox;
import dev.evident.shared.crypto.SecretTokens;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook endpoints of an organization and the events queued for them. Secrets are generated here,
 * returned once, and stored encrypted ({@link SecretBox}).
 */
@Service
public class WebhookService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_DESCRIPTION = 200;

    /** An endpoint with its secret, right after creation or rotation (the only time the secret is shown). */
    record WithSecret(Endpoint endpoint, String secret) {
    }

    /** What a caller may change; null leaves a value as it is. */
    record Changes(String url, String description, List<String> events, Boolean active) {
    }

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final AddressPolicy addresses;
    private final SecretBox box;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WebhookService(WebhookEndpoints endpoints, WebhookDeliveries deliveries, AddressPolicy addresses, SecretBox box,
                   ApplicationEventPublisher events, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.addresses = addresses;
        this.box = box;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public WithSecret create(Actor actor, Changes input) {
        String url = addresses.validate("url", input.url()).toString();
        String description = description(input.description());
        Set<String> subscribed = WebhookEventTypes.parse("events", input.events());
        String secret = SecretTokens.generate("whsec_");
        Instant now = Timestamps.now(clock);
        Endpoint endpoint = new Endpoint(Ids.next(clock), actor.orgId(), url, description, subscribed, box.encrypt(secret),
                input.active() == null || input.active(), actor.userId(), now, now);
        endpoints.insert(endpoint);
        events.publishEvent(new WebhookAudit(actor, "created", endpoint.id(), summary(endpoint)));
        return new WithSecret(endpoint, secret);
    }

    @Transactional
    public Endpoint update(Actor actor, UUID id, Changes changes) {
        Endpoint before = get(actor, id);
        String url = changes.url() == null ? before.url() : addresses.validate("url", changes.url()).toString();
        String description = changes.description() == null ? before.description() : description(changes.description());
        Set<String> subscribed = changes.events() == null ? before.events() : WebhookEventTypes.parse("events", changes.events());
        boolean active = changes.active() == null ? before.active() : changes.active();
        Endpoint after = new Endpoint(before.id(), before.orgId(), url, description, subscribed, before.secretEncrypted(),
                active, before.createdBy(), before.createdAt(), Timestamps.now(clock));
        endpoints.update(after);
        Map<String, Object> diff = new LinkedHashMap<>();
        if (!before.url().equals(after.url())) {
            diff.put("url", AuditRecord.change(before.url(), after.url()));
        }
        if (!before.description().equals(after.description())) {
            diff.put("description", AuditRecord.change(before.description(), after.description()));
        }
        if (!before.events().equals(after.events())) {
            diff.put("events", AuditRecord.change(String.join(",", before.events()), String.join(",", after.events())));
        }
        if (before.active() != after.active()) {
            diff.put("active", AuditRecord.change(before.active(), after.active()));
        }
        if (!diff.isEmpty()) {
            events.publishEvent(new WebhookAudit(actor, "updated", id, diff));
        }
        return after;
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        Endpoint endpoint = get(actor, id);
        endpoints.delete(actor.orgId(), id);
        events.publishEvent(new WebhookAudit(actor, "deleted", id, summary(endpoint)));
    }

    /** A new secret replaces the old one at once; deliveries signed from now on use it. */
    @Transactional
    public WithSecret rotateSecret(Actor actor, UUID id) {
        Endpoint before = get(actor, id);
        String secret = SecretTokens.generate("whsec_");
        Endpoint after = new Endpoint(before.id(), before.orgId(), before.url(), before.description(), before.events(),
                box.encrypt(secret), before.active(), before.createdBy(), before.createdAt(), Timestamps.now(clock));
        endpoints.update(after);
        events.publishEvent(new WebhookAudit(actor, "secret_rotated", id, Map.of("url", before.url())));
        return new WithSecret(after, secret);
    }

    public Endpoint get(Actor actor, UUID id) {
        return endpoints.find(actor.orgId(), id).orElseThrow(() -> new NotFoundException("Webhook"));
    }

    public Page<Endpoint> list(Actor actor, PageRequest request) {
        return Page.of(endpoints.page(actor.orgId(), request.afterId(), request.fetchSize()), request, e -> e.id().toString());
    }

    public Page<Delivery> deliveries(Actor actor, UUID endpointId, PageRequest request) {
        get(actor, endpointId);
        return Page.of(deliveries.page(actor.orgId(), endpointId, request.afterId(), request.fetchSize()), request,
                d -> d.id().toString());
    }

    public Delivery delivery(Actor actor, UUID endpointId, UUID deliveryId) {
        return deliveries.find(actor.orgId(), endpointId, deliveryId).orElseThrow(() -> new NotFoundException("Delivery"));
    }

    /** Queues the same event again as a new delivery (same event id, so receivers can de-duplicate), due now. */
    @Transactional
    public Delivery redeliver(Actor actor, UUID endpointId, UUID deliveryId) {
        Delivery original = delivery(actor, endpointId, deliveryId);
        Instant now = Timestamps.now(clock);
        Delivery again = new Delivery(Ids.next(clock), original.orgId(), endpointId, original.eventId(), original.eventType(),
                original.payload(), "PENDING", 0, now, null, null, null, null, null, now);
        deliveries.insert(again, null);
        events.publishEvent(new WebhookAudit(actor, "redelivered", endpointId,
                Map.of("delivery", deliveryId.toString(), "newDelivery", again.id().toString())));
        return again;
    }

    /** A ping delivery, already claimed by the caller, who sends it at once. */
    @Transactional
    public Delivery queuePing(Actor actor, UUID endpointId, Instant claimedUntil) {
        Endpoint endpoint = get(actor, endpointId);
        Instant now = Timestamps.now(clock);
        UUID eventId = Ids.next(clock);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhookId", endpoint.id().toString());
        data.put("message", "A test ping from Evident, sent by " + actor.label());
        Delivery ping = new Delivery(Ids.next(clock), actor.orgId(), endpointId, eventId, WebhookEventTypes.PING,
                payload(eventId, WebhookEventTypes.PING, now, data), "SENDING", 0, null, null, null, null, null, null, now);
        deliveries.insert(ping, claimedUntil);
        return ping;
    }

    /**
     * Queues an event for every active endpoint of the organization that subscribed to its type;
     * runs in the caller's transaction. Returns how many deliveries were queued.
     */
    public int publish(UUID orgId, String type, Instant occurredAt, Map<String, Object> data) {
        List<Endpoint> targets = endpoints.active(orgId).stream().filter(e -> e.wants(type)).toList();
        if (targets.isEmpty()) {
            return 0;
        }
        Instant now = Timestamps.now(clock);
        UUID eventId = Ids.next(clock);
        String payload = payload(eventId, type, occurredAt, data);
        for (Endpoint endpoint : targets) {
            deliveries.insert(new Delivery(Ids.next(clock), orgId, endpoint.id(), eventId, type, payload, "PENDING", 0, now,
                    null, null, null, null, null, now), null);
        }
        return targets.size();
    }

    static String payload(UUID eventId, String type, Instant occurredAt, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", type);
        body.put("occurredAt", occurredAt.toString());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    private static String description(String raw) {
        String trimmed = raw == null ? "" : raw.strip();
        if (trimmed.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return trimmed;
    }

    private static Map<String, Object> summary(Endpoint e) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("url", e.url());
        summary.put("events", List.copyOf(e.events()));
        summary.put("active", e.active());
        return summary;
    }
}
