package dev.evident.platform;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.evident.identity.Provisioning;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import dev.evident.shared.security.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every API endpoint the application exposes, with an admin token of organization B aimed
 * at the ids of organization A: each must answer 404 (never data, never a hint that the id exists),
 * and every list must be free of A's ids. New endpoints are picked up automatically; a path variable
 * this test cannot fill fails it, so the next module has to teach it its ids.
 */
abstract class TenantIsolationContract extends IntegrationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)[^}]*}");

    /**
     * Path variables naming shared reference data (same for every organization), which answer 200, not 404,
     * or names that are not ids (a connector setting); the other variables of the path decide the answer.
     */
    private static final Map<String, String> REFERENCE_IDS = Map.of("frameworkId", "soc2-2017", "field", "roster");

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Provisioning provisioning;

    @Test
    void organizationBCannotReachAnyOfOrganizationAsData() {
        Map<String, String> idsOfA = seedOrganizationA();
        ApiClient b = organizationB();

        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/")) {
                    continue;
                }
                Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
                for (RequestMethod verb : verbs.isEmpty() ? Set.of(RequestMethod.GET) : verbs) {
                    checked.add(verb + " " + pattern);
                    probe(b, verb, pattern, idsOfA);
                }
            }
        });
        assertThat(checked).as("endpoints walked").hasSizeGreaterThanOrEqualTo(15);
    }

    private void probe(ApiClient b, RequestMethod verb, String pattern, Map<String, String> idsOfA) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        boolean hasIds = false;
        while (m.find()) {
            if (REFERENCE_IDS.containsKey(m.group(1))) {
                m.appendReplacement(path, REFERENCE_IDS.get(m.group(1)));
                continue;
            }
            String id = idsOfA.get(m.group(1));
            if (id == null) {
                fail("No id of organization A for path variable {" + m.group(1) + "} in " + pattern
                        + ": add one to seedOrganizationA() so this endpoint's isolation is tested");
            }
            m.appendReplacement(path, id);
            hasIds = true;
        }
        m.appendTail(path);
        Response response = switch (verb) {
            case GET -> b.get(path.toString());
            case DELETE -> b.delete(path.toString());
            case POST -> b.post(path.toString(), Map.of());
            case PATCH -> b.patch(path.toString(), pattern.contains("/members/") ? body("role", "ADMIN", "version", 0)
                    : pattern.contains("/connections/") ? body("displayName", "Renamed by B")
                    : pattern.contains("/webhooks/") ? body("active", false) : body("name", "Renamed by B", "version", 0));
            default -> b.raw(verb.name(), path.toString(), "{}", "application/json");
        };
        String where = verb + " " + path + " (" + pattern + ")";
        if (hasIds) {
            assertThat(response.status()).as(where + " → " + response.body()).isEqualTo(404);
        } else {
            assertThat(response.status()).as(where).isLessThan(500);
        }
        for (String id : idsOfA.values()) {
            if (path.indexOf(id) >= 0) {
                continue; // echoing the caller's own request path back (problem "instance") reveals nothing
            }
            assertThat(response.body()).as(where + " must not reveal organization A's id " + id).doesNotContain(id);
        }
    }

    /** Organization A is the bootstrap organization; gives it one of everything and returns the ids by variable name. */
    private Map<String, String> seedOrganizationA() {
        ApiClient a = adminApi();
        Map<String, String> ids = new HashMap<>();
        var invitation = a.post("/api/v1/invitations", body("email", "isolated-" + System.nanoTime() + "@acme.example",
                "role", "EMPLOYEE")).json();
        ids.put("invitationId", invitation.get("invitation").get("id").asText());
        var token = a.post("/api/v1/tokens", body("name", "A's token", "role", "AUDITOR")).json();
        ids.put("tokenId", token.get("token").get("id").asText());
        ids.put("userId", a.get("/api/v1/members?role=ADMIN").json().get("items").get(0).get("userId").asText());
        var program = a.post("/api/v1/programs", dev.evident.program.Programs.typeTwo("A's program " + System.nanoTime(),
                "availability")).json();
        ids.put("programId", program.get("id").asText());
        var adopted = a.post("/api/v1/controls/library/adopt", body("controlIds", java.util.List.of("AC-02"))).json();
        String controlId = adopted.get("adopted").isEmpty()
                ? a.get("/api/v1/controls?q=AC-02").json().get("items").get(0).get("id").asText()
                : adopted.get("adopted").get(0).get("id").asText();
        ids.put("controlId", controlId);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        var current = dev.evident.program.Programs.typeTwo("A's current program " + System.nanoTime());
        current.put("periodStart", today.minusMonths(3).toString());
        current.put("periodEnd", today.minusMonths(3).plusMonths(12).minusDays(1).toString());
        String currentProgram = a.post("/api/v1/programs", current).json().get("id").asText();
        var stored = a.post("/api/v1/evidence/records", body("records", java.util.List.of(body("title", "A's record",
                "data", body("secret", "only for A"), "effectiveFrom", today.minusDays(1).toString(),
                "controlIds", java.util.List.of(controlId), "programIds", java.util.List.of(currentProgram))))).json();
        ids.put("evidenceId", stored.get("items").get(0).get("id").asText());
        ids.put("entryId", a.get("/api/v1/audit-log?limit=1").json().get("items").get(0).get("id").asText());
        seedNotification(a, ids);
        var connection = a.post("/api/v1/connections", body("connector", "scripted", "displayName", "A's connection "
                + System.nanoTime(), "settings", body("baseUrl", "https://a.example.com", "apiToken", "valid-a-token"))).json();
        ids.put("connectionId", connection.get("id").asText());
        var link = a.post("/api/v1/identity-links", body("connectionId", connection.get("id").asText(), "resourceType",
                "scripted.account", "externalId", "a-" + System.nanoTime(), "personEmail", "a-person@acme.example")).json();
        ids.put("linkId", link.get("id").asText());
        seedWebhook(a, ids);
        seedCheck(a, ids);
        return ids;
    }

    /**
     * A webhook of A (to a documentation address, 203.0.113.0/24, that nothing answers) and a delivery
     * of it, written as already failed so no worker tries to send it.
     */
    private void seedWebhook(ApiClient a, Map<String, String> ids) {
        // paused, so nothing other tests do in the bootstrap organization is ever sent to it
        var created = a.post("/api/v1/webhooks", body("url", "https://203.0.113.10/hook", "events", java.util.List.of("all"),
                "active", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String webhookId = created.json().get("webhook").get("id").asText();
        ids.put("webhookId", webhookId);
        java.util.UUID orgA = java.util.UUID.fromString(a.get("/api/v1/organization").json().get("id").asText());
        java.util.UUID deliveryId = java.util.UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO webhook_delivery (id, org_id, endpoint_id, event_id, event_type, payload, status, attempts,
                                              created_at)
                VALUES (:id, :org, :endpoint, :event, 'ping', '{}', 'FAILED', 1, CURRENT_TIMESTAMP)""")
                .param("id", deliveryId).param("org", orgA).param("endpoint", java.util.UUID.fromString(webhookId))
                .param("event", java.util.UUID.randomUUID()).update();
        ids.put("deliveryId", deliveryId.toString());
    }

    @Autowired
    dev.evident.notification.Notifications notifications;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** A notification for A's admin (notifications are made by the system, not through the API). */
    private void seedNotification(ApiClient a, Map<String, String> ids) {
        java.util.UUID orgA = java.util.UUID.fromString(a.get("/api/v1/organization").json().get("id").asText());
        String key = "tenant-isolation-" + System.nanoTime();
        notifications.notify(new dev.evident.notification.Notifications.Notice(orgA, java.util.UUID.fromString(ids.get("userId")),
                "test.isolation", "A's notice", "only for A", null, key));
        ids.put("notificationId", jdbc.sql("SELECT id FROM notification WHERE org_id = :org AND dedupe_key = :key")
                .param("org", orgA).param("key", key).query(java.util.UUID.class).single().toString());
    }

    /** A custom check of A, and an exception of it (stored directly: granting one needs a failing resource). */
    private void seedCheck(ApiClient a, Map<String, String> ids) {
        var check = a.post("/api/v1/checks", body("key", "a.secret-check-" + System.nanoTime(), "title", "A's check",
                "resourceType", "github.member", "expression", "true", "severity", "low",
                "controls", java.util.List.of("AC-02"))).json();
        ids.put("check", check.get("id").asText());
        java.util.UUID orgA = java.util.UUID.fromString(a.get("/api/v1/organization").json().get("id").asText());
        java.util.UUID exceptionId = java.util.UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO monitoring_check_exception (id, org_id, check_id, resource_key, reason, approved_by_label,
                    created_at, expires_at)
                VALUES (:id, :org, :check, 'conn/1', 'A only', 'A admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .param("id", exceptionId).param("org", orgA).param("check", java.util.UUID.fromString(ids.get("check")))
                .update();
        ids.put("exceptionId", exceptionId.toString());
    }

    private ApiClient organizationB() {
        String suffix = Long.toString(System.nanoTime());
        var orgB = provisioning.createOrganizationWithAdmin("Globex " + suffix, "admin-" + suffix + "@globex.example",
                "Globex Admin", "another long passphrase 7", "test");
        String secret = "globex-admin-token-" + suffix + "-0123456789abcdef";
        provisioning.registerToken(orgB, "Globex admin", Role.ADMIN, secret, "test");
        return api(secret);
    }
}
