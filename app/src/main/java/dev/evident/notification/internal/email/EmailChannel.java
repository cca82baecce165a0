package dev.evident.notification.internal.email;

import dev.evident.notification.NotificationChannel;
import dev.evident.notification.Notifications.Notice;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Email for every new notification, as the recipient prefers: sent at once, kept for the daily
 * digest, or not at all. Does nothing while email is not configured. An immediate email goes into the
 * outbox in the notification's transaction and is sent by {@link EmailDelivery} after the commit, on a
 * scheduler thread: a rolled-back notification sends nothing, and a failing SMTP server fails nothing.
 */
@Component
class EmailChannel implements NotificationChannel {

    private final Mailer mailer;
    private final EmailPreferences preferences;
    private final DigestStore digests;
    private final EmailDelivery delivery;
    private final Clock clock;

    EmailChannel(Mailer mailer, EmailPreferences preferences, DigestStore digests, EmailDelivery delivery, Clock clock) {
        this.mailer = mailer;
        this.preferences = preferences;
        this.digests = digests;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public void deliver(UUID notificationId, Notice notice) {
        if (!mailer.enabled()) {
            return;
        }
        switch (preferences.mode(notice.orgId(), notice.userId())) {
            case OFF -> {
            }
            case DAILY_DIGEST -> digests.addItem(notificationId, notice.orgId(), notice.userId(), Timestamps.now(clock));
            case IMMEDIATE -> delivery.enqueue(notificationId, notice.orgId(), notice.userId());
        }
    }
}
