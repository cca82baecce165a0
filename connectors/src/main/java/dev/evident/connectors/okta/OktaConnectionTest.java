package dev.evident.connectors.okta;

import dev.evident.connector.CollectionException;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import dev.evident.connectors.http.StepLog;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/**
 * The "Test connection" steps, each naming the fix when it fails. Steps after a failed reach or
 * authentication are not run: they could only fail the same way.
 */
final class OktaConnectionTest {

    static final String REACH = "Reach the Okta org";
    static final String AUTHENTICATE = "Authenticate with the API token";
    static final String USERS = "Read users";
    static final String FACTORS_AND_ROLES = "Read enrolled factors and admin roles";
    static final String POLICIES = "Read password and MFA enrolment policies";

    private final OktaApi api;
    private final StepLog steps = new StepLog();

    OktaConnectionTest(OktaApi api) {
        this.api = api;
    }

    ConnectionTestResult run() {
        if (reach()) {
            String self = authenticate();
            if (self != null) {
                readUsers();
                readFactorsAndRoles(self);
                readPolicies();
            }
        }
        return steps.result();
    }

    private boolean reach() {
        try {
            // Public metadata of the org: any HTTP answer proves the server is there.
            api.http().get("/.well-known/okta-organization", Map.of(), "nothing", Set.of(401, 403, 404));
            return steps.pass(REACH, api.http().base() + " answered");
        } catch (CollectionException e) {
            return steps.fail(REACH, e.getMessage() + ". Check the org URL (https://YOUR-ORG.okta.com or "
                    + "https://YOUR-ORG.oktapreview.com) and any proxy or firewall in between");
        }
    }

    /** The token owner's user id, or null when authentication failed. */
    private String authenticate() {
        try {
            JsonNode me = api.get("/api/v1/users/me", "a valid API token").json();
            String id = Json.text(me, "id");
            steps.pass(AUTHENTICATE, "the token belongs to " + Json.text(me.path("profile"), "login"));
            return id == null ? "me" : id;
        } catch (CollectionException e) {
            steps.fail(AUTHENTICATE, e.getMessage());
            return null;
        }
    }

    private void readUsers() {
        try {
            api.get("/api/v1/users?limit=1", OktaApi.READ_ONLY_ADMIN);
            steps.pass(USERS, "users are readable");
        } catch (CollectionException e) {
            steps.fail(USERS, forbidden(e, "users"));
        }
    }

    private void readFactorsAndRoles(String userId) {
        String user = "/api/v1/users/" + RestClient.encode(userId);
        try {
            api.get(user + "/factors", OktaApi.READ_ONLY_ADMIN);
            api.get(user + "/roles", OktaApi.READ_ONLY_ADMIN);
            steps.pass(FACTORS_AND_ROLES, "factors and admin role assignments are readable");
        } catch (CollectionException e) {
            steps.fail(FACTORS_AND_ROLES, forbidden(e, "factors and admin roles"));
        }
    }

    private void readPolicies() {
        try {
            api.get("/api/v1/policies?type=PASSWORD", OktaApi.READ_ONLY_ADMIN);
            api.get("/api/v1/policies?type=MFA_ENROLL", OktaApi.READ_ONLY_ADMIN);
            steps.pass(POLICIES, "password and MFA enrolment policies are readable");
        } catch (CollectionException e) {
            steps.fail(POLICIES, forbidden(e, "policies"));
        }
    }

    private static String forbidden(CollectionException e, String what) {
        if (e instanceof ApiException api && api.status() == 403) {
            return "the token may not read " + what + " (" + e.getMessage() + "). Sign in as an administrator with "
                    + "at least the Read-only Administrator role and create the token as that administrator";
        }
        return e.getMessage();
    }
}
