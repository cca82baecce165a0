package dev.evident.connectors.okta;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.evident.connectors.okta.OktaTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each active user costs two requests (factors, roles); they are made for several users at once,
 * and what is stored keeps the listing's order. The stub proves the overlap: a factors request is
 * answered only once {@link OktaUserCollector#PARALLEL_USERS} of them are waiting together, which
 * requests made one after another never are.
 */
class OktaParallelUsersTest {

    private static final int USERS = 2 * OktaUserCollector.PARALLEL_USERS;

    private final TestClock clock = new TestClock(NOW);
    private final CyclicBarrier together = new CyclicBarrier(OktaUserCollector.PARALLEL_USERS);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(3 * OktaUserCollector.PARALLEL_USERS);
    private volatile String failingUser;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/v1/users", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        int running = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(running, Math::max);
        try {
            if (path.equals("/api/v1/users")) {
                send(exchange, 200, query != null && query.contains("DEPROVISIONED") ? "[]" : users());
            } else if (path.endsWith("/factors")) {
                String id = path.split("/")[4];
                if (id.equals(failingUser)) {
                    send(exchange, 403, "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission\"}");
                    return;
                }
                if (failingUser == null) {
                    together.await(20, TimeUnit.SECONDS);
                }
                send(exchange, 200, """
                        [{"id":"f1","factorType":"token:software:totp","provider":"GOOGLE","status":"ACTIVE"}]""");
            } else if (path.endsWith("/roles")) {
                send(exchange, 200, path.contains("/u3/") ? "[{\"id\":\"r1\",\"type\":\"SUPER_ADMIN\",\"status\":\"ACTIVE\"}]"
                        : "[]");
            } else {
                send(exchange, 404, "{}");
            }
        } catch (Exception e) {
            send(exchange, 400, "{\"errorCode\":\"E0000001\",\"errorSummary\":\"requests were not made together: " + e + "\"}");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static String users() {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            users.add(OktaTestSupport.user("u" + i, "ACTIVE", "user" + i + "@acme.example", "user" + i + "@acme.example",
                    "2025-01-10T09:05:00.000Z"));
        }
        return "[" + String.join(",", users) + "]";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private List<CollectedResource> collect() throws Exception {
        String orgUrl = "http://localhost:" + server.getAddress().getPort();
        return OktaTestSupport.collect(OktaTestSupport.connector(orgUrl, clock, new RecordingSleeper(clock)),
                OktaUserCollector.TYPE, clock);
    }

    @Test
    void severalUsersAreReadAtOnceAndStoredInTheListingsOrder() throws Exception {
        List<CollectedResource> users = collect();

        assertThat(users).extracting(CollectedResource::externalId)
                .containsExactly("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8");
        assertThat(users).allSatisfy(user -> assertThat(OktaTestSupport.attributes(user).get("mfaEnrolled").asBoolean())
                .isTrue());
        assertThat(OktaTestSupport.attributes(users.get(2)).get("superAdmin").asBoolean()).isTrue();
        assertThat(OktaTestSupport.attributes(users.get(3)).get("admin").asBoolean()).isFalse();
        assertThat(mostInFlight.get()).as("never more users at once than allowed")
                .isLessThanOrEqualTo(OktaUserCollector.PARALLEL_USERS);
    }

    @Test
    void oneUsersRefusedReadFailsTheCollectionWithItsOwnError() {
        failingUser = "u2";

        assertThatThrownBy(this::collect).isInstanceOf(UncheckedCollectionException.class)
                .hasMessageContaining("GET /api/v1/users/u2/factors").hasMessageContaining("Read-only Administrator");
    }
}
