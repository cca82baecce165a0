package dev.evident.notification;

import java.util.UUID;

/** Notifying people of something they should act on. */
public interface Notifications {

    /**
     * What to tell whom.
     *
     * @param kind      a stable, dotted name such as {@code evidence.stale}
     * @param link      where to act, an application path such as {@code /controls/...}, or null
     * @param dedupeKey the same key for the same recipient is notified once: a job that runs daily
     *                  names the thing it notifies about ("stale:control:program:2027-04-01")
     */
    record Notice(UUID orgId, UUID userId, String kind, String subject, String body, String link, String dedupeKey) {
    }

    /** Stores the notice for its recipient and hands it to every channel; false when the key was notified before. */
    boolean notify(Notice notice);

    /** How many notifications the user has not read yet in the organization. */
    int unread(UUID orgId, UUID userId);
}
