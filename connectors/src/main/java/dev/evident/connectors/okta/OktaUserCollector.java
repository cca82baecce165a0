package dev.evident.connectors.okta;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import dev.evident.connectors.http.ParallelReads;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * {@code okta.user}: every user with status, enrolled factors and admin roles. Okta's user listing
 * leaves out deactivated (DEPROVISIONED) users, so they are read with a second, filtered listing.
 * Factors and roles are read per user (two requests each), except for deactivated users, who can
 * no longer sign in: for them both are null (not read), not "none". Those reads run for up to
 * {@value #PARALLEL_USERS} users at a time, a page of users after another; they share the
 * connection's rate-limit budget ({@link RestClient}), so when Okta reports it spent, all of them wait.
 */
final class OktaUserCollector implements Collector {

    static final String TYPE = "okta.user";
    static final String ALL_BUT_DEACTIVATED = "/api/v1/users";
    static final String DEACTIVATED = "/api/v1/users?filter=" + RestClient.encode("status eq \"DEPROVISIONED\"");
    /** Factors a password can be combined with that do not make sign-in multi-factor in any useful sense. */
    static final Set<String> NOT_A_SECOND_FACTOR = Set.of("email", "question");
    /** Users whose factors and roles are read at once: well inside Okta's concurrent-request limits. */
    static final int PARALLEL_USERS = 4;

    private final OktaApi api;

    OktaUserCollector(OktaApi api) {
        this.api = api;
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) {
        Instant now = ctx.clock().instant();
        List<String> listings = List.of(ALL_BUT_DEACTIVATED, DEACTIVATED);
        return new LazyIterator<>() {
            private int listing = -1;
            private Iterator<Json.Element> page = List.<Json.Element>of().iterator();
            private final Deque<CollectedResource> ready = new ArrayDeque<>();
            private ThreadPoolExecutor pool;

            @Override
            protected CollectedResource computeNext() throws CollectionException {
                while (ready.isEmpty()) {
                    List<Json.Element> batch = nextBatch();
                    if (batch.isEmpty()) {
                        if (pool != null) {
                            pool.shutdown();
                        }
                        return null;
                    }
                    try {
                        ready.addAll(ParallelReads.inOrder(pool(), PARALLEL_USERS, batch, user -> user(user, now)));
                    } catch (CollectionException | RuntimeException e) {
                        pool.shutdownNow();
                        throw e;
                    }
                }
                return ready.pollFirst();
            }

            /** Up to a page of users, from the listings in turn; empty when both are done. */
            private List<Json.Element> nextBatch() {
                List<Json.Element> batch = new ArrayList<>(OktaApi.PAGE_SIZE);
                while (batch.size() < OktaApi.PAGE_SIZE) {
                    if (page.hasNext()) {
                        batch.add(page.next());
                    } else if (++listing < listings.size()) {
                        page = api.list(listings.get(listing), OktaApi.READ_ONLY_ADMIN);
                    } else {
                        break;
                    }
                }
                return batch;
            }

            private ThreadPoolExecutor pool() {
                if (pool == null) {
                    pool = ParallelReads.daemonPool(PARALLEL_USERS, "okta-users");
                }
                return pool;
            }
        };
    }

    private CollectedResource user(Json.Element element, Instant now) throws CollectionException {
        JsonNode user = element.node();
        JsonNode profile = user.path("profile");
        String id = Json.text(user, "id");
        String status = Json.text(user, "status");
        String login = Json.text(profile, "login");
        String email = Json.text(profile, "email");
        boolean deactivated = "DEPROVISIONED".equals(status);
        boolean suspended = "SUSPENDED".equals(status);
        String statusChanged = Json.instantText(user, "statusChanged");

        ObjectNode attributes = Json.object();
        attributes.put("login", login);
        attributes.put("email", email == null ? null : email.toLowerCase(Locale.ROOT));
        attributes.set("aliases", Json.strings(aliases(email, login, Json.text(profile, "secondEmail"))));
        attributes.put("name", name(profile));
        attributes.put("status", status);
        attributes.put("active", status == null ? null : !deactivated && !suspended);
        attributes.put("createdAt", Json.instantText(user, "created"));
        attributes.put("activatedAt", Json.instantText(user, "activated"));
        attributes.put("lastLoginAt", Json.instantText(user, "lastLogin"));
        attributes.put("passwordChangedAt", Json.instantText(user, "passwordChanged"));
        attributes.put("statusChangedAt", statusChanged);
        attributes.put("deactivatedAt", deactivated ? statusChanged : null);
        attributes.put("suspendedAt", suspended ? statusChanged : null);

        byte[] factorsRaw = new byte[0];
        byte[] rolesRaw = new byte[0];
        if (deactivated || id == null) {
            attributes.putNull("mfaEnrolled");
            attributes.putNull("factorTypes");
            attributes.putNull("factors");
            attributes.putNull("admin");
            attributes.putNull("superAdmin");
            attributes.putNull("adminRoles");
        } else {
            RestClient.Response factors = api.get("/api/v1/users/" + RestClient.encode(id) + "/factors",
                    OktaApi.READ_ONLY_ADMIN);
            RestClient.Response roles = api.get("/api/v1/users/" + RestClient.encode(id) + "/roles",
                    OktaApi.READ_ONLY_ADMIN);
            putFactors(attributes, OktaApi.elements(factors));
            putRoles(attributes, OktaApi.elements(roles));
            factorsRaw = factors.body();
            rolesRaw = roles.body();
        }
        return Json.resource(TYPE, id == null ? login : id, login, attributes, now, element.raw(), factorsRaw, rolesRaw);
    }

    private static void putFactors(ObjectNode attributes, Json.Listing factors) {
        ArrayNode all = attributes.putArray("factors");
        Set<String> activeTypes = new LinkedHashSet<>();
        for (Json.Element element : factors.elements()) {
            JsonNode factor = element.node();
            String type = Json.text(factor, "factorType");
            String status = Json.text(factor, "status");
            all.addObject().put("type", type).put("provider", Json.text(factor, "provider")).put("status", status);
            if ("ACTIVE".equals(status) && type != null) {
                activeTypes.add(type);
            }
        }
        attributes.set("factorTypes", Json.strings(activeTypes));
        attributes.put("mfaEnrolled", activeTypes.stream().anyMatch(t -> !NOT_A_SECOND_FACTOR.contains(t)));
    }

    private static void putRoles(ObjectNode attributes, Json.Listing roles) {
        Set<String> types = new LinkedHashSet<>();
        for (Json.Element element : roles.elements()) {
            JsonNode role = element.node();
            if (!"INACTIVE".equals(Json.text(role, "status"))) {
                String type = Json.text(role, "type");
                types.add(type == null ? Json.text(role, "label") : type);
            }
        }
        attributes.put("admin", !types.isEmpty());
        attributes.put("superAdmin", types.contains("SUPER_ADMIN"));
        attributes.set("adminRoles", Json.strings(types));
    }

    private static String name(JsonNode profile) {
        String first = Json.text(profile, "firstName");
        String last = Json.text(profile, "lastName");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? null : name;
    }

    /** Other addresses the person is known by: the login when it differs from the email, and the second email. */
    static List<String> aliases(String email, String... others) {
        Set<String> result = new LinkedHashSet<>();
        String primary = email == null ? "" : email.toLowerCase(Locale.ROOT);
        for (String other : others) {
            if (other != null && other.contains("@")) {
                String address = other.strip().toLowerCase(Locale.ROOT);
                if (!address.equals(primary)) {
                    result.add(address);
                }
            }
        }
        return List.copyOf(result);
    }
}
