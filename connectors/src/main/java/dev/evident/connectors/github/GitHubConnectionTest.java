package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import dev.evident.connectors.http.StepLog;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The "Test connection" steps, each naming the fix when it fails. Steps that depend on an earlier
 * one (you cannot read the organization without authenticating) are not run after it failed.
 */
final class GitHubConnectionTest {

    static final String REACH = "Reach the GitHub API";
    static final String AUTHENTICATE = "Authenticate";
    static final String ORGANIZATION = "Read the organization";
    static final String MEMBERS = "Read members and their 2FA status";
    static final String DEPENDABOT = "Read Dependabot alerts";

    private final GitHubApi api;
    private final String organization;
    private final StepLog steps = new StepLog();
    private Set<String> classicScopes;

    GitHubConnectionTest(GitHubApi api, String organization) {
        this.api = api;
        this.organization = organization;
    }

    ConnectionTestResult run() {
        if (reach() && authenticate() && readOrganization()) {
            readMembers();
            readDependabotAlerts();
        }
        return steps.result();
    }

    private boolean reach() {
        try {
            // Any HTTP answer proves the server is there; credentials are checked in the next step.
            api.http().get("/", Map.of(), "nothing", Set.of(401, 403, 404));
            return steps.pass(REACH, api.http().base() + " answered");
        } catch (CollectionException e) {
            return steps.fail(REACH, e.getMessage() + ". Check the API base URL (github.com: https://api.github.com; "
                    + "GitHub Enterprise Server: https://HOST/api/v3) and any proxy or firewall in between");
        }
    }

    private boolean authenticate() {
        try {
            if (api.auth() instanceof AppInstallationAuth app) {
                app.authorization();
                return steps.pass(AUTHENTICATE, "GitHub App installation token obtained, valid until " + app.expiresAt());
            }
            RestClient.Response response = api.get("/user", "a valid token");
            classicScopes = response.header("x-oauth-scopes")
                    .map(value -> Set.copyOf(Arrays.stream(value.split(",")).map(String::strip)
                            .filter(s -> !s.isEmpty()).toList()))
                    .orElse(null);
            String login = Json.text(response.json(), "login");
            return steps.pass(AUTHENTICATE, "authenticated as " + login
                    + (classicScopes == null ? "" : " (classic token with scopes: " + String.join(", ", classicScopes.stream().sorted().toList()) + ")"));
        } catch (ApiException e) {
            if (e.status() == 401) {
                return steps.fail(AUTHENTICATE, "GitHub rejected the token (HTTP 401): it is wrong, expired or revoked; "
                        + "create a new one and paste it again");
            }
            return steps.fail(AUTHENTICATE, e.getMessage());
        } catch (CollectionException e) {
            return steps.fail(AUTHENTICATE, e.getMessage());
        }
    }

    private boolean readOrganization() {
        try {
            JsonNode org = api.get("/orgs/" + Resources.segment(organization), Needs.ORGANIZATION).json();
            Boolean twoFactor = Json.bool(org, "two_factor_requirement_enabled");
            return steps.pass(ORGANIZATION, "found " + Json.text(org, "login") + (twoFactor == null
                    ? "; the 2FA requirement setting is only visible to organization owners"
                    : "; 2FA required: " + twoFactor));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return steps.fail(ORGANIZATION, "organization '" + organization + "' not found or not visible: check the "
                        + "spelling; a fine-grained token must have the organization as resource owner, an App must be "
                        + "installed on it");
            }
            return steps.fail(ORGANIZATION, e.getMessage());
        } catch (CollectionException e) {
            return steps.fail(ORGANIZATION, e.getMessage());
        }
    }

    private void readMembers() {
        String orgPath = "/orgs/" + Resources.segment(organization);
        try {
            api.get(orgPath + "/members?per_page=1", Needs.MEMBERS);
        } catch (CollectionException e) {
            steps.fail(MEMBERS, missingScope("read:org", "write:org", "admin:org").orElse("cannot list members: " + e.getMessage()));
            return;
        }
        try {
            RestClient.Response filtered = api.get(orgPath + "/members?filter=2fa_disabled&per_page=1",
                    Needs.TWO_FACTOR, 403, 422);
            if (filtered.status() >= 300) {
                steps.fail(MEMBERS, "members can be listed, but not who has 2FA disabled (HTTP " + filtered.status()
                        + api.http().detail(filtered) + "): the token must belong to an organization owner "
                        + "(classic token with read:org) or be an App with \"Members: read\"");
            } else {
                steps.pass(MEMBERS, "members and their 2FA status are readable");
            }
        } catch (CollectionException e) {
            steps.fail(MEMBERS, e.getMessage());
        }
    }

    private void readDependabotAlerts() {
        try {
            api.get("/orgs/" + Resources.segment(organization) + "/dependabot/alerts?state=open&per_page=1",
                    Needs.DEPENDABOT);
            steps.pass(DEPENDABOT, "open Dependabot alerts are readable");
        } catch (CollectionException e) {
            steps.fail(DEPENDABOT, missingScope("security_events", "repo")
                    .orElse("cannot read Dependabot alerts: " + e.getMessage()));
        }
    }

    /** "token lacks the X scope" when a classic token's scopes show it, otherwise empty. */
    private Optional<String> missingScope(String... anyOf) {
        if (classicScopes == null || Arrays.stream(anyOf).anyMatch(classicScopes::contains)) {
            return Optional.empty();
        }
        return Optional.of("token lacks the " + anyOf[0] + " scope: edit the token on GitHub "
                + "(Settings > Developer settings > Personal access tokens) and add it");
    }
}
