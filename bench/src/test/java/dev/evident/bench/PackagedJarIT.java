package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the jar that ships, {@code app/target/evident.jar}, exactly as a newcomer does
 * ({@code java -jar evident.jar}), and walks the first minutes: the setup code from the log,
 * setup, every main page, the API documentation, and a clean shutdown. The Spring tests run
 * the application in-process; this test covers what only the packaged jar has (its
 * ahead-of-time-processed context, the nested-jar launcher, resources and web jars).
 */
class PackagedJarIT {

    private static final Pattern SETUP_CODE = Pattern.compile("setup code:\\s+([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void theShippedJarStartsSetsUpAndServesEveryPage(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("evident.jar", "../app/target/evident.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("build the app first: ./mvnw verify packages it before this test").exists();
        int port = EvidentProcess.freeLoopbackPort();
        Path log = dir.resolve("evident.log");
        try (EvidentProcess app = EvidentProcess.start(
                EvidentProcess.command(Path.of(System.getProperty("java.home"), "bin", "java").toString(), List.of(), jar),
                Map.of("EVIDENT_DATA_DIR", dir.resolve("data").toString(), "SERVER_PORT", Integer.toString(port)),
                dir, log)) {
            HttpClient probe = HttpClient.newHttpClient();
            app.awaitReady(probe, port, Duration.ofSeconds(120));
            String output = Files.readString(log);
            assertThat(output).contains("AOT-processed");
            Matcher code = SETUP_CODE.matcher(output);
            assertThat(code.find()).as("the log prints the setup code:\n" + output).isTrue();

            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String base = "http://127.0.0.1:" + port;
            String setupPage = get(browser, base + "/setup").body();
            Matcher csrf = CSRF.matcher(setupPage);
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> setup = post(browser, base + "/setup", Map.of("_csrf", csrf.group(1),
                    "setupCode", code.group(1), "organizationName", "Smoke Test Ltd", "displayName", "Smoke Admin",
                    "email", "smoke@example.com", "password", "granite river lantern 42"));
            assertThat(setup.statusCode()).isEqualTo(302);
            assertThat(setup.headers().firstValue("Location").orElse("")).endsWith("/");

            for (String page : List.of("/", "/members", "/invitations", "/tokens", "/audit-log", "/profile", "/settings",
                    "/organizations/new", "/api/problems", "/api/openapi.json", "/webjars/htmx.org/dist/htmx.min.js",
                    "/css/evident.css")) {
                HttpResponse<String> response = get(browser, base + page);
                assertThat(response.statusCode()).as(page).isEqualTo(200);
            }
            assertThat(get(browser, base + "/").body()).contains("Smoke Test Ltd");
            assertThat(get(browser, base + "/api/docs").statusCode()).isEqualTo(302);

            var stop = app.stop();
            assertThat(stop.forced()).as("graceful shutdown").isFalse();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
