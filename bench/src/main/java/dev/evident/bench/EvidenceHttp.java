package dev.evident.bench;

import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The evidence API over plain HTTP, streaming: multipart uploads of generated content, downloads hashed on the fly. */
final class EvidenceHttp {

    record Response(int status, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }
    }

    /** A download that was hashed as it arrived and never held whole. */
    record Download(int status, long size, String sha256) {
    }

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    EvidenceHttp(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * {@code size} bytes of deterministic pseudo-random content made on the fly as it is read (1 MiB
     * of random bytes with the block number stamped into each block), hashed as it goes, so a
     * gigabyte costs neither a gigabyte of memory nor a file. Optionally pauses once {@code pauseAt}
     * bytes have been read, until {@link #resume()} — so a test can kill the server mid-upload.
     */
    static final class GeneratedContent extends InputStream {
        private static final int BLOCK = 1 << 20;
        private final byte[] block = new byte[BLOCK];
        private final long size;
        private final MessageDigest sha;
        private final long pauseAt;
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch resume = new CountDownLatch(1);
        private long position;

        GeneratedContent(long size, long seed) {
            this(size, seed, -1);
        }

        GeneratedContent(long size, long seed, long pauseAt) {
            this.size = size;
            this.pauseAt = pauseAt;
            new Random(seed).nextBytes(block);
            this.sha = newSha256();
        }

        /** The SHA-256 of the whole content, computed without reading it (a second instance does the reading). */
        static String sha256Of(long size, long seed) throws IOException {
            try (GeneratedContent content = new GeneratedContent(size, seed)) {
                byte[] buffer = new byte[BLOCK];
                while (content.read(buffer) >= 0) {
                    // hashed as read
                }
                return content.sha256();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= size) {
                return -1;
            }
            if (pauseAt >= 0 && position >= pauseAt && paused.getCount() > 0) {
                paused.countDown();
                try {
                    resume.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            long blockNumber = position / BLOCK;
            int inBlock = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(length, BLOCK - inBlock), size - position);
            if (pauseAt >= 0 && position < pauseAt) {
                n = (int) Math.min(n, pauseAt - position);
            }
            stamp(blockNumber);
            System.arraycopy(block, inBlock, buffer, offset, n);
            sha.update(buffer, offset, n);
            position += n;
            return n;
        }

        private void stamp(long blockNumber) {
            for (int i = 0; i < 8; i++) {
                block[i] = (byte) (blockNumber >>> (8 * i));
            }
        }

        /** Blocks until the reader has reached the pause point; false if it did not within the timeout. */
        boolean awaitPause(Duration timeout) throws InterruptedException {
            return paused.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void resume() {
            resume.countDown();
        }

        long position() {
            return position;
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /**
     * POST /api/v1/evidence with a fixed Content-Length: the metadata part, then the file part read
     * from {@code content} as the request goes out.
     */
    Response upload(String fileName, Map<String, Object> metadata, InputStream content, long size, String idempotencyKey)
            throws IOException, InterruptedException {
        String boundary = "----evident-bench-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + CanonicalJson.encode(metadata) + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + size + tail.length;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                () -> new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head), content,
                        new ByteArrayInputStream(tail))))), length);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/evidence"))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** GET a path, hashing the body as it streams in. */
    Download download(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha = newSha256();
        long size = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        return new Download(response.statusCode(), size, HexFormat.of().formatHex(sha.digest()));
    }

    /** POST without a body, answering the response as a stream the caller reads at its own pace. */
    HttpResponse<InputStream> postForStream(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    Response get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/problem+json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    Response post(String path, Object json) throws IOException, InterruptedException {
        return postJson(path, CanonicalJson.encode(json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Posts a body encoded beforehand, so a benchmark's timed loop does not include building it. */
    Response postJson(String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /**
     * Creates a Type II program whose period covers the last six months and the next six (evidence
     * must fall in a program's period) and returns its id.
     */
    String createProgram(String name) throws IOException, InterruptedException {
        java.time.LocalDate start = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(6).withDayOfMonth(1);
        List<Map<String, Object>> categories = new java.util.ArrayList<>();
        categories.add(Map.of("id", "availability", "included", true));
        for (String id : List.of("processing-integrity", "confidentiality", "privacy")) {
            categories.add(Map.of("id", id, "included", false, "exclusionReason", "Not in the commitments of this benchmark"));
        }
        Response created = post("/api/v1/programs", Map.of("name", name, "reportType", "TYPE_2",
                "periodStart", start.toString(), "periodEnd", start.plusMonths(12).minusDays(1).toString(),
                "categories", categories));
        if (created.status() != 201) {
            throw new IllegalStateException("creating the program answered " + created.status() + ": " + created.body());
        }
        return (String) created.json().get("id");
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
