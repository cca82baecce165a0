package dev.evident.connectors.http;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.InvalidConfigException;

import java.time.Duration;

/** The "longest rate-limit wait" setting that every connector built on {@link RestClient} offers. */
public final class RateLimitSetting {

    public static final String FIELD = "maxRateLimitWaitSeconds";

    private RateLimitSetting() {
    }

    public static ConfigField field(String vendor) {
        return ConfigField.number(FIELD, "Longest rate-limit wait (seconds)").withDefault("300")
                .withHelp("A sync waits for " + vendor + "'s rate limit up to this long at a time, then fails and "
                        + "retries later");
    }

    public static Duration read(ConnectorConfig config) {
        long seconds = config.getLong(FIELD).orElseThrow();
        if (seconds <= 0) {
            throw new InvalidConfigException(FIELD, "Longest rate-limit wait must be greater than zero");
        }
        return Duration.ofSeconds(seconds);
    }
}
