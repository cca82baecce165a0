package dev.evident.connectors.okta;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import dev.evident.connectors.http.Pages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code okta.password_policy} and {@code okta.mfa_enrollment_policy}: the policies of one type, in
 * priority order, with the settings checks look at. Policy rules are not read.
 */
final class OktaPolicyCollector implements Collector {

    private final OktaApi api;
    private final String oktaType;
    private final String resourceType;

    private OktaPolicyCollector(OktaApi api, String oktaType, String resourceType) {
        this.api = api;
        this.oktaType = oktaType;
        this.resourceType = resourceType;
    }

    static OktaPolicyCollector passwordPolicies(OktaApi api) {
        return new OktaPolicyCollector(api, "PASSWORD", "okta.password_policy");
    }

    static OktaPolicyCollector mfaEnrollmentPolicies(OktaApi api) {
        return new OktaPolicyCollector(api, "MFA_ENROLL", "okta.mfa_enrollment_policy");
    }

    @Override
    public String resourceType() {
        return resourceType;
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) {
        Instant now = ctx.clock().instant();
        Pages pages = api.list("/api/v1/policies?type=" + oktaType, OktaApi.READ_ONLY_ADMIN);
        return new LazyIterator<>() {
            @Override
            protected CollectedResource computeNext() {
                return pages.hasNext() ? policy(pages.next(), now) : null;
            }
        };
    }

    private CollectedResource policy(Json.Element element, Instant now) {
        JsonNode policy = element.node();
        String id = Json.text(policy, "id");
        String name = Json.text(policy, "name");
        ObjectNode attributes = Json.object();
        attributes.put("name", name);
        attributes.put("status", Json.text(policy, "status"));
        attributes.put("active", "ACTIVE".equals(Json.text(policy, "status")));
        attributes.put("priority", Json.integer(policy, "priority"));
        attributes.put("system", Json.bool(policy, "system"));
        List<String> groups = new ArrayList<>();
        policy.path("conditions").path("people").path("groups").path("include").forEach(g -> groups.add(g.asString()));
        attributes.set("groupIds", Json.strings(groups));
        JsonNode settings = policy.path("settings");
        if (oktaType.equals("PASSWORD")) {
            putPasswordSettings(attributes, settings.path("password"));
        } else {
            putEnrollmentSettings(attributes, settings);
        }
        return Json.resource(resourceType, id == null ? name : id, name, attributes, now, element.raw());
    }

    private static void putPasswordSettings(ObjectNode attributes, JsonNode password) {
        JsonNode complexity = password.path("complexity");
        JsonNode age = password.path("age");
        JsonNode lockout = password.path("lockout");
        attributes.put("minLength", Json.integer(complexity, "minLength"));
        attributes.put("minLowercase", Json.integer(complexity, "minLowerCase"));
        attributes.put("minUppercase", Json.integer(complexity, "minUpperCase"));
        attributes.put("minNumbers", Json.integer(complexity, "minNumber"));
        attributes.put("minSymbols", Json.integer(complexity, "minSymbol"));
        attributes.put("excludeUsername", Json.bool(complexity, "excludeUsername"));
        attributes.put("maxAgeDays", Json.integer(age, "maxAgeDays"));
        attributes.put("minAgeMinutes", Json.integer(age, "minAgeMinutes"));
        attributes.put("historyCount", Json.integer(age, "historyCount"));
        attributes.put("lockoutAttempts", Json.integer(lockout, "maxAttempts"));
        attributes.put("autoUnlockMinutes", Json.integer(lockout, "autoUnlockMinutes"));
    }

    /**
     * Identity Engine orgs list {@code settings.authenticators} ({@code [{key, enroll: {self}}]}); Classic
     * orgs list {@code settings.factors} ({@code {okta_otp: {enroll: {self}}}}). Both end up as
     * required/optional key lists.
     */
    private static void putEnrollmentSettings(ObjectNode attributes, JsonNode settings) {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        settings.path("authenticators").forEach(a -> sort(Json.text(a, "key"), a, required, optional));
        for (Map.Entry<String, JsonNode> factor : settings.path("factors").properties()) {
            sort(factor.getKey(), factor.getValue(), required, optional);
        }
        attributes.put("settingsType", Json.text(settings, "type"));
        attributes.set("requiredAuthenticators", Json.strings(required));
        attributes.set("optionalAuthenticators", Json.strings(optional));
    }

    private static void sort(String key, JsonNode entry, List<String> required, List<String> optional) {
        String self = Json.text(entry.path("enroll"), "self");
        if (key == null || self == null) {
            return;
        }
        if (self.equals("REQUIRED")) {
            required.add(key);
        } else if (self.equals("OPTIONAL")) {
            optional.add(key);
        }
    }
}
