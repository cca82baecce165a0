package dev.evident.connectors.google;

import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * How Google APIs signal rate limits and errors: 429, or 403 with reason {@code rateLimitExceeded},
 * {@code userRateLimitExceeded} or {@code quotaExceeded}, usually without a reset time, for which
 * Google asks for exponential backoff (2, 4, 8, ... seconds here).
 */
final class GoogleRules implements RestClient.Rules {

    static final String SOURCE = "Google Workspace";
    private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded",
            "quotaExceeded");

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Duration rateLimitWait(RestClient.Response response, Instant now, int previousWaits) {
        boolean limited = response.status() == 429
                || response.status() == 403 && RATE_LIMIT_REASONS.contains(reason(response.body()));
        if (!limited) {
            return null;
        }
        Duration retryAfter = RestClient.retryAfter(response, now);
        return retryAfter != null ? retryAfter : Duration.ofSeconds(2L << Math.min(previousWaits, 5));
    }

    @Override
    public ApiException error(RestClient.Response response, String need) {
        int status = response.status();
        String what = response.what();
        String google = detail(response);
        String message = switch (status) {
            case 401 -> "Google rejected the access token (HTTP 401" + google + " on " + what + ")";
            case 403 -> "Google denied " + what + " (HTTP 403" + google + "): " + need;
            default -> "Google answered HTTP " + status + " to " + what + google;
        };
        return new ApiException(status, message);
    }

    /** Google's message from a JSON error body, as ": message", or nothing. */
    @Override
    public String detail(RestClient.Response response) {
        String message = RestClient.shorten(Json.text(error(response.body()), "message"));
        return message == null ? "" : ": " + message;
    }

    static String reason(byte[] body) {
        return Json.text(error(body).path("errors").path(0), "reason");
    }

    private static JsonNode error(byte[] body) {
        try {
            return Json.MAPPER.readTree(body).path("error");
        } catch (RuntimeException e) {
            return Json.object();
        }
    }
}
