package dev.evident.notification.internal.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * One HTTP attempt of a delivery: a signed POST with bounded time (connect and read timeouts) and a
 * bounded read of the answer. Redirects are not followed: a receiver that moved must be re-registered,
 * which re-checks its address.
 */
@Component
class WebhookSender {

    /** What happened: the status code (null when no answer came), time taken, the start of the answer, or the error. */
    record Attempt(Integer statusCode, long durationMs, String response, String error) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final WebhookProperties properties;
    private final AddressPolicy addresses;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(WebhookProperties properties, AddressPolicy addresses, Clock clock) {
        this.properties = properties;
        this.addresses = addresses;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Attempt send(String url, String secret, String eventType, String deliveryId, String body) {
        URI uri = URI.create(url);
        var refused = addresses.refusal(uri.getHost());
        if (refused.isPresent()) {
            return new Attempt(null, 0, null, "Not sent: the URL " + refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Evident-Webhooks/1")
                .header("X-Evident-Event", eventType)
                .header("X-Evident-Delivery", deliveryId)
                .header("X-Evident-Timestamp", Long.toString(timestamp))
                .header("X-Evident-Signature", Signatures.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request,
                info -> new BoundedBody(properties.maxResponseBytes()));
        try {
            // the request timeout ends at the response headers; this bounds the body as well
            HttpResponse<byte[]> response = future.get(properties.connectTimeout().plus(properties.readTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
            return new Attempt(response.statusCode(), elapsed(started),
                    new String(response.body(), StandardCharsets.UTF_8), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Attempt(null, elapsed(started), null, "Timed out after " + properties.readTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Attempt(null, elapsed(started), null, describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Attempt(null, elapsed(started), null, "Interrupted");
        }
    }

    private static String describe(Throwable cause) {
        String type = cause.getClass().getSimpleName();
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return "Could not connect within the connect timeout";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "No answer within the read timeout";
        }
        if (cause instanceof java.net.ConnectException) {
            return "Connection refused";
        }
        return type + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Keeps the first {@code max} bytes of a body and stops reading there. */
    static final class BoundedBody implements BodySubscriber<byte[]> {

        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer buffer : items) {
                int take = Math.min(buffer.remaining(), max - out.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                out.write(bytes, 0, take);
                if (out.size() >= max) {
                    result.complete(out.toByteArray());
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
