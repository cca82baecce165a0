package dev.evident.notification.internal.webhook;

import dev.evident.monitoring.CheckStateChanged;
import dev.evident.notification.NotificationChannel;
import dev.evident.notification.Notifications.Notice;
import dev.evident.notification.internal.CheckChanges;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what happens into webhook events: a check state change (once per change, not per person
 * notified) and stale evidence (from its notification, which goes to the one owner concerned).
 */
@Component
class WebhookEventSource implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(WebhookEventSource.class);

    private final WebhookService webhooks;
    private final Clock clock;
    private final TransactionTemplate own;

    WebhookEventSource(WebhookService webhooks, Clock clock, PlatformTransactionManager transactions) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CheckStateChanged change) {
        if (!CheckChanges.notable(change)) {
            return;
        }
        try {
            own.executeWithoutResult(t -> webhooks.publish(change.orgId(), WebhookEventTypes.CHECK_STATE_CHANGED,
                    change.at(), data(change)));
        } catch (RuntimeException e) {
            log.warn("Could not queue webhooks for check {} and resource {}: {}", change.checkKey(), change.resourceId(),
                    e.getMessage(), e);
        }
    }

    /** Stale evidence reaches webhooks through its notification, in the notification's transaction. */
    @Override
    public void deliver(UUID notificationId, Notice notice) {
        if (!WebhookEventTypes.EVIDENCE_STALE.equals(notice.kind())) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notificationId", notificationId.toString());
        data.put("recipientUserId", notice.userId().toString());
        data.put("subject", notice.subject());
        data.put("body", notice.body());
        data.put("link", notice.link());
        webhooks.publish(notice.orgId(), WebhookEventTypes.EVIDENCE_STALE, Timestamps.now(clock), data);
    }

    static Map<String, Object> data(CheckStateChanged c) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("id", c.checkId().toString());
        check.put("key", c.checkKey());
        check.put("title", c.checkTitle());
        check.put("version", c.checkVersion());
        check.put("severity", c.severity());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", c.resourceType());
        resource.put("id", c.resourceId());
        resource.put("name", c.resourceName());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("check", check);
        data.put("resource", resource);
        data.put("previousOutcome", c.previousOutcome());
        data.put("outcome", c.outcome());
        data.put("detail", c.detail());
        data.put("controlIds", (c.controlIds() == null ? List.<UUID>of() : c.controlIds()).stream().map(UUID::toString).toList());
        data.put("link", CheckChanges.link(c));
        return data;
    }
}
