package dev.evident.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recording's request/response pairs and which one answers a request. A recorded request names its
 * method and path; the path's query, when written there, must equal the request's exactly (GitHub's
 * recording). Recordings of APIs that put the operation elsewhere add what tells requests apart:
 * <ul>
 *   <li>{@code params}: values that must be among the request's query parameters, form parameters or
 *       top-level JSON body fields (AWS's {@code Action}, Okta's {@code filter}, KMS's {@code KeyId});</li>
 *   <li>{@code headers}: header values that must be equal ({@code X-Amz-Target});</li>
 *   <li>{@code signedBy} and {@code scope}: the access key id and the {@code region/service} of the SigV4
 *       credential scope in the {@code Authorization} header (which AWS account and which service asks).</li>
 * </ul>
 * Of the pairs whose conditions all hold, the one with the most conditions answers, so a listing with a
 * filter is told from the same listing without one.
 */
final class ReplayRecording {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A recorded response: the body is JSON text or, for XML and other formats, the recorded text. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** What the replay sees of a request. */
    record Request(String method, String rawPath, String rawQuery, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Interaction(String exactQuery, Map<String, String> params, Map<String, String> headers,
                               List<String> authorization, Answer answer) {
        int conditions() {
            return (exactQuery == null ? 0 : 1) + params.size() + headers.size() + authorization.size();
        }
    }

    /** Interactions by method and raw path without query. */
    private final Map<String, List<Interaction>> byPath;

    private ReplayRecording(Map<String, List<Interaction>> byPath) {
        this.byPath = byPath;
    }

    static ReplayRecording parse(String recording) {
        JsonNode root = JSON.readTree(recording);
        Map<String, List<Interaction>> byPath = new HashMap<>();
        for (JsonNode interaction : root.path("interactions")) {
            JsonNode request = interaction.path("request");
            JsonNode response = interaction.path("response");
            String path = request.path("path").asString();
            int q = path.indexOf('?');
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.path("headers").properties().forEach(e -> answerHeaders.put(e.getKey(), e.getValue().asString()));
            String body = response.has("text") ? response.path("text").asString() : response.path("body").toString();
            List<String> authorization = new ArrayList<>();
            if (request.has("signedBy")) {
                authorization.add("Credential=" + request.path("signedBy").asString() + "/");
            }
            if (request.has("scope")) {
                authorization.add("/" + request.path("scope").asString() + "/aws4_request");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            request.path("headers").properties().forEach(e ->
                    headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asString()));
            Interaction parsed = new Interaction(q < 0 ? null : path.substring(q + 1), strings(request.path("params")),
                    headers, List.copyOf(authorization), new Answer(response.path("status").asInt(), answerHeaders, body));
            byPath.computeIfAbsent(request.path("method").asString() + " " + (q < 0 ? path : path.substring(0, q)),
                    k -> new ArrayList<>()).add(parsed);
        }
        return new ReplayRecording(byPath);
    }

    /** The recorded answer to the request, if any. */
    Optional<Answer> answer(Request request) {
        List<Interaction> candidates = byPath.getOrDefault(request.method() + " " + request.rawPath(), List.of());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = params(request);
        String authorization = request.header("Authorization");
        Interaction best = null;
        for (Interaction candidate : candidates) {
            boolean matches = (candidate.exactQuery() == null || candidate.exactQuery().equals(request.rawQuery()))
                    && candidate.params().entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())))
                    && candidate.headers().entrySet().stream().allMatch(e -> e.getValue().equals(request.header(e.getKey())))
                    && candidate.authorization().stream().allMatch(part -> authorization != null && authorization.contains(part));
            if (matches && (best == null || candidate.conditions() > best.conditions())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best).map(Interaction::answer);
    }

    /** Whether a request with this method and path (any query) was recorded: for tests of a recording. */
    boolean hasPath(String methodAndPath) {
        return byPath.containsKey(methodAndPath);
    }

    /** The query, form (url-encoded body) and top-level JSON body parameters of a request, decoded. */
    static Map<String, String> params(Request request) {
        Map<String, String> params = new HashMap<>();
        decodeInto(request.rawQuery(), params);
        String type = request.header("Content-Type");
        String body = request.body();
        if (body != null && !body.isEmpty() && type != null) {
            if (type.startsWith("application/x-www-form-urlencoded")) {
                decodeInto(body, params);
            } else if (type.contains("json") && body.strip().startsWith("{")) {
                JSON.readTree(body).properties().forEach(e -> {
                    if (e.getValue().isValueNode()) {
                        params.put(e.getKey(), e.getValue().asString());
                    }
                });
            }
        }
        return params;
    }

    private static void decodeInto(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            into.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
        return values;
    }
}
