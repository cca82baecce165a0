package dev.evident.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export benchmark's data: a Type II program over six months and its evidence, uploaded through
 * the API in parallel as PDF-looking files of seeded random bytes, each dated within the period.
 */
final class ExportSeeder {

    private final BenchClient client;
    private final HttpClient http;
    private final String base;
    private final String token;
    private final PrintStream out;

    ExportSeeder(BenchClient client, HttpClient http, String base, String token, PrintStream out) {
        this.client = client;
        this.http = http;
        this.base = base;
        this.token = token;
        this.out = out;
    }

    /** Creates the program and uploads {@code files} items of {@code total} bytes in all; returns the program id. */
    String seed(int files, long total, int uploaders) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = today.minusMonths(6).withDayOfMonth(1);
        String program = """
                {"name":"Export bench","reportType":"TYPE_2","periodStart":"%s","periodEnd":"%s",
                 "categories":[{"id":"availability","included":true},{"id":"processing-integrity","included":true},
                 {"id":"confidentiality","included":true},{"id":"privacy","included":true}]}""".formatted(start, start.plusYears(1).minusDays(1));
        BenchClient.Response created = client.post("/api/v1/programs", program);
        if (created.status() != 201) {
            throw new IllegalStateException("program: " + created.status() + " " + created.body());
        }
        String programId = (String) created.json().get("id");
        long each = total / files;
        ExecutorService pool = Executors.newFixedThreadPool(uploaders);
        try {
            List<Future<?>> done = new ArrayList<>();
            AtomicLong uploaded = new AtomicLong();
            for (int i = 0; i < files; i++) {
                int n = i;
                long size = n == files - 1 ? total - each * (files - 1) : each;
                LocalDate day = start.plusDays(n % 180);
                done.add(pool.submit(() -> {
                    upload(programId, n, size, day);
                    long count = uploaded.incrementAndGet();
                    if (count % 1000 == 0) {
                        out.printf(Locale.ROOT, "  %d files uploaded%n", count);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return programId;
    }

    private void upload(String programId, int n, long size, LocalDate day)
            throws IOException, InterruptedException {
        String boundary = "----evident-bench-" + n;
        String metadata = "{\"title\":\"Bench evidence " + n + "\",\"effectiveFrom\":\"" + day + "\",\"programIds\":[\""
                + programId + "\"]}";
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) size + 1024);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evidence-" + n + ".pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] content = new byte[(int) size];
        new SplittableRandom(n * 7919L + 1).nextBytes(content);
        byte[] header = ("%PDF-1.7\n% bench " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, content, 0, Math.min(header.length, content.length));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/evidence"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("upload " + n + ": " + response.statusCode() + " " + response.body());
        }
    }
}
