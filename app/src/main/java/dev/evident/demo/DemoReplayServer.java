package dev.evident.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the recorded GitHub API back to the demo company's GitHub connection: a small HTTP server on the
 * loopback interface (an ephemeral port, started only in demo mode) that answers each recorded request
 * with its recorded status, headers and body, times rendered for today. The real GitHub connector talks
 * to it through its configurable API base URL, so demo syncs run the real collectors and never leave the
 * machine. A request that was not recorded gets GitHub's 404.
 */
@Component
class DemoReplayServer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoReplayServer.class);
    private static final byte[] NOT_FOUND = "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}"
            .getBytes(StandardCharsets.UTF_8);

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private final Clock clock;
    private HttpServer server;

    DemoReplayServer(Clock clock) {
        this.clock = clock;
    }

    /** Starts the server if it is not running; returns the API base URL to configure. */
    synchronized String start() {
        if (server == null) {
            Map<String, Answer> answers = load(DemoRecording.read(DemoRecording.GITHUB));
            // Without TCP_NODELAY each small answer waits for the client's delayed ACK (some 40 ms a request).
            System.setProperty("sun.net.httpserver.nodelay", "true");
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the demo's GitHub replay on the loopback interface", e);
            }
            server.createContext("/", exchange -> answer(exchange, answers));
            server.start();
            log.info("Demo mode: the recorded GitHub API is replayed at {}", baseUrl());
        }
        return baseUrl();
    }

    synchronized String baseUrl() {
        return server == null ? null : "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public synchronized void destroy() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Recorded answers by method, raw path and raw query ({@code GET /orgs/x/members?role=admin&per_page=100}). */
    static Map<String, Answer> load(String recording) {
        JsonNode root = JsonMapper.builder().build().readTree(recording);
        Map<String, Answer> answers = new HashMap<>();
        for (JsonNode interaction : root.path("interactions")) {
            JsonNode request = interaction.path("request");
            JsonNode response = interaction.path("response");
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            answers.put(request.path("method").asString() + " " + request.path("path").asString(),
                    new Answer(response.path("status").asInt(), headers, response.path("body").toString()));
        }
        return answers;
    }

    private void answer(HttpExchange exchange, Map<String, Answer> answers) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (query == null ? "" : "?" + query);
            Answer answer = answers.get(key);
            byte[] body;
            if (answer == null) {
                log.debug("Demo GitHub replay: nothing recorded for {}", key);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                body = NOT_FOUND;
                exchange.sendResponseHeaders(404, body.length);
            } else {
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                body = DemoRecording.render(answer.body(), clock).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
