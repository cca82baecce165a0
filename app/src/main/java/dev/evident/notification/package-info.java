/**
 * Notifications for people: stored once per recipient and de-duplicated by a key, shown in the
 * application (the bell in the header, the notifications page, {@code /api/v1/notifications}).
 * Other modules notify through {@link dev.evident.notification.Notifications}. Delivery beyond the
 * application (email, webhooks: issue 5) plugs in as further
 * {@link dev.evident.notification.NotificationChannel}s, which receive every new notification.
 */
package dev.evident.notification;
