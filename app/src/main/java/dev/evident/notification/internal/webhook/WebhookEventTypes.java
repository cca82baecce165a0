package dev.evident.notification.internal.webhook;

import dev.evident.shared.problem.InvalidInputException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event types an endpoint can subscribe to. */
final class WebhookEventTypes {

    static final String CHECK_STATE_CHANGED = "check.state_changed";
    /** A summary of many changes of one check; endpoints subscribed to check.state_changed receive it too. */
    static final String CHECK_STATE_CHANGES = "check.state_changes";
    static final String EVIDENCE_STALE = "evidence.stale";
    static final String ALL = "all";
    /** Sent by "test ping" only, whatever the endpoint subscribed to. */
    static final String PING = "ping";

    static final List<String> SUBSCRIBABLE = List.of(CHECK_STATE_CHANGED, CHECK_STATE_CHANGES, EVIDENCE_STALE, ALL);

    private WebhookEventTypes() {
    }

    /** The subscription as stored: "all" alone, or the named types in the order given. */
    static Set<String> parse(String field, List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new InvalidInputException(field, "must name at least one of " + String.join(", ", SUBSCRIBABLE));
        }
        Set<String> parsed = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i) == null ? "" : events.get(i).trim();
            if (!SUBSCRIBABLE.contains(event)) {
                throw new InvalidInputException(field + "[" + i + "]", "must be one of " + String.join(", ", SUBSCRIBABLE)
                        + ", was '" + event + "'");
            }
            parsed.add(event);
        }
        return parsed.contains(ALL) ? Set.of(ALL) : parsed;
    }
}
