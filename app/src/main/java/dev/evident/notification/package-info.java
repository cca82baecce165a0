/**
 * Notifications for people: stored once per recipient and de-duplicated by a key, shown in the
 * application (the bell in the header, the notifications page, {@code /api/v1/notifications}).
 * Other modules notify through {@link dev.evident.notification.Notifications}. Delivery beyond the
 * application plugs in as {@link dev.evident.notification.NotificationChannel}s, which receive every
 * new notification: email (immediately or in a daily digest, as each member prefers) and webhooks
 * (signed, retried, logged). The module also tells control owners when monitoring reports a
 * {@code CheckStateChanged}.
 */
package dev.evident.notification;
