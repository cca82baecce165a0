package dev.evident.integration.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local stand-in for a vendor API on the JDK's HTTP server, for the sync benchmark: answers are
 * generated on the fly from the {@link SyncBenchModel} by a {@link Handler}, nothing is pre-built. It
 * counts requests per operation and the time its handlers took, so the report can show that the stub
 * is not what limits the sync. Listens on 127.0.0.1 only.
 */
final class SyncBenchStub implements AutoCloseable {

    /** One request as the handler sees it. */
    record Request(String method, String path, String rawQuery, Map<String, String> query, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer, with the operation it served (for the per-operation counts). */
    record Answer(String operation, int status, String contentType, String body, Map<String, String> headers) {

        Answer(String operation, int status, String contentType, String body) {
            this(operation, status, contentType, body, Map.of());
        }
    }

    @FunctionalInterface
    interface Handler {
        Answer handle(Request request) throws Exception;
    }

    static {
        // Without TCP_NODELAY the server's separate header and body writes meet the client's delayed ACK:
        // about 40 ms per request, which would make the stub the bottleneck.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final int latencyMs;
    private final LongAdder requests = new LongAdder();
    private final LongAdder handlerNanos = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private volatile long lastAnswerNanos;

    SyncBenchStub(String name, Handler handler) throws IOException {
        this(name, handler, 0);
    }

    /**
     * @param latencyMs how long each answer waits before it is sent, like a network round trip; the
     *                  stub then answers up to 128 requests at once, as a remote service would
     */
    SyncBenchStub(String name, Handler handler, int latencyMs) throws IOException {
        this.name = name;
        this.latencyMs = latencyMs;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        this.executor = Executors.newFixedThreadPool(latencyMs > 0 ? 128 : 4, r -> {
            Thread t = new Thread(r, "stub-" + name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    String name() {
        return name;
    }

    /** http://127.0.0.1:PORT, without a trailing slash. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.sum();
    }

    double handlerSeconds() {
        return handlerNanos.sum() / 1e9;
    }

    /** System.nanoTime() when the last answer was ready. */
    long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    long bytesOut() {
        return bytesOut.sum();
    }

    /** Requests per operation so far, by name. */
    Map<String, Long> operations() {
        Map<String, Long> out = new TreeMap<>();
        operations.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long start = System.nanoTime();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), rawQuery,
                    form(rawQuery), exchange.getRequestHeaders(), body);
            Answer answer;
            try {
                answer = handler.handle(request);
            } catch (Exception e) {
                answer = new Answer("error", 500, "text/plain", "stub failed: " + e);
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            // a value with line breaks is sent as that many headers of the name
            answer.headers().forEach((k, v) -> List.of(v.split("\n")).forEach(one -> exchange.getResponseHeaders().add(k, one)));
            handlerNanos.add(System.nanoTime() - start);
            requests.increment();
            bytesOut.add(out.length);
            operations.computeIfAbsent(answer.operation(), k -> new LongAdder()).increment();
            if (latencyMs > 0) {
                try {
                    Thread.sleep(latencyMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lastAnswerNanos = System.nanoTime();
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    /** A form or query string's parameters, decoded; the first value of a repeated name wins. */
    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** The value of a "Name":"value" pair in a small JSON request body, or null. */
    static String jsonField(String json, String field) {
        int at = json.indexOf("\"" + field + "\"");
        if (at < 0) {
            return null;
        }
        int colon = json.indexOf(':', at);
        int open = json.indexOf('"', colon + 1);
        int close = json.indexOf('"', open + 1);
        return open < 0 || close < 0 ? null : json.substring(open + 1, close);
    }

    static List<String> lines(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
