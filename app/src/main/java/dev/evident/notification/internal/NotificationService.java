package dev.evident.notification.internal;

import dev.evident.notification.NotificationChannel;
import dev.evident.notification.Notifications;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Stores notifications once per recipient and key, hands new ones to the channels, reads a person's inbox. */
@Service
class NotificationService implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 4000;
    static final int MAX_LINK = 1000;
    static final int MAX_KEY = 300;

    private final NotificationStore store;
    private final ObjectProvider<NotificationChannel> channels;
    private final Clock clock;

    NotificationService(NotificationStore store, ObjectProvider<NotificationChannel> channels, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public boolean notify(Notice notice) {
        Objects.requireNonNull(notice.orgId(), "orgId");
        Objects.requireNonNull(notice.userId(), "userId");
        if (notice.kind() == null || notice.subject() == null || notice.dedupeKey() == null) {
            throw new IllegalArgumentException("a notice needs a kind, a subject and a dedupe key");
        }
        Notice fitted = new Notice(notice.orgId(), notice.userId(), clip(notice.kind(), 64), clip(notice.subject(), MAX_SUBJECT),
                clip(notice.body() == null ? "" : notice.body(), MAX_BODY),
                notice.link() == null || notice.link().length() > MAX_LINK ? null : notice.link(),
                clip(notice.dedupeKey(), MAX_KEY));
        UUID id = Ids.next(clock);
        if (!store.insert(id, fitted, Timestamps.now(clock))) {
            return false;
        }
        channels.orderedStream().forEach(channel -> {
            try {
                channel.deliver(id, fitted);
            } catch (RuntimeException e) {
                log.warn("Notification channel {} failed for notification {}: {}", channel.getClass().getSimpleName(), id,
                        e.getMessage());
            }
        });
        return true;
    }

    @Override
    public int unread(UUID orgId, UUID userId) {
        return userId == null ? 0 : store.unread(orgId, userId);
    }

    Page<NotificationStore.Stored> inbox(Actor actor, PageRequest request, boolean unreadOnly) {
        if (actor.userId() == null) {
            return new Page<>(List.of(), null);
        }
        List<NotificationStore.Stored> rows = store.page(actor.orgId(), actor.userId(), request.afterId(), unreadOnly,
                request.fetchSize());
        return Page.of(rows, request, n -> n.id().toString());
    }

    NotificationStore.Stored markRead(Actor actor, UUID id) {
        if (actor.userId() == null) {
            throw new NotFoundException("Notification");
        }
        store.find(actor.orgId(), actor.userId(), id).orElseThrow(() -> new NotFoundException("Notification"));
        store.markRead(actor.orgId(), actor.userId(), id, Timestamps.now(clock));
        return store.find(actor.orgId(), actor.userId(), id).orElseThrow();
    }

    int markAllRead(Actor actor) {
        return actor.userId() == null ? 0 : store.markAllRead(actor.orgId(), actor.userId(), Timestamps.now(clock));
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
