package dev.evident.notification.internal.webhook;

import dev.evident.monitoring.CheckStateChanged;
import dev.evident.monitoring.CheckStateChanges;
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
 * notified; one {@code check.state_changes} summary when {@link CheckChanges#grouped} says so) and stale evidence (from its notification, which goes to the one owner concerned).
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
    void on(CheckStateChanges batch) {
        List<CheckStateChanged> notable = CheckChanges.notable(batch);
        if (notable.isEmpty()) {
            return;
        }
        try {
            own.executeWithoutResult(t -> {
                if (CheckChanges.grouped(batch, notable)) {
                    webhooks.publish(batch.orgId(), WebhookEventTypes.CHECK_STATE_CHANGES, batch.at(), data(batch, notable));
                } else {
                    notable.forEach(change -> webhooks.publish(change.orgId(), WebhookEventTypes.CHECK_STATE_CHANGED,
                            change.at(), data(change)));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not queue webhooks for check {} ({} changes): {}", batch.checkKey(), notable.size(),
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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("check", check(c.checkId(), c.checkKey(), c.checkTitle(), c.checkVersion(), c.severity()));
        data.putAll(change(c));
        data.put("controlIds", ids(c.controlIds()));
        data.put("link", CheckChanges.link(c));
        return data;
    }

    /** A summary event: counts of the notable changes and the first {@value CheckChanges#SAMPLE} of them. */
    static Map<String, Object> data(CheckStateChanges batch, List<CheckStateChanged> notable) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("check", check(batch.checkId(), batch.checkKey(), batch.checkTitle(), batch.checkVersion(), batch.severity()));
        data.put("firstEvaluation", batch.firstEvaluation());
        data.put("count", notable.size());
        data.put("counts", CheckChanges.counts(notable));
        data.put("sample", notable.subList(0, Math.min(CheckChanges.SAMPLE, notable.size())).stream()
                .map(WebhookEventSource::change).toList());
        data.put("controlIds", ids(batch.controlIds()));
        data.put("link", "/checks/" + batch.checkId());
        return data;
    }

    private static Map<String, Object> check(UUID id, String key, String title, int version, String severity) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("id", id.toString());
        check.put("key", key);
        check.put("title", title);
        check.put("version", version);
        check.put("severity", severity);
        return check;
    }

    private static Map<String, Object> change(CheckStateChanged c) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", c.resourceType());
        resource.put("id", c.resourceId());
        resource.put("name", c.resourceName());
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("resource", resource);
        change.put("previousOutcome", c.previousOutcome());
        change.put("outcome", c.outcome());
        change.put("detail", c.detail());
        return change;
    }

    private static List<String> ids(List<UUID> ids) {
        return (ids == null ? List.<UUID>of() : ids).stream().map(UUID::toString).toList();
    }
}
