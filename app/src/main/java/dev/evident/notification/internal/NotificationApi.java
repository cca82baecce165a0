package dev.evident.notification.internal;

import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "The caller's own notifications (for an API token, those of the person who created it)")
class NotificationApi {

    record NotificationView(UUID id, String kind, String subject, String body, String link, Instant createdAt,
                            Instant readAt, boolean read) {
        static NotificationView of(NotificationStore.Stored n) {
            return new NotificationView(n.id(), n.kind(), n.subject(), n.body(), n.link(), n.createdAt(), n.readAt(), n.read());
        }
    }

    record Inbox(List<NotificationView> items, String nextCursor, int unread) {
    }

    record MarkedAll(int marked) {
    }

    private final NotificationService notifications;

    NotificationApi(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @SignedIn
    @Operation(summary = "List your notifications", description = "Newest first, in cursor pages (limit, cursor); "
            + "unread=true lists only unread ones. 'unread' in the answer counts all unread notifications")
    Inbox list(Actor actor, @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
               @RequestParam(required = false, defaultValue = "false") boolean unread) {
        Page<NotificationView> page = notifications.inbox(actor, PageRequest.of(limit, cursor), unread)
                .map(NotificationView::of);
        return new Inbox(page.items(), page.nextCursor(), notifications.unread(actor.orgId(), actor.userId()));
    }

    @PostMapping("/{notificationId}/read")
    @SignedIn
    @Operation(summary = "Mark one of your notifications read", description = "Marking it again changes nothing")
    NotificationView read(Actor actor, @PathVariable("notificationId") String id) {
        return NotificationView.of(notifications.markRead(actor, Ids.parseOrNotFound(id, "Notification")));
    }

    @PostMapping("/read")
    @SignedIn
    @Operation(summary = "Mark all your notifications read")
    MarkedAll readAll(Actor actor) {
        return new MarkedAll(notifications.markAllRead(actor));
    }
}
