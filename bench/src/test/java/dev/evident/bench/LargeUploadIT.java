package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads at the edges, against the packaged jar: a 1 GiB file through a server with a 256 MB heap
 * (the body is generated as it is sent, never held whole by either side), and an over-size body
 * refused with 413 before the server has read it.
 */
class LargeUploadIT {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;

    static Map<String, Object> metadata(String title) {
        return Map.of("title", title, "effectiveFrom", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
    }

    @Test
    void aGigabyteStreamsInAndOutOfAServerWithA256MegabyteHeap(@TempDir Path dir) throws Exception {
        try (EvidentServer server = new EvidentServer(EvidentServer.packagedJar(), dir, EvidentServer.Database.h2File(),
                List.of("-Xmx256m", "-Devident.evidence.max-upload-size=" + (2 * GIB)), Map.of())) {
            server.start();
            EvidenceHttp http = new EvidenceHttp(server.baseUrl(), EvidentServer.TOKEN);
            http.createProgram("SOC 2 large uploads");
            long size = GIB + 12_345;
            EvidenceHttp.GeneratedContent content = new EvidenceHttp.GeneratedContent(size, 1);
            long begin = System.nanoTime();
            EvidenceHttp.Response created = http.upload("disk-image.bin", metadata("Restore test image"), content, size,
                    "gigabyte-1");
            double upSeconds = (System.nanoTime() - begin) / 1e9;
            assertThat(created.status()).as(created.body() + "\n" + server.logTail(40)).isEqualTo(201);
            String sha = content.sha256();
            assertThat(created.json().get("sha256")).isEqualTo(sha);
            assertThat(((Number) created.json().get("size")).longValue()).isEqualTo(size);

            begin = System.nanoTime();
            EvidenceHttp.Download download = http.download("/api/v1/evidence/" + created.json().get("id") + "/content");
            double downSeconds = (System.nanoTime() - begin) / 1e9;
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.size()).isEqualTo(size);
            assertThat(download.sha256()).isEqualTo(sha);
            System.out.printf(Locale.ROOT, "[large upload] 1 GiB with -Xmx256m: up %.1f s (%.0f MB/s), down %.1f s (%.0f MB/s)%n",
                    upSeconds, size / 1e6 / upSeconds, downSeconds, size / 1e6 / downSeconds);

            try (Stream<Path> staging = Files.list(server.dataDir().resolve("evidence").resolve(".staging"))) {
                assertThat(staging).as("nothing left in staging").isEmpty();
            }
            assertThat(server.stop().forced()).isFalse();
        }
    }

    @Test
    void anOversizeBodyIsRefusedWith413BeforeTheServerReadsIt(@TempDir Path dir) throws Exception {
        try (EvidentServer server = new EvidentServer(EvidentServer.packagedJar(), dir, EvidentServer.Database.h2File(),
                List.of("-Xmx256m"), Map.of())) {
            server.start();

            // Declared too large: refused from the headers alone. The server answers 413 and hangs up after
            // swallowing at most a little (server.tomcat.max-swallow-size), far from the declared 200 MiB.
            Refusal declared = send(server.port(), "Content-Length: " + 200 * MIB, 200 * MIB, false);
            assertThat(declared.response()).startsWith("HTTP/1.1 413");
            assertThat(declared.response().toLowerCase(Locale.ROOT)).contains("connection: close");
            assertThat(declared.response()).contains("payload-too-large").contains("evident.evidence.max-upload-size");
            assertThat(declared.sent()).as("bytes the client got to send of the declared 200 MiB").isLessThan(32 * MIB);

            // Chunked, no length: the server reads up to the 100 MB limit, answers 413 and hangs up.
            Refusal chunked = send(server.port(), "Transfer-Encoding: chunked", 1024 * MIB, true);
            assertThat(chunked.response()).startsWith("HTTP/1.1 413");
            assertThat(chunked.response()).contains("payload-too-large");
            assertThat(chunked.sent()).as("bytes the client got to send of the 1 GiB it would have sent")
                    .isLessThan(200 * MIB);
            assertThat(server.stop().forced()).isFalse();
        }
    }

    record Refusal(String response, long sent) {
    }

    /**
     * Sends a multipart upload of up to {@code total} body bytes on a raw socket while reading the
     * answer; returns the answer (read until the server closes the connection) and how much of the
     * body the client managed to send before the server hung up.
     */
    private static Refusal send(int port, String lengthHeader, long total, boolean chunked) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers(port, lengthHeader).getBytes(StandardCharsets.US_ASCII));
            byte[] preamble = ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] block = new byte[256 * 1024];
                try {
                    write(out, preamble, chunked);
                    sent.addAndGet(preamble.length);
                    while (sent.get() + block.length <= total) {
                        write(out, block, chunked);
                        sent.addAndGet(block.length);
                    }
                } catch (IOException closedByServer) {
                    // expected: the server hung up
                }
            });
            String response = readAll(socket.getInputStream());
            socket.shutdownOutput();
            writer.get(60, TimeUnit.SECONDS);
            return new Refusal(response, sent.get());
        }
    }

    private static void write(OutputStream out, byte[] data, boolean chunked) throws IOException {
        if (chunked) {
            writeChunk(out, data);
        } else {
            out.write(data);
        }
    }

    private static String headers(int port, String lengthHeader) {
        return "POST /api/v1/evidence HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + EvidentServer.TOKEN + "\r\n"
                + "Accept: application/json, application/problem+json\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\n" + lengthHeader + "\r\n\r\n";
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads until the server closes the connection: a refused upload must end with the server hanging up. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                response.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset after the answer is a hang-up too
        }
        return response.toString(StandardCharsets.UTF_8);
    }
}
