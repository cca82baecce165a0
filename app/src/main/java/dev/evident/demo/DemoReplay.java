package dev.evident.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recording played back over HTTP: a small server on the loopback interface (an ephemeral port)
 * that answers each recorded request ({@link ReplayRecording}) with its recorded status, headers and
 * body, times rendered for today. A request that was not recorded gets a 404.
 */
final class DemoReplay {

    private static final Logger log = LoggerFactory.getLogger(DemoReplay.class);
    private static final byte[] NOT_FOUND = "{\"message\":\"Not Found\",\"status\":\"404\"}".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final ReplayRecording recording;
    private final Clock clock;
    private final HttpServer server;

    private DemoReplay(String name, ReplayRecording recording, Clock clock, HttpServer server) {
        this.name = name;
        this.recording = recording;
        this.clock = clock;
        this.server = server;
    }

    /** Starts a replay of the recording (a class-path resource) on a free loopback port. */
    static DemoReplay start(String resource, Clock clock) {
        ReplayRecording recording = ReplayRecording.parse(DemoRecording.read(resource));
        // Without TCP_NODELAY each small answer waits for the client's delayed ACK (some 40 ms a request).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo's replay of " + resource + " on the loopback interface", e);
        }
        DemoReplay replay = new DemoReplay(resource, recording, clock, server);
        server.createContext("/", replay::answer);
        server.start();
        return replay;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            ReplayRecording.Request request = new ReplayRecording.Request(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body);
            byte[] out;
            var answer = recording.answer(request);
            if (answer.isEmpty()) {
                log.debug("Demo replay of {}: nothing recorded for {} {}?{}", name, request.method(), request.rawPath(),
                        request.rawQuery());
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                out = NOT_FOUND;
                exchange.sendResponseHeaders(404, out.length);
            } else {
                answer.get().headers().forEach((header, value) -> exchange.getResponseHeaders().put(header, List.of(value)));
                out = DemoRecording.render(answer.get().body(), clock).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.get().status(), out.length);
            }
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }
}
