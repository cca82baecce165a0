package dev.evident.notification.internal.email;

import dev.evident.identity.OrganizationDirectory;
import dev.evident.notification.NotificationChannel;
import dev.evident.notification.Notifications.Notice;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Email for every new notification, as the recipient prefers: sent at once, kept for the daily
 * digest, or not at all. Does nothing while email is not configured. An immediate email is sent
 * after the notification's transaction commits, so a rolled-back notification sends nothing.
 */
@Component
class EmailChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final Mailer mailer;
    private final EmailPreferences preferences;
    private final DigestStore digests;
    private final OrganizationDirectory members;
    private final EmailBodies bodies;
    private final Clock clock;

    EmailChannel(Mailer mailer, EmailPreferences preferences, DigestStore digests, OrganizationDirectory members,
                 EmailBodies bodies, Clock clock) {
        this.mailer = mailer;
        this.preferences = preferences;
        this.digests = digests;
        this.members = members;
        this.bodies = bodies;
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
            case IMMEDIATE -> afterCommit(() -> sendNow(notificationId, notice));
        }
    }

    private void sendNow(UUID notificationId, Notice notice) {
        try {
            members.member(notice.orgId(), notice.userId()).ifPresent(member -> {
                var rendered = bodies.single(new EmailBodies.Item(notice.subject(), notice.body(), notice.link()));
                mailer.send(member.email(), rendered.subject(), rendered.text(), rendered.html());
            });
        } catch (RuntimeException e) {
            log.warn("Could not email notification {}: {}", notificationId, e.getMessage());
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
