package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Sends requests to the GitHub REST API and deals with everything that is not the caller's business:
 * retries of 5xx answers and network errors with exponential backoff, waiting out rate limits
 * ({@code Retry-After}, {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset}, secondary
 * limits), and turning 401/403/404 into errors that say which permission is missing.
 */
final class GitHubHttp {

    static final int MAX_ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final int MAX_RATE_LIMIT_WAITS = 5;
    /** GitHub asks to wait at least a minute after hitting a secondary rate limit without other hints. */
    private static final Duration SECONDARY_LIMIT_WAIT = Duration.ofSeconds(60);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A successful (or tolerated) answer. */
    record Response(int status, HttpHeaders headers, byte[] body, String what) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        JsonNode json() throws CollectionException {
            return Json.parse(body, what);
        }
    }

    private final HttpClient client;
    private final URI base;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxRateLimitWait;
    private final Duration requestTimeout;

    GitHubHttp(HttpClient client, URI base, Clock clock, Sleeper sleeper, Duration maxRateLimitWait,
               Duration requestTimeout) {
        this.client = client;
        this.base = base;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxRateLimitWait = maxRateLimitWait;
        this.requestTimeout = requestTimeout;
    }

    URI base() {
        return base;
    }

    /**
     * Resolves an API path (such as {@code /orgs/acme}) against the base URL, or accepts an absolute
     * URL from a Link header as long as it points at the same server, so credentials never leave it.
     */
    URI resolve(String pathOrUrl) throws CollectionException {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            URI uri = URI.create(pathOrUrl);
            if (!uri.getScheme().equalsIgnoreCase(base.getScheme()) || !uri.getHost().equalsIgnoreCase(base.getHost())
                    || uri.getPort() != base.getPort()) {
                throw CollectionException.permanent("GitHub pointed the next page at " + uri.getHost()
                        + ", not at the configured API " + base.getHost() + "; refusing to send credentials there", null);
            }
            return uri;
        }
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + (pathOrUrl.startsWith("/") ? pathOrUrl : "/" + pathOrUrl));
    }

    /**
     * Sends one request, retrying what is worth retrying. Statuses in {@code tolerated} are returned
     * to the caller (a 404 for "no branch protection", say); other errors throw.
     *
     * @param need the permission that makes this request succeed, named in 403/404 errors
     */
    Response send(String method, String pathOrUrl, String authorization, String need, Set<Integer> tolerated)
            throws CollectionException {
        URI uri = resolve(pathOrUrl);
        String what = method + " " + uri.getRawPath();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "evident-connector")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(""));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        int attempt = 0;
        int rateLimitWaits = 0;
        while (true) {
            attempt++;
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw CollectionException.retryable("GitHub API at " + base + " did not answer " + what + " after "
                            + attempt + " attempts: " + describe(e), e);
                }
                backOff(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CollectionException.retryable("interrupted while calling " + what, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Response(status, response.headers(), response.body(), what);
            }
            Duration wait = rateLimitWait(response);
            if (wait != null) {
                Instant resetsAt = clock.instant().plus(wait);
                if (wait.compareTo(maxRateLimitWait) > 0 || rateLimitWaits >= MAX_RATE_LIMIT_WAITS) {
                    throw CollectionException.rateLimited("GitHub rate limit reached on " + what + "; it resets at "
                            + resetsAt + " (in " + wait.toSeconds() + " s), longer than the configured maximum wait of "
                            + maxRateLimitWait.toSeconds() + " s", wait);
                }
                rateLimitWaits++;
                attempt--; // waiting out a rate limit is not a failed attempt
                sleep(wait, what);
                continue;
            }
            if (tolerated.contains(status)) {
                return new Response(status, response.headers(), response.body(), what);
            }
            if (status >= 500) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw CollectionException.retryable("GitHub answered HTTP " + status + " to " + what + " after "
                            + attempt + " attempts" + detail(response.body()), null);
                }
                backOff(attempt);
                continue;
            }
            throw error(status, what, response.body(), need);
        }
    }

    private Duration rateLimitWait(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return null;
        }
        HttpHeaders headers = response.headers();
        Optional<String> retryAfter = headers.firstValue("retry-after");
        if (retryAfter.isPresent()) {
            return parseRetryAfter(retryAfter.get().strip());
        }
        if (headers.firstValue("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent()) {
            Optional<String> reset = headers.firstValue("x-ratelimit-reset");
            if (reset.isPresent()) {
                try {
                    Instant resetsAt = Instant.ofEpochSecond(Long.parseLong(reset.get().strip()));
                    Duration wait = Duration.between(clock.instant(), resetsAt).plusSeconds(1);
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (NumberFormatException e) {
                    return SECONDARY_LIMIT_WAIT;
                }
            }
            return SECONDARY_LIMIT_WAIT;
        }
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).toLowerCase();
        if (status == 429 || body.contains("secondary rate limit")) {
            return SECONDARY_LIMIT_WAIT;
        }
        return null;
    }

    private Duration parseRetryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return SECONDARY_LIMIT_WAIT;
            }
        }
    }

    private void backOff(int attempt) throws CollectionException {
        sleep(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)), "a retry");
    }

    private void sleep(Duration duration, String what) throws CollectionException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CollectionException.retryable("interrupted while waiting before " + what, e);
        }
    }

    private static GitHubApiException error(int status, String what, byte[] body, String need) {
        String message = switch (status) {
            case 401 -> "GitHub rejected the credentials (HTTP 401 on " + what + "): the token is wrong, expired or revoked";
            case 403 -> "GitHub denied " + what + " (HTTP 403" + detail(body) + "): the credentials need " + need;
            case 404 -> "GitHub answered 404 to " + what + ": it does not exist, or the credentials lack " + need
                    + " (GitHub hides what a token may not see behind 404)";
            default -> "GitHub answered HTTP " + status + " to " + what + detail(body);
        };
        return new GitHubApiException(status, message);
    }

    /** GitHub's own explanation from an error body, shortened, or nothing. */
    static String detail(byte[] body) {
        try {
            String message = Json.text(Json.MAPPER.readTree(body), "message");
            if (message == null || message.isBlank()) {
                return "";
            }
            return ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
