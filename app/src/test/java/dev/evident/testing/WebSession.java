package dev.evident.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP session that drives the server-rendered UI like a browser without
 * JavaScript: fetch a page, read its CSRF token, post a form. Redirects are not followed, so tests
 * can assert where the server sends the user.
 */
public class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public record Page(int status, String body, String location) {
        public boolean redirectsTo(String path) {
            return location != null && (location.equals(path) || location.endsWith(path));
        }
    }

    /** A file answered to a signed-in browser: status, headers and the exact bytes. */
    public record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final String baseUrl;
    private String lastCsrf;

    public WebSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Page get(String path) {
        Page page = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        Matcher m = CSRF.matcher(page.body());
        if (m.find()) {
            lastCsrf = m.group(1);
        }
        return page;
    }

    /** Posts a form with the CSRF token of the last page fetched (fetch the form's page first). */
    public Page post(String path, Map<String, String> fields) {
        return postAll(path, List.copyOf(fields.entrySet()));
    }

    /** Posts a form with extra request headers (HX-Request, as htmx sends), with the CSRF token. */
    public Page post(String path, Map<String, String> fields, Map<String, String> headers) {
        return postAll(path, List.copyOf(fields.entrySet()), headers);
    }

    /** Posts a form whose fields may repeat (a group of checkboxes), in the given order, with the CSRF token. */
    public Page postAll(String path, List<Map.Entry<String, String>> fields) {
        return postAll(path, fields, Map.of());
    }

    private Page postAll(String path, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (lastCsrf != null && all.stream().noneMatch(e -> e.getKey().equals("_csrf"))) {
            all.add(Map.entry("_csrf", lastCsrf));
        }
        String form = all.stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * Posts a multipart form with one file, as a browser's file upload does, with the CSRF token of the
     * last page fetched.
     */
    public Page postFile(String path, String field, String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "----evident-test-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (lastCsrf != null) {
            all.putIfAbsent("_csrf", lastCsrf);
        }
        all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/yaml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** One file of a multipart form. */
    public record FilePart(String field, String fileName, String contentType, byte[] content) {
    }

    /**
     * Posts a multipart form with any number of fields (which may repeat) and files, with the CSRF token of
     * the last page fetched, and extra headers (such as {@code Accept}).
     */
    public Page postMultipart(String path, List<Map.Entry<String, String>> fields, List<FilePart> files,
                              Map<String, String> headers) {
        String boundary = "----evident-test-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        List<Map.Entry<String, String>> all = new ArrayList<>();
        if (lastCsrf != null && fields.stream().noneMatch(e -> e.getKey().equals("_csrf"))) {
            all.add(Map.entry("_csrf", lastCsrf));
        }
        all.addAll(fields);
        all.forEach(e -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (FilePart f : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field() + "\"; filename=\""
                    + f.fileName() + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::header);
        return send(request);
    }

    /** Posts a form (with the CSRF token of the last page fetched) whose answer is a file, such as a zip. */
    public Download postForDownload(String path, Map<String, String> fields) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields.entrySet());
        if (lastCsrf != null && !fields.containsKey("_csrf")) {
            all.add(Map.entry("_csrf", lastCsrf));
        }
        String form = all.stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET with extra request headers, such as htmx's {@code HX-Request}. */
    public Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    public Page signIn(String email, String password) {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }

    /** Fetches a file (CSV, XLSX, …) with this session's cookies. */
    public Download download(String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public java.net.HttpCookie cookieObject(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
