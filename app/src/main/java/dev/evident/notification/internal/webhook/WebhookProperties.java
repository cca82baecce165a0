package dev.evident.notification.internal.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code evident.webhooks}.
 *
 * @param allowPrivateAddresses let endpoints resolve to loopback, private (10/8, 172.16/12, 192.168/16,
 *                              fc00::/7), carrier-grade NAT or link-local addresses; off by default, so a
 *                              webhook cannot be aimed at the installation's internal network
 * @param allowHttp             accept plain-http URLs for any host; without it only https, and http to
 *                              localhost, 127.0.0.1 and [::1]
 * @param pollInterval          how often each node looks for due deliveries
 * @param retryDelays           the waits after a failed attempt, in order; after the last one the delivery
 *                              is marked failed (so there are retryDelays + 1 attempts)
 * @param connectTimeout        to open the connection to an endpoint
 * @param readTimeout           for the endpoint's answer, from sending the request to the end of the
 *                              (bounded) response body
 * @param maxResponseBytes      how much of an endpoint's response body is read and kept in the log
 * @param logRetention          how long finished deliveries (succeeded or failed) stay in the log
 */
@ConfigurationProperties("evident.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateAddresses,
                                @DefaultValue("false") boolean allowHttp,
                                @DefaultValue("15s") Duration pollInterval,
                                @DefaultValue({"1m", "5m", "30m", "2h", "12h"}) List<Duration> retryDelays,
                                @DefaultValue("5s") Duration connectTimeout,
                                @DefaultValue("10s") Duration readTimeout,
                                @DefaultValue("2000") int maxResponseBytes,
                                @DefaultValue("90d") Duration logRetention) {

    public WebhookProperties {
        retryDelays = List.copyOf(retryDelays);
    }

    public int maxAttempts() {
        return retryDelays.size() + 1;
    }
}
