package dev.evident.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3Mock ({@code com.adobe.testing:s3mock:<version>:exec}) in its own process, one for the
 * whole test run. S3Mock is itself a Spring Boot application; running it in the test JVM next to
 * Evident's Spring Boot would mix two applications' versions on one class path, so it runs as
 * {@code java -jar} on a free loopback port with the bucket {@value #BUCKET} created at start.
 *
 * <p>The jar is copied to {@code app/target/s3mock/} by the build (maven-dependency-plugin) and
 * named by the system property {@code s3mock.jar}. There is no skipping: if the jar is missing or
 * the server does not become ready, the tests that use it fail with the reason and S3Mock's log.
 *
 * <p>Use it as an extension ({@code @ExtendWith(S3MockServer.class)}, which starts it before the
 * class) and hand its settings to Spring with {@link #register(DynamicPropertyRegistry)}; both
 * start the shared server on first use, and a shutdown hook ends it when the test JVM exits.
 */
public final class S3MockServer implements BeforeAllCallback {

    public static final String BUCKET = "evidence-test";
    public static final String ACCESS_KEY = "s3mock-access";
    public static final String SECRET_KEY = "s3mock-secret";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static Instance shared;

    /** The running server: its endpoint, process and log. */
    public record Instance(String endpoint, Process process, Path log) {
        public S3Client client() {
            return S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.US_EAST_1)
                    .endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .build();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        instance();
    }

    /** The shared server, started on first call. */
    public static synchronized Instance instance() {
        if (shared == null) {
            shared = start();
        } else if (!shared.process().isAlive()) {
            throw new IllegalStateException("S3Mock exited with code " + shared.process().exitValue() + "; its log:\n"
                    + tail(shared.log()));
        }
        return shared;
    }

    /** Points Evident's evidence store at the shared S3Mock (path-style, static credentials). */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("evident.evidence.store", () -> "s3");
        registry.add("evident.evidence.s3.endpoint", () -> instance().endpoint());
        registry.add("evident.evidence.s3.bucket", () -> BUCKET);
        registry.add("evident.evidence.s3.region", () -> "us-east-1");
        registry.add("evident.evidence.s3.path-style", () -> "true");
        registry.add("evident.evidence.s3.access-key", () -> ACCESS_KEY);
        registry.add("evident.evidence.s3.secret-key", () -> SECRET_KEY);
    }

    static Path jar() {
        String configured = System.getProperty("s3mock.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "s3mock").toAbsolutePath();
        if (Files.isDirectory(jar)) {
            try (var files = Files.list(jar)) {
                jar = files.filter(f -> f.getFileName().toString().matches("s3mock-.*-exec\\.jar")).findFirst().orElse(jar);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The S3Mock server jar is missing (" + jar + "). The build copies "
                    + "com.adobe.testing:s3mock:exec to app/target/s3mock/ in generate-test-resources: run the tests with "
                    + "Maven (./mvnw -pl app -am test -Dtest=...), or set -Ds3mock.jar=/path/to/s3mock-exec.jar");
        }
        return jar;
    }

    private static Instance start() {
        Path jar = jar();
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("s3mock-");
            Path root = Files.createDirectories(dir.resolve("root"));
            Path log = dir.resolve("s3mock.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--server.port=0", // the HTTPS connector on any free port; the tests use plain HTTP
                    "--http.port=" + port,
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
                    "--spring.main.banner-mode=off"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SERVER_"));
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-s3mock"));
            String endpoint = "http://127.0.0.1:" + port;
            awaitReady(process, endpoint, log);
            return new Instance(endpoint, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start S3Mock from " + jar + ": " + e.getMessage(), e);
        }
    }

    /** Ready when listing the initial bucket answers 200 (it exists only once start-up has finished). */
    private static void awaitReady(Process process, String endpoint, Path log) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with code " + process.exitValue() + " during start-up; its log:\n"
                        + tail(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/" + BUCKET + "?max-keys=1").toURL()
                        .openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                int status = c.getResponseCode();
                c.disconnect();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                stop(process);
                throw new IllegalStateException("S3Mock was not ready at " + endpoint + " after " + READY_TIMEOUT.toSeconds()
                        + " s; its log:\n" + tail(log));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                throw new IllegalStateException("interrupted while waiting for S3Mock", e);
            }
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
