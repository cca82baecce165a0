package dev.evident.connectors.google;

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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Google Workspace connector: users with 2-Step Verification, admin status and suspension. */
public final class GoogleWorkspaceConnectorFactory implements ConnectorFactory {

    static final String SERVICE_ACCOUNT_KEY = "serviceAccountKey";
    static final String ADMIN_EMAIL = "adminEmail";
    static final String CUSTOMER_ID = "customerId";
    static final String READ_SUSPENSION_TIMES = "readSuspensionTimes";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String TOKEN_URL = "tokenUrl";
    static final String MY_CUSTOMER = "my_customer";

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.secret(SERVICE_ACCOUNT_KEY, "Service account key (JSON)")
                    .withHelp("The whole JSON key file of a service account with domain-wide delegation; stored encrypted"),
            ConfigField.text(ADMIN_EMAIL, "Admin to act as").asRequired()
                    .withHelp("Email of a Workspace administrator allowed to read users; the service account acts as them"),
            ConfigField.text(CUSTOMER_ID, "Customer ID").asRequired().withDefault(MY_CUSTOMER)
                    .withHelp("my_customer (the admin's own account) or the ID under Admin console > Account > "
                            + "Account settings, e.g. C01abc23d"),
            ConfigField.bool(READ_SUSPENSION_TIMES, "Read suspension times").withDefault("true")
                    .withHelp("Reads when users were suspended from the admin audit log (last 180 days); needs the "
                            + "extra scope " + GoogleApi.AUDIT_SCOPE),
            ConfigField.url(API_BASE_URL, "Admin SDK base URL").asRequired().withDefault("https://admin.googleapis.com")
                    .withHelp("Change only for a proxy or test server"),
            ConfigField.url(TOKEN_URL, "OAuth token endpoint").asRequired().withDefault("https://oauth2.googleapis.com/token")
                    .withHelp("Change only for a proxy or test server"),
            RateLimitSetting.field("Google"));

    @Override
    public String name() {
        return "google-workspace";
    }

    @Override
    public String displayName() {
        return "Google Workspace";
    }

    @Override
    public String description() {
        return "Reads Google Workspace users with their 2-Step Verification enrolment and enforcement, super and "
                + "delegated admins, and suspended users with the time they were suspended.";
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return create(config, Clock.systemUTC(), Sleeper.REAL, RestClient.REQUEST_TIMEOUT);
    }

    /** With the time source, sleeper and timeout under the caller's control, for tests. */
    static GoogleWorkspaceConnector create(ConnectorConfig config, Clock clock, Sleeper sleeper, Duration requestTimeout) {
        config.requireValid();
        ServiceAccountKey key = ServiceAccountKey.parse(config.secret(SERVICE_ACCOUNT_KEY), SERVICE_ACCOUNT_KEY);
        String adminEmail = config.require(ADMIN_EMAIL).strip();
        if (!adminEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidConfigException(ADMIN_EMAIL, "Admin to act as must be an email address, such as "
                    + "admin@example.com");
        }
        String customerId = config.require(CUSTOMER_ID).strip();
        if (!customerId.equals(MY_CUSTOMER) && !customerId.matches("C[0-9a-zA-Z]{4,}")) {
            throw new InvalidConfigException(CUSTOMER_ID, "Customer ID must be my_customer or the ID from Admin "
                    + "console > Account > Account settings, which starts with C (e.g. C01abc23d)");
        }
        boolean readSuspensionTimes = config.getBoolean(READ_SUSPENSION_TIMES);
        List<String> scopes = new ArrayList<>(List.of(GoogleApi.DIRECTORY_SCOPE));
        if (readSuspensionTimes) {
            scopes.add(GoogleApi.AUDIT_SCOPE);
        }
        HttpClient client = RestClient.newHttpClient();
        GoogleRules rules = new GoogleRules();
        Duration wait = RateLimitSetting.read(config);
        RestClient tokenEndpoint = new RestClient(client, URI.create(config.require(TOKEN_URL).strip()), rules, clock,
                sleeper, wait, requestTimeout);
        RestClient adminSdk = new RestClient(client, URI.create(config.require(API_BASE_URL).strip()), rules, clock,
                sleeper, wait, requestTimeout);
        GoogleAuth auth = new GoogleAuth(tokenEndpoint, key, adminEmail, scopes, clock);
        return new GoogleWorkspaceConnector(new GoogleApi(adminSdk, auth), customerId, readSuspensionTimes, clock);
    }
}
