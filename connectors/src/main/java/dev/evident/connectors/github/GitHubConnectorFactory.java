package dev.evident.connectors.github;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConfigSchema;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.InvalidConfigException;
import dev.evident.connectors.http.RateLimitSetting;
import dev.evident.connectors.http.RestClient;
import dev.evident.connectors.http.Sleeper;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The GitHub connector: organization settings, people, repositories, merged pull requests, Dependabot alerts. */
public final class GitHubConnectorFactory implements ConnectorFactory {

    static final String API_BASE_URL = "apiBaseUrl";
    static final String ORGANIZATION = "organization";
    static final String AUTH_MODE = "authMode";
    static final String TOKEN = "token";
    static final String APP_ID = "appId";
    static final String INSTALLATION_ID = "installationId";
    static final String PRIVATE_KEY = "privateKey";
    static final String READ_PROFILES = "readProfiles";
    static final String PULL_REQUEST_DAYS = "pullRequestDays";

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.url(API_BASE_URL, "API base URL").asRequired().withDefault("https://api.github.com")
                    .withHelp("https://api.github.com for github.com; https://HOST/api/v3 for GitHub Enterprise Server"),
            ConfigField.text(ORGANIZATION, "Organization").asRequired()
                    .withHelp("The organization's login, as in https://github.com/LOGIN"),
            ConfigField.select(AUTH_MODE, "Authentication", List.of("token", "app")).asRequired().withDefault("token")
                    .withHelp("token: a personal access token of an organization owner; app: a GitHub App installation"),
            ConfigField.secret(TOKEN, "Access token").asOptional()
                    .withHelp("For token authentication. Classic token scopes: read:org, repo, security_events"),
            ConfigField.text(APP_ID, "App ID").withHelp("For App authentication: the App ID on the App's settings page"),
            ConfigField.number(INSTALLATION_ID, "Installation ID")
                    .withHelp("For App authentication: the number at the end of the installation's settings URL"),
            ConfigField.secret(PRIVATE_KEY, "App private key (PEM)").asOptional()
                    .withHelp("For App authentication: the contents of the .pem file generated for the App"),
            ConfigField.bool(READ_PROFILES, "Read member profiles").withDefault("true")
                    .withHelp("Reads each person's public name and email (one request per person) so accounts "
                            + "can be matched to people"),
            ConfigField.number(PULL_REQUEST_DAYS, "Pull request look-back (days)").withDefault("90")
                    .withHelp("How far back a full sync reads merged pull requests"),
            RateLimitSetting.field("GitHub"));

    @Override
    public String name() {
        return "github";
    }

    @Override
    public String displayName() {
        return "GitHub";
    }

    @Override
    public String description() {
        return "Reads an organization's 2FA requirement, owners, members and outside collaborators, default-branch "
                + "protection and rulesets, merged pull requests with their reviews, and open Dependabot alerts.";
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return create(config, Clock.systemUTC(), Sleeper.REAL);
    }

    /** With the time source and sleeper under the caller's control, for tests. */
    static GitHubConnector create(ConnectorConfig config, Clock clock, Sleeper sleeper) {
        return create(config, clock, sleeper, RestClient.REQUEST_TIMEOUT);
    }

    static GitHubConnector create(ConnectorConfig config, Clock clock, Sleeper sleeper, Duration requestTimeout) {
        config.requireValid();
        String organization = config.require(ORGANIZATION).strip();
        URI base = URI.create(config.require(API_BASE_URL).strip());
        Duration maxRateLimitWait = RateLimitSetting.read(config);
        Duration lookBack = Duration.ofDays(positive(config, PULL_REQUEST_DAYS));
        // GitHub answers 301 for renamed and transferred repositories: GitHubRules has the RestClient follow
        // redirects to the API host itself (the JDK client would carry the token to any host).
        HttpClient client = RestClient.newHttpClient();
        RestClient http = new RestClient(client, base, new GitHubRules(), clock, sleeper, maxRateLimitWait, requestTimeout);
        GitHubAuth auth;
        if (config.require(AUTH_MODE).equals("app")) {
            String appId = config.get(APP_ID).map(String::strip)
                    .orElseThrow(() -> new InvalidConfigException(APP_ID, "App ID is required for App authentication"));
            String installationId = config.get(INSTALLATION_ID).map(String::strip).orElseThrow(
                    () -> new InvalidConfigException(INSTALLATION_ID, "Installation ID is required for App authentication"));
            if (!installationId.matches("\\d+")) {
                throw new InvalidConfigException(INSTALLATION_ID, "Installation ID must be a whole number");
            }
            PrivateKey key = AppInstallationAuth.parsePrivateKey(config.secret(PRIVATE_KEY), PRIVATE_KEY);
            auth = new AppInstallationAuth(http, appId, installationId, key, clock);
        } else {
            auth = GitHubAuth.token(config.secret(TOKEN));
        }
        return new GitHubConnector(new GitHubApi(http, auth), organization, config.getBoolean(READ_PROFILES), lookBack);
    }

    private static long positive(ConnectorConfig config, String field) {
        long value = config.getLong(field).orElseThrow();
        if (value <= 0) {
            throw new InvalidConfigException(field, config.schema().field(field).orElseThrow().label()
                    + " must be greater than zero");
        }
        return value;
    }
}
