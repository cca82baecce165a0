package dev.evident.connectors.okta;

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
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** The Okta connector: users with status, factors and admin roles; password and MFA enrolment policies. */
public final class OktaConnectorFactory implements ConnectorFactory {

    static final String ORG_URL = "orgUrl";
    static final String API_TOKEN = "apiToken";
    static final String ALLOW_HTTP_LOCALHOST = "allowHttpLocalhost";

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.url(ORG_URL, "Okta org URL").asRequired()
                    .withHelp("https://YOUR-ORG.okta.com (or .oktapreview.com): the org's own URL, not the -admin one"),
            ConfigField.secret(API_TOKEN, "API token")
                    .withHelp("Created under Security > API > Tokens while signed in as a Read-only Administrator"),
            RateLimitSetting.field("Okta"),
            ConfigField.bool(ALLOW_HTTP_LOCALHOST, "Allow plain http on localhost (test servers only)").withDefault("false")
                    .withHelp("Only for a local test server; a real Okta org is always https"));

    @Override
    public String name() {
        return "okta";
    }

    @Override
    public String displayName() {
        return "Okta";
    }

    @Override
    public String description() {
        return "Reads Okta users with their status, enrolled MFA factors and admin roles (deactivated users with the "
                + "time they were deactivated), and the password and MFA enrolment policies.";
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
    static OktaConnector create(ConnectorConfig config, Clock clock, Sleeper sleeper, Duration requestTimeout) {
        config.requireValid();
        URI org = orgUrl(config);
        RestClient http = new RestClient(RestClient.newHttpClient(), org, new OktaRules(), clock, sleeper,
                RateLimitSetting.read(config), requestTimeout);
        return new OktaConnector(new OktaApi(http, config.secret(API_TOKEN)));
    }

    /**
     * The org's base URL (scheme, host and port). Okta serves its API over https only, and the API
     * token must never travel in clear text, so http is refused unless explicitly allowed for a
     * local test server.
     */
    static URI orgUrl(ConnectorConfig config) {
        URI uri = URI.create(config.require(ORG_URL).strip());
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            boolean testServer = config.getBoolean(ALLOW_HTTP_LOCALHOST) && LOCAL_HOSTS.contains(host);
            if (!testServer) {
                throw new InvalidConfigException(ORG_URL, "Okta org URL must start with https:// (Okta only serves "
                        + "its API over HTTPS, and the API token must not travel in clear text): use https://"
                        + host + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
            }
        }
        if (host.matches("[^.]+-admin\\.(okta|oktapreview|okta-emea)\\.com")) {
            throw new InvalidConfigException(ORG_URL, "Okta org URL points at the Admin Console (" + host
                    + "); use the org URL without -admin: https://" + host.replace("-admin.", "."));
        }
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority());
    }
}
