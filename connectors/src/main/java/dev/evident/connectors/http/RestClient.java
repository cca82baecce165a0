package dev.evident.connectors.http;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends requests to one vendor's JSON API and deals with what is not the caller's business: retries
 * of 5xx answers, timeouts and dropped connections with exponential backoff, waiting out rate limits
 * as the vendor signals them, and turning other error statuses into errors that name the missing
 * permission. What differs between vendors (how a rate limit is announced, how errors read) comes
 * from {@link Rules}.
 *
 * <p>One client serves one connection and may be used from several threads at once (a collector
 * reading users a few at a time). The rate-limit budget is the connection's, not a request's: when
 * an answer says the budget is spent, or a request is refused as over the limit, every request of
 * this client waits until the reset before it is sent.
 */
public final class RestClient {

    public static final int MAX_ATTEMPTS = 4;
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_RATE_LIMIT_WAITS = 5;

    /** A successful (or tolerated) answer. */
    public record Response(String source, int status, HttpHeaders headers, byte[] body, String what) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() throws CollectionException {
            return Json.parse(body, source, what);
        }
    }

    /** What one vendor's API does differently. */
    public interface Rules {

        /** The vendor's name in messages, e.g. "Okta". */
        String source();

        /**
         * How long to wait before repeating a request the API refused as over its rate limit, or null
         * when the answer is not a rate limit.
         *
         * @param previousWaits how many times this request already waited, for exponential backoff
         */
        Duration rateLimitWait(Response response, Instant now, int previousWaits);

        /** After a successful answer: how long the next request must wait (the budget is spent), or null. */
        default Duration pauseAfter(Response response, Instant now) {
            return null;
        }

        /** The error for a status that retrying will not fix. */
        ApiException error(Response response, String need);

        /**
         * Headers every request to this vendor carries (a media type, an API version), sent in place of
         * the client's own {@code Accept} when they name it; the caller's headers come on top.
         */
        default Map<String, String> headers() {
            return Map.of();
        }

        /** The vendor's own explanation from an error body, as ": message", or "" without one. */
        default String detail(Response response) {
            return "";
        }

        /**
         * Whether a redirect to the configured server is followed (GitHub answers 301 for renamed
         * repositories). A redirect to any other server is refused either way, so credentials never
         * travel there; without this a redirect is an error like any other status.
         */
        default boolean followsSameServerRedirects() {
            return false;
        }
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final URI base;
    private final Rules rules;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxRateLimitWait;
    private final Duration requestTimeout;
    /** When the vendor's rate-limit budget is available again; null or past when it is now. */
    private final AtomicReference<Instant> notBefore = new AtomicReference<>();

    public RestClient(HttpClient client, URI base, Rules rules, Clock clock, Sleeper sleeper, Duration maxRateLimitWait,
                      Duration requestTimeout) {
        this.client = client;
        this.base = base;
        this.rules = rules;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxRateLimitWait = maxRateLimitWait;
        this.requestTimeout = requestTimeout;
    }

    /** An HTTP/1.1 client that never follows redirects, so credentials only ever go to the configured host. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public URI base() {
        return base;
    }

    public String source() {
        return rules.source();
    }

    /**
     * Resolves an API path (such as {@code /api/v1/users}) against the base URL, or accepts an absolute
     * URL from a next-page link as long as it points at the same server, so credentials never leave it.
     */
    public URI resolve(String pathOrUrl) throws CollectionException {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            URI uri = URI.create(pathOrUrl);
            if (!uri.getScheme().equalsIgnoreCase(base.getScheme()) || uri.getHost() == null
                    || !uri.getHost().equalsIgnoreCase(base.getHost()) || uri.getPort() != base.getPort()) {
                throw CollectionException.permanent(source() + " pointed the next page at " + uri.getScheme() + "://"
                        + uri.getHost() + ", not at the configured " + base.getScheme() + "://" + base.getHost()
                        + "; refusing to send credentials there", null);
            }
            return uri;
        }
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + (pathOrUrl.startsWith("/") ? pathOrUrl : "/" + pathOrUrl));
    }

    public Response get(String pathOrUrl, Map<String, String> headers, String need, Set<Integer> tolerated)
            throws CollectionException {
        return send("GET", pathOrUrl, headers, null, need, tolerated);
    }

    /**
     * Sends one request, retrying what is worth retrying. Statuses in {@code tolerated} are returned
     * to the caller; other errors throw.
     *
     * @param body a form body ({@code application/x-www-form-urlencoded}), or null
     * @param need the permission that makes this request succeed, named in 403/404 errors
     */
    public Response send(String method, String pathOrUrl, Map<String, String> headers, String body, String need,
                         Set<Integer> tolerated) throws CollectionException {
        URI uri = resolve(pathOrUrl);
        String what = method + " " + uri.getRawPath();
        HttpRequest request = request(method, uri, headers, body);
        int redirects = 0;
        int attempt = 0;
        int rateLimitWaits = 0;
        while (true) {
            attempt++;
            waitForBudget(what);
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw CollectionException.retryable(source() + " at " + base + " did not answer " + what + " after "
                            + attempt + " attempts: " + describe(e), e);
                }
                backOff(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CollectionException.retryable("interrupted while calling " + what, e);
            }
            Response response = new Response(source(), answer.statusCode(), answer.headers(), answer.body(), what);
            int status = response.status();
            if (REDIRECTS.contains(status) && rules.followsSameServerRedirects()) {
                if (++redirects > MAX_REDIRECTS) {
                    throw CollectionException.permanent(source() + " redirected " + what + " more than " + MAX_REDIRECTS
                            + " times", null);
                }
                URI target = redirectTarget(response, request.uri(), what);
                boolean keepMethod = status == 307 || status == 308;
                request = request(keepMethod ? method : "GET", target, headers, keepMethod ? body : null);
                attempt--; // following a redirect is not a failed attempt
                continue;
            }
            if (status >= 200 && status < 300) {
                Duration pause = rules.pauseAfter(response, clock.instant());
                if (pause != null) {
                    holdRequestsFor(pause);
                }
                return response;
            }
            Duration wait = rules.rateLimitWait(response, clock.instant(), rateLimitWaits);
            if (wait != null) {
                if (wait.compareTo(maxRateLimitWait) > 0) {
                    throw rateLimited(what, wait);
                }
                if (rateLimitWaits >= MAX_RATE_LIMIT_WAITS) {
                    throw CollectionException.rateLimited(source() + " still refused " + what + " as over its rate "
                            + "limit after " + rateLimitWaits + " waits; the sync will be retried later", wait);
                }
                rateLimitWaits++;
                attempt--; // waiting out a rate limit is not a failed attempt
                holdRequestsFor(wait); // this request waits at the top of the loop, with the others
                continue;
            }
            if (tolerated.contains(status)) {
                return response;
            }
            if (status >= 500) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw CollectionException.retryable(source() + " answered HTTP " + status + " to " + what
                            + " after " + attempt + " attempts" + rules.detail(response), null);
                }
                backOff(attempt);
                continue;
            }
            throw rules.error(response, need);
        }
    }

    private HttpRequest request(String method, URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "evident-connector")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
        }
        rules.headers().forEach(builder::setHeader);
        headers.forEach(builder::setHeader);
        return builder.build();
    }

    /** Where a redirect points, when that is the configured server; anywhere else is refused. */
    private URI redirectTarget(Response response, URI from, String what) throws CollectionException {
        String location = response.header("Location").orElseThrow(() -> CollectionException.permanent(source()
                + " answered HTTP " + response.status() + " to " + what + " without a Location", null));
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw CollectionException.permanent(source() + " redirected " + what + " to an invalid address", e);
        }
        if (target.getScheme() == null || !target.getScheme().equalsIgnoreCase(base.getScheme()) || target.getHost() == null
                || !target.getHost().equalsIgnoreCase(base.getHost()) || target.getPort() != base.getPort()) {
            throw CollectionException.permanent(source() + " redirected " + what + " to " + target.getScheme() + "://"
                    + target.getHost() + ", not to the configured " + base.getScheme() + "://" + base.getHost()
                    + "; refusing to send credentials there", null);
        }
        return target;
    }

    /** The vendor's own explanation in an error answer the caller tolerated, as ": message", or "". */
    public String detail(Response response) {
        return rules.detail(response);
    }

    /** Holds back every request of this client for {@code wait} (a later hold already set wins). */
    private void holdRequestsFor(Duration wait) {
        Instant until = clock.instant().plus(wait);
        notBefore.accumulateAndGet(until, (held, next) -> held == null || next.isAfter(held) ? next : held);
    }

    /** Waits until the rate-limit budget an earlier answer reported spent has reset. */
    private void waitForBudget(String what) throws CollectionException {
        Instant until = notBefore.get();
        if (until == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative() || wait.isZero()) {
            notBefore.compareAndSet(until, null);
            return;
        }
        if (wait.compareTo(maxRateLimitWait) > 0) {
            throw rateLimited(what, wait);
        }
        sleep(wait, what);
        notBefore.compareAndSet(until, null); // unless another answer has moved the reset on meanwhile
    }

    private CollectionException rateLimited(String what, Duration wait) {
        return CollectionException.rateLimited(source() + " rate limit reached on " + what + "; it resets at "
                + clock.instant().plus(wait) + " (in " + wait.toSeconds() + " s), longer than the configured maximum "
                + "wait of " + maxRateLimitWait.toSeconds() + " s", wait);
    }

    /** The wait a {@code Retry-After} header asks for (seconds or an HTTP date), or null without one. */
    public static Duration retryAfter(Response response, Instant now) {
        Optional<String> header = response.header("retry-after").map(String::strip);
        if (header.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.get())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(now, ZonedDateTime.parse(header.get(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The wait until an epoch-seconds reset time in a header, plus a second for clock skew; null without one. */
    public static Duration untilEpochSecond(Response response, String header, Instant now) {
        Optional<String> value = response.header(header).map(String::strip);
        if (value.isEmpty()) {
            return null;
        }
        try {
            Duration wait = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(value.get()))).plusSeconds(1);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (NumberFormatException e) {
            return null;
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

    /** Percent-encodes a path segment or query value. */
    public static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An error message of at most 200 characters, or null. */
    public static String shorten(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
