package dev.evident.connectors.google;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import dev.evident.connectors.http.Pages;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code google.user}: every user of the account with 2-Step Verification enrolment and enforcement,
 * admin status, and suspension (with the time, from the audit log, when enabled).
 */
final class GoogleUserCollector implements Collector {

    static final String TYPE = "google.user";
    static final int PAGE_SIZE = 500;
    /** Google reports "never signed in" as the epoch. */
    private static final Instant NEVER = Instant.EPOCH;

    private final GoogleApi api;
    private final String customerId;
    private final boolean readSuspensionTimes;

    GoogleUserCollector(GoogleApi api, String customerId, boolean readSuspensionTimes) {
        this.api = api;
        this.customerId = customerId;
        this.readSuspensionTimes = readSuspensionTimes;
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    static String usersPath(String customerId, int pageSize) {
        return "/admin/directory/v1/users?customer=" + RestClient.encode(customerId) + "&maxResults=" + pageSize
                + "&projection=basic";
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
        Instant now = ctx.clock().instant();
        Map<String, Instant> suspensions = readSuspensionTimes ? SuspensionEvents.read(api, customerId, now) : null;
        Pages users = api.list(usersPath(customerId, PAGE_SIZE), "users", GoogleApi.USERS_NEED);
        return new LazyIterator<>() {
            @Override
            protected CollectedResource computeNext() {
                return users.hasNext() ? user(users.next(), suspensions, now) : null;
            }
        };
    }

    private static CollectedResource user(Json.Element element, Map<String, Instant> suspensions, Instant now) {
        JsonNode user = element.node();
        String id = Json.text(user, "id");
        String primary = Json.text(user, "primaryEmail");
        String email = primary == null ? null : primary.toLowerCase(Locale.ROOT);
        Boolean suspended = Json.bool(user, "suspended");
        Boolean archived = Json.bool(user, "archived");
        Boolean superAdmin = Json.bool(user, "isAdmin");
        Boolean delegatedAdmin = Json.bool(user, "isDelegatedAdmin");
        Instant lastLogin = Json.instant(user, "lastLoginTime");

        ObjectNode attributes = Json.object();
        attributes.put("email", email);
        attributes.set("aliases", Json.strings(aliases(user, email)));
        attributes.put("name", Json.text(user.path("name"), "fullName"));
        attributes.put("status", Boolean.TRUE.equals(suspended) ? "suspended"
                : Boolean.TRUE.equals(archived) ? "archived" : "active");
        attributes.put("active", !Boolean.TRUE.equals(suspended) && !Boolean.TRUE.equals(archived));
        attributes.put("suspended", Boolean.TRUE.equals(suspended));
        attributes.put("suspensionReason", Json.text(user, "suspensionReason"));
        attributes.put("suspendedAt", suspendedAt(email, suspended, suspensions));
        attributes.put("archived", Boolean.TRUE.equals(archived));
        attributes.put("admin", superAdmin == null && delegatedAdmin == null ? null
                : Boolean.TRUE.equals(superAdmin) || Boolean.TRUE.equals(delegatedAdmin));
        attributes.put("superAdmin", superAdmin);
        attributes.put("delegatedAdmin", delegatedAdmin);
        attributes.put("mfaEnrolled", Json.bool(user, "isEnrolledIn2Sv"));
        attributes.put("mfaEnforced", Json.bool(user, "isEnforcedIn2Sv"));
        attributes.put("lastLoginAt", lastLogin == null || lastLogin.equals(NEVER) ? null : lastLogin.toString());
        attributes.put("createdAt", Json.instantText(user, "creationTime"));
        attributes.put("orgUnitPath", Json.text(user, "orgUnitPath"));
        return Json.resource(TYPE, id == null ? primary : id, primary, attributes, now, element.raw());
    }

    /** The audit-log time of a suspended user's suspension; null when not suspended, not read, or not found. */
    private static String suspendedAt(String email, Boolean suspended, Map<String, Instant> suspensions) {
        if (!Boolean.TRUE.equals(suspended) || suspensions == null || email == null) {
            return null;
        }
        Instant at = suspensions.get(email);
        return at == null ? null : at.toString();
    }

    /** Alias addresses and other addresses of the user, lower-cased, without the primary one. */
    private static Set<String> aliases(JsonNode user, String primary) {
        Set<String> result = new LinkedHashSet<>();
        user.path("aliases").forEach(a -> result.add(a.asString().toLowerCase(Locale.ROOT)));
        user.path("nonEditableAliases").forEach(a -> result.add(a.asString().toLowerCase(Locale.ROOT)));
        user.path("emails").forEach(e -> {
            String address = Json.text(e, "address");
            if (address != null) {
                result.add(address.toLowerCase(Locale.ROOT));
            }
        });
        result.remove(primary);
        return result;
    }
}
