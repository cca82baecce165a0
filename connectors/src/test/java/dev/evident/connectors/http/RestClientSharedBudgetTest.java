package dev.evident.connectors.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client, several threads: the rate-limit budget belongs to the connection, so a request refused
 * as over the limit holds back the requests of the other threads too, instead of letting them run
 * into the same refusal.
 */
class RestClientSharedBudgetTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    /** What happened, in order: requests the server answered and waits the client made. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean limited = new AtomicBoolean(true);
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean refuse = path.equals("/limited") && limited.getAndSet(false);
            events.add((refuse ? "429 " : "200 ") + path);
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (refuse) {
                exchange.getResponseHeaders().add("X-Rate-Limit-Reset", Long.toString(NOW.plusSeconds(40).getEpochSecond()));
            }
            exchange.sendResponseHeaders(refuse ? 429 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Rules of a vendor that announces its reset as epoch seconds on a 429. */
    private static final RestClient.Rules RULES = new RestClient.Rules() {
        @Override
        public String source() {
            return "Vendor";
        }

        @Override
        public Duration rateLimitWait(RestClient.Response response, Instant now, int previousWaits) {
            return response.status() == 429 ? RestClient.untilEpochSecond(response, "X-Rate-Limit-Reset", now) : null;
        }

        @Override
        public ApiException error(RestClient.Response response, String need) {
            return new ApiException(response.status(), "HTTP " + response.status());
        }
    };

    @Test
    void aRateLimitOneThreadRunsIntoHoldsBackTheOthers() throws Exception {
        CountDownLatch firstAsleep = new CountDownLatch(1);
        CountDownLatch wakeFirst = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Sleeper sleeper = duration -> {
            events.add("wait " + duration.toSeconds() + " s on " + Thread.currentThread().getName());
            if (first.getAndSet(false)) {
                firstAsleep.countDown();
                assertThat(wakeFirst.await(30, TimeUnit.SECONDS)).isTrue();
            }
            clock.advance(duration);
        };
        RestClient client = new RestClient(RestClient.newHttpClient(), URI.create("http://127.0.0.1:" + server.getAddress()
                .getPort()), RULES, clock, sleeper, Duration.ofMinutes(5), Duration.ofSeconds(10));

        CompletableFuture<RestClient.Response> refused = CompletableFuture.supplyAsync(
                () -> call(client, "/limited"), runnable -> new Thread(runnable, "reader-1").start());
        assertThat(firstAsleep.await(30, TimeUnit.SECONDS)).as("the refused request waits for the reset").isTrue();
        CompletableFuture<RestClient.Response> other = CompletableFuture.supplyAsync(
                () -> call(client, "/other"), runnable -> new Thread(runnable, "reader-2").start());
        assertThat(other.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        wakeFirst.countDown();
        assertThat(refused.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        assertThat(events).containsExactly(
                "429 /limited",
                "wait 41 s on reader-1",
                "wait 41 s on reader-2", // before its request: the other thread's 429 spent the budget
                "200 /other",
                "200 /limited");
    }

    @Test
    void aBudgetAlreadyWaitedOutHoldsNobodyBack() throws Exception {
        Sleeper sleeper = duration -> {
            events.add("wait " + duration.toSeconds() + " s");
            clock.advance(duration);
        };
        RestClient client = new RestClient(RestClient.newHttpClient(), URI.create("http://127.0.0.1:" + server.getAddress()
                .getPort()), RULES, clock, sleeper, Duration.ofMinutes(5), Duration.ofSeconds(10));

        assertThat(call(client, "/limited").status()).isEqualTo(200);
        assertThat(call(client, "/other").status()).isEqualTo(200);

        assertThat(events).containsExactly("429 /limited", "wait 41 s", "200 /limited", "200 /other");
    }

    private static RestClient.Response call(RestClient client, String path) {
        try {
            return client.get(path, Map.of(), "nothing", Set.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
