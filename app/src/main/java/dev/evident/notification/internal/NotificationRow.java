package dev.evident.notification.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** A notification as the page shows it. */
public record NotificationRow(UUID id, String subject, String body, String link, boolean read, String when) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static NotificationRow of(NotificationStore.Stored n) {
        return new NotificationRow(n.id(), n.subject(), n.body(), n.link(), n.read(), WHEN.format(n.createdAt()));
    }
}
