package dev.evident.connectors.github;

import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How the GitHub REST API wants to be called and signals rate limits and errors: its own media type
 * and API version on every request; a 403 or 429 with {@code Retry-After}, or with
 * {@code x-ratelimit-remaining: 0} and {@code x-ratelimit-reset} (epoch seconds), or a secondary rate
 * limit without either; and 401/403/404 turned into errors that say which permission is missing.
 */
final class GitHubRules implements RestClient.Rules {

    /** GitHub asks to wait at least a minute after hitting a secondary rate limit without other hints. */
    static final Duration SECONDARY_LIMIT_WAIT = Duration.ofSeconds(60);

    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", "2022-11-28");

    @Override
    public boolean followsSameServerRedirects() {
        return true;
    }

    @Override
    public String source() {
        return "GitHub";
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public Duration rateLimitWait(RestClient.Response response, Instant now, int previousWaits) {
        int status = response.status();
        if (status != 403 && status != 429) {
            return null;
        }
        if (response.header("retry-after").isPresent()) {
            return orSecondaryLimitWait(RestClient.retryAfter(response, now));
        }
        if (response.header("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent()) {
            return orSecondaryLimitWait(RestClient.untilEpochSecond(response, "x-ratelimit-reset", now));
        }
        String body = new String(response.body(), StandardCharsets.UTF_8).toLowerCase();
        if (status == 429 || body.contains("secondary rate limit")) {
            return SECONDARY_LIMIT_WAIT;
        }
        return null;
    }

    private static Duration orSecondaryLimitWait(Duration wait) {
        return wait == null ? SECONDARY_LIMIT_WAIT : wait;
    }

    @Override
    public ApiException error(RestClient.Response response, String need) {
        int status = response.status();
        String what = response.what();
        String message = switch (status) {
            case 401 -> "GitHub rejected the credentials (HTTP 401 on " + what + "): the token is wrong, expired or revoked";
            case 403 -> "GitHub denied " + what + " (HTTP 403" + detail(response) + "): the credentials need " + need;
            case 404 -> "GitHub answered 404 to " + what + ": it does not exist, or the credentials lack " + need
                    + " (GitHub hides what a token may not see behind 404)";
            default -> "GitHub answered HTTP " + status + " to " + what + detail(response);
        };
        return new ApiException(status, message);
    }

    /** GitHub's own explanation from an error body, as ": message" shortened, or "". */
    @Override
    public String detail(RestClient.Response response) {
        try {
            String message = RestClient.shorten(Json.text(Json.MAPPER.readTree(response.body()), "message"));
            return message == null ? "" : ": " + message;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
