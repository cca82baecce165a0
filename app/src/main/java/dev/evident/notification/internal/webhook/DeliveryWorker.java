package dev.evident.notification.internal.webhook;

import dev.evident.notification.internal.webhook.WebhookDeliveries.Delivery;
import dev.evident.notification.internal.webhook.WebhookDeliveries.Recorded;
import dev.evident.notification.internal.webhook.WebhookEndpoints.Endpoint;
import dev.evident.shared.Timestamps;
import dev.evident.shared.crypto.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends due webhook deliveries on every node. A delivery is sent by the node whose claim (an UPDATE
 * from PENDING to SENDING) succeeded; a failed attempt is retried after the next of
 * {@code evident.webhooks.retry-delays}, and after the last one the delivery is FAILED. A claim that
 * outlives its node is taken over once it expires.
 */
@Component
@EnableScheduling
public class DeliveryWorker implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 50;

    private final WebhookDeliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final SecretBox box;
    private final Clock clock;

    DeliveryWorker(WebhookDeliveries deliveries, WebhookEndpoints endpoints, WebhookSender sender,
                   WebhookProperties properties, SecretBox box, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.sender = sender;
        this.properties = properties;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // The first run waits one interval, so a starting node (or a test) is not raced by its own worker.
        registrar.addFixedDelayTask(new FixedDelayTask(this::scheduled, properties.pollInterval(), properties.pollInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(this::purge, Duration.ofHours(1), Duration.ofHours(1)));
    }

    /** Finished deliveries older than {@code evident.webhooks.log-retention} leave the log (any node may do it). */
    public int purge() {
        try {
            return deliveries.purgeFinished(Timestamps.now(clock).minus(properties.logRetention()));
        } catch (RuntimeException e) {
            log.warn("Could not purge the webhook delivery log: {}", e.getMessage());
            return 0;
        }
    }

    private void scheduled() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("Webhook delivery run failed: {}", e.getMessage(), e);
        }
    }

    /** Sends every delivery due now that this node can claim; returns how many attempts it made. */
    public int runDue() {
        int attempted = 0;
        while (true) {
            Instant now = Timestamps.now(clock);
            var due = deliveries.due(now, BATCH);
            int claimed = 0;
            for (UUID id : due) {
                if (deliveries.claim(id, now, claimUntil(now))) {
                    claimed++;
                    attempt(id);
                    attempted++;
                }
            }
            if (due.size() < BATCH || claimed == 0) {
                return attempted;
            }
        }
    }

    Instant claimUntil(Instant now) {
        return now.plus(properties.connectTimeout()).plus(properties.readTimeout()).plus(Duration.ofMinutes(1));
    }

    /** One attempt of a delivery this node claimed; records the outcome and schedules the retry. */
    Delivery attempt(UUID deliveryId) {
        Delivery delivery = deliveries.byId(deliveryId).orElseThrow();
        Optional<Endpoint> endpoint = endpoints.find(delivery.orgId(), delivery.endpointId());
        int attempts = delivery.attempts() + 1;
        WebhookSender.Attempt attempt;
        if (endpoint.isEmpty() || !endpoint.get().active()) {
            attempt = new WebhookSender.Attempt(null, 0, null, "The endpoint is disabled");
            attempts = properties.maxAttempts(); // not retried: a disabled endpoint gets no deliveries
        } else {
            attempt = send(endpoint.get(), delivery);
        }
        Instant now = Timestamps.now(clock);
        Recorded recorded;
        if (attempt.succeeded()) {
            recorded = new Recorded("SUCCEEDED", attempts, null, now, attempt.statusCode(), attempt.durationMs(),
                    attempt.response(), null);
        } else if (attempts >= properties.maxAttempts() || WebhookEventTypes.PING.equals(delivery.eventType())) {
            recorded = new Recorded("FAILED", attempts, null, now, attempt.statusCode(), attempt.durationMs(),
                    attempt.response(), failure(attempt));
        } else {
            recorded = new Recorded("PENDING", attempts, now.plus(properties.retryDelays().get(attempts - 1)), now,
                    attempt.statusCode(), attempt.durationMs(), attempt.response(), failure(attempt));
        }
        deliveries.record(deliveryId, recorded);
        return deliveries.byId(deliveryId).orElseThrow();
    }

    private WebhookSender.Attempt send(Endpoint endpoint, Delivery delivery) {
        try {
            return sender.send(endpoint.url(), box.decrypt(endpoint.secretEncrypted()), delivery.eventType(),
                    delivery.id().toString(), delivery.payload());
        } catch (RuntimeException e) {
            return new WebhookSender.Attempt(null, 0, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String failure(WebhookSender.Attempt attempt) {
        if (attempt.error() != null) {
            return attempt.error();
        }
        return "The endpoint answered " + attempt.statusCode() + " (expected 2xx)";
    }
}
