package dev.evident.connectors.okta;

import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

/**
 * How Okta signals rate limits and errors. Every answer carries {@code X-Rate-Limit-Remaining} and
 * {@code X-Rate-Limit-Reset} (epoch seconds) for the endpoint's bucket; a 429 (error code E0000047)
 * means the bucket or the concurrency limit is exhausted until the reset time.
 */
final class OktaRules implements RestClient.Rules {

    /** When a 429 carries neither reset header nor Retry-After: Okta's buckets are per minute. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    @Override
    public String source() {
        return "Okta";
    }

    @Override
    public Duration rateLimitWait(RestClient.Response response, Instant now, int previousWaits) {
        if (response.status() != 429) {
            return null;
        }
        Duration wait = RestClient.untilEpochSecond(response, "x-rate-limit-reset", now);
        if (wait == null) {
            wait = RestClient.retryAfter(response, now);
        }
        return wait == null ? DEFAULT_WAIT : wait;
    }

    /** The bucket is empty: the next call would get a 429, so wait for the reset instead. */
    @Override
    public Duration pauseAfter(RestClient.Response response, Instant now) {
        boolean exhausted = response.header("x-rate-limit-remaining").map(String::strip).filter("0"::equals).isPresent();
        return exhausted ? RestClient.untilEpochSecond(response, "x-rate-limit-reset", now) : null;
    }

    @Override
    public ApiException error(RestClient.Response response, String need) {
        int status = response.status();
        String what = response.what();
        String okta = detail(response);
        String message = switch (status) {
            case 401 -> "Okta rejected the API token (HTTP 401" + okta + " on " + what + "): it is wrong or revoked, "
                    + "expired after 30 days without use, or its admin was deactivated; create a new token under "
                    + "Security > API > Tokens while signed in as a read-only administrator";
            case 403 -> "Okta denied " + what + " (HTTP 403" + okta + "): the token's admin needs " + need;
            case 404 -> "Okta answered 404 to " + what + okta + ": it does not exist, or the org URL is not the "
                    + "Okta org (use https://YOUR-ORG.okta.com, not the -admin URL or a custom sign-in page)";
            default -> "Okta answered HTTP " + status + " to " + what + okta;
        };
        return new ApiException(status, message);
    }

    /** Okta's error code and summary from an error body, as ": E0000006 You do not have permission...", or nothing. */
    @Override
    public String detail(RestClient.Response response) {
        try {
            JsonNode error = Json.MAPPER.readTree(response.body());
            String summary = RestClient.shorten(Json.text(error, "errorSummary"));
            String code = Json.text(error, "errorCode");
            if (summary == null) {
                return "";
            }
            return ": " + (code == null ? "" : code + " ") + summary;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
