package dev.evident.connectors.google;

import dev.evident.connector.CollectionException;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Pages;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When each user was last suspended by an administrator, from the admin audit log (Reports API,
 * {@code SUSPEND_USER} events). The Directory API says whether a user is suspended but not since
 * when; the audit log keeps admin events for 180 days, so older suspensions, and suspensions Google
 * made itself (for abuse, say), have no time.
 */
final class SuspensionEvents {

    static final Duration RETENTION = Duration.ofDays(180);
    static final int PAGE_SIZE = 1000;

    private SuspensionEvents() {
    }

    /** Lower-cased email to the time of the latest suspension event in the last 180 days. */
    static Map<String, Instant> read(GoogleApi api, String customerId, Instant now) throws CollectionException {
        Map<String, Instant> latest = new HashMap<>();
        Pages activities = api.list(path(customerId, now, PAGE_SIZE), "items", GoogleApi.AUDIT_NEED);
        try {
            while (activities.hasNext()) {
                JsonNode activity = activities.next().node();
                Instant at = Json.instant(activity.path("id"), "time");
                for (JsonNode event : activity.path("events")) {
                    if ("SUSPEND_USER".equals(Json.text(event, "name"))) {
                        String email = userEmail(event);
                        if (email != null && at != null) {
                            latest.merge(email, at, (a, b) -> a.isAfter(b) ? a : b);
                        }
                    }
                }
            }
        } catch (UncheckedCollectionException e) {
            throw e.getCause();
        }
        return latest;
    }

    /** The admin audit events that suspended a user, over the whole retention period. */
    static String path(String customerId, Instant now, int pageSize) {
        return "/admin/reports/v1/activity/users/all/applications/admin?eventName=SUSPEND_USER&maxResults=" + pageSize
                + "&startTime=" + RestClient.encode(now.minus(RETENTION).toString())
                + (customerId.equals(GoogleWorkspaceConnectorFactory.MY_CUSTOMER) ? ""
                : "&customerId=" + RestClient.encode(customerId));
    }

    private static String userEmail(JsonNode event) {
        for (JsonNode parameter : event.path("parameters")) {
            if ("USER_EMAIL".equals(Json.text(parameter, "name"))) {
                String value = Json.text(parameter, "value");
                return value == null ? null : value.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
