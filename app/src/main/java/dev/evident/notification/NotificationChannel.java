package dev.evident.notification;

import java.util.UUID;

/**
 * Delivers new notifications beyond the application, such as email or webhooks (issue 5). Every
 * bean of this type receives each notification once, after it was stored; a failing channel is
 * logged and does not affect the others or the in-app notification.
 */
public interface NotificationChannel {

    void deliver(UUID notificationId, Notifications.Notice notice);
}
