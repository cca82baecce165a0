package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the packaged jar in the middle of work, then a restart on the same data folder and
 * database: nothing partial is visible, the ledger verifies (content included), staging is clean,
 * and retries do not duplicate. Each case is a {@link Scenario}; {@link #crash} runs the common
 * part, so a new case (the audit-package export, say) is a scenario and two test methods.
 */
class CrashRecoveryIT {

    /** One crash case: work the harness kills the server under, and what must hold after the restart. */
    interface Scenario {
        /** Runs before the work, on the first server (creates a program, say). */
        default void prepare(EvidenceHttp api) throws Exception {
        }

        /**
         * Starts the work and calls {@code crash.now()} at the moment the server must die; it returns
         * once the process is gone. Whatever the work was doing then must fail on the client side.
         */
        void interrupt(EvidenceHttp api, Crash crash) throws Exception;

        /** Checks on the restarted server, beyond the common ones (ledger verifies, staging is empty). */
        void afterRestart(EvidenceHttp api, EvidentServer server) throws Exception;
    }

    /** Kills the server: SIGKILL, no shutdown hooks. */
    interface Crash {
        void now();
    }

    // ---- the cases ----

    @Test
    void killedDuringAnUploadOnPostgres(@TempDir Path dir) throws Exception {
        crash(postgres(), dir, new InterruptedUpload());
    }

    @Test
    void killedDuringAnUploadOnH2File(@TempDir Path dir) throws Exception {
        crash(EvidentServer.Database.h2File(), dir, new InterruptedUpload());
    }

    @Test
    void killedDuringABatchIngestOnPostgres(@TempDir Path dir) throws Exception {
        crash(postgres(), dir, new InterruptedBatches());
    }

    @Test
    void killedDuringABatchIngestOnH2File(@TempDir Path dir) throws Exception {
        crash(EvidentServer.Database.h2File(), dir, new InterruptedBatches());
    }

    @Test
    void killedDuringAnExportOnPostgres(@TempDir Path dir) throws Exception {
        crash(postgres(), dir, new InterruptedExport());
    }

    @Test
    void killedDuringAnExportOnH2File(@TempDir Path dir) throws Exception {
        crash(EvidentServer.Database.h2File(), dir, new InterruptedExport());
    }

    // ---- the harness ----

    static EvidentServer.Database postgres() throws Exception {
        String url = System.getenv("EVIDENT_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but EVIDENT_TEST_DB_URL is not set: the PostgreSQL crash tests must run in CI");
            }
            Assumptions.abort("EVIDENT_TEST_DB_URL is not set (PostgreSQL tests run in CI)");
        }
        String user = System.getenv().getOrDefault("EVIDENT_TEST_DB_USERNAME", "postgres");
        return EvidentServer.Database.postgres(url, user);
    }

    static void crash(EvidentServer.Database database, Path dir, Scenario scenario) throws Exception {
        try (database; EvidentServer server = new EvidentServer(EvidentServer.packagedJar(), dir, database,
                List.of("-Xmx256m"), Map.of())) {
            server.start();
            EvidenceHttp before = new EvidenceHttp(server.baseUrl(), EvidentServer.TOKEN);
            scenario.prepare(before);
            AtomicInteger kills = new AtomicInteger();
            scenario.interrupt(before, () -> {
                server.kill();
                kills.incrementAndGet();
            });
            assertThat(kills.get()).as("the scenario crashed the server").isEqualTo(1);

            server.start();
            EvidenceHttp after = new EvidenceHttp(server.baseUrl(), EvidentServer.TOKEN);
            Path stagingDir = server.dataDir().resolve("evidence").resolve(".staging");
            if (Files.exists(stagingDir)) {
                try (Stream<Path> staging = Files.list(stagingDir)) {
                    assertThat(staging).as("half-received uploads are cleared at start").isEmpty();
                }
            }
            assertVerifies(after);
            scenario.afterRestart(after, server);
            assertVerifies(after);
            assertThat(server.stop().forced()).isFalse();
        }
    }

    static void assertVerifies(EvidenceHttp api) throws Exception {
        EvidenceHttp.Response report = api.get("/api/v1/evidence/ledger/verify?content=true");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("valid")).as(report.body()).isEqualTo(true);
    }

    static long ledgerEntries(EvidenceHttp api) throws Exception {
        return ((Number) api.get("/api/v1/evidence/ledger").json().get("entries")).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> evidence(EvidenceHttp api) throws Exception {
        return (List<Map<String, Object>>) api.get("/api/v1/evidence?limit=100").json().get("items");
    }

    static String lastMonth() {
        return LocalDate.now(ZoneOffset.UTC).minusMonths(1).toString();
    }

    /** kill -9 after 24 MiB of an 80 MiB upload have gone out; then the upload is retried with and without its key. */
    static final class InterruptedUpload implements Scenario {
        private static final long SIZE = 80L * 1024 * 1024; // under the default 100 MB limit
        private static final long SEED = 7;
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        @Override
        public void prepare(EvidenceHttp api) throws Exception {
            String program = api.createProgram("SOC 2 crash");
            metadata.put("title", "Database backup restore test");
            metadata.put("effectiveFrom", lastMonth());
            metadata.put("programIds", List.of(program));
        }

        @Override
        public void interrupt(EvidenceHttp api, Crash crash) throws Exception {
            EvidenceHttp.GeneratedContent content = new EvidenceHttp.GeneratedContent(SIZE, SEED, 24L * 1024 * 1024);
            CompletableFuture<EvidenceHttp.Response> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.upload("restore.bin", metadata, content, SIZE, "restore-2026-q3");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!content.awaitPause(Duration.ofMillis(200))) {
                if (upload.isDone()) {
                    throw new AssertionError("the upload ended before the crash point: " + describe(upload));
                }
                assertThat(System.nanoTime()).as("the upload got under way").isLessThan(deadline);
            }
            crash.now();
            content.resume();
            assertThatThrownBy(() -> upload.get(2, TimeUnit.MINUTES)).as("the client sees the upload fail")
                    .isInstanceOf(ExecutionException.class);
        }

        private static String describe(CompletableFuture<EvidenceHttp.Response> upload) {
            try {
                EvidenceHttp.Response r = upload.join();
                return r.status() + " " + r.body();
            } catch (RuntimeException e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                return trace.toString();
            }
        }

        @Override
        public void afterRestart(EvidenceHttp api, EvidentServer server) throws Exception {
            assertThat(evidence(api)).as("no item for the interrupted upload").isEmpty();
            assertThat(ledgerEntries(api)).isZero();
            try (Stream<Path> blobs = Files.exists(server.dataDir().resolve("evidence").resolve("blobs"))
                    ? Files.walk(server.dataDir().resolve("evidence").resolve("blobs")).filter(Files::isRegularFile)
                    : Stream.empty()) {
                assertThat(blobs).as("no content stored for it").isEmpty();
            }

            String sha = EvidenceHttp.GeneratedContent.sha256Of(SIZE, SEED);
            EvidenceHttp.Response retried = api.upload("restore.bin", metadata, new EvidenceHttp.GeneratedContent(SIZE, SEED),
                    SIZE, "restore-2026-q3");
            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(retried.json().get("sha256")).isEqualTo(sha);
            EvidenceHttp.Response again = api.upload("restore.bin", metadata, new EvidenceHttp.GeneratedContent(SIZE, SEED),
                    SIZE, "restore-2026-q3");
            assertThat(again.status()).as("the same key again: the item made the first time").isEqualTo(200);
            assertThat(again.json().get("id")).isEqualTo(retried.json().get("id"));
            EvidenceHttp.Response unkeyed = api.upload("restore.bin", metadata, new EvidenceHttp.GeneratedContent(SIZE, SEED),
                    SIZE, null);
            assertThat(unkeyed.status()).as("no key, same content, title and interval: the same evidence").isEqualTo(200);
            assertThat(unkeyed.json().get("id")).isEqualTo(retried.json().get("id"));
            assertThat(evidence(api)).hasSize(1);
            EvidenceHttp.Download download = api.download("/api/v1/evidence/" + retried.json().get("id") + "/content");
            assertThat(download.sha256()).isEqualTo(sha);
        }
    }

    /**
     * Batches of 1,000 records posted back to back; kill -9 while one is in flight. Each batch is
     * all or nothing: after the restart every batch is wholly present or wholly absent, and
     * sending the interrupted one again stores it exactly once.
     */
    static final class InterruptedBatches implements Scenario {
        private static final int BATCH = 1000;
        private static final int BATCHES_BEFORE_CRASH = 4;
        private volatile int acknowledged;
        private volatile int attempted;

        static List<Map<String, Object>> batch(int number) {
            List<Map<String, Object>> records = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("user", "user-" + number + "-" + i);
                data.put("mfaEnabled", i % 7 != 0);
                data.put("lastLogin", "2026-10-0" + (1 + i % 9));
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("title", "MFA status of user-" + number + "-" + i);
                record.put("data", data);
                record.put("effectiveFrom", lastMonth());
                record.put("connector", "okta");
                record.put("query", "GET /api/v1/users?filter=status eq \"ACTIVE\"");
                record.put("idempotencyKey", "okta-" + number + "-" + i);
                records.add(record);
            }
            return records;
        }

        @Override
        public void prepare(EvidenceHttp api) throws Exception {
            api.createProgram("SOC 2 crash");
        }

        @Override
        public void interrupt(EvidenceHttp api, Crash crash) throws Exception {
            CountDownLatch inFlight = new CountDownLatch(1);
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> {
                try {
                    for (int b = 0; ; b++) {
                        List<Map<String, Object>> records = batch(b);
                        attempted = b + 1;
                        if (b == BATCHES_BEFORE_CRASH) {
                            inFlight.countDown();
                        }
                        EvidenceHttp.Response response = api.post("/api/v1/evidence/records", Map.of("records", records));
                        if (response.status() != 201) {
                            throw new IllegalStateException("batch " + b + " answered " + response.status() + ": "
                                    + response.body());
                        }
                        acknowledged = b + 1;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(inFlight.await(5, TimeUnit.MINUTES)).as("the first batches went through").isTrue();
            Thread.sleep(150); // into the batch: parsing, validating or writing it
            crash.now();
            assertThatThrownBy(() -> ingest.get(2, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class);
            assertThat(acknowledged).isGreaterThanOrEqualTo(BATCHES_BEFORE_CRASH);
        }

        @Override
        public void afterRestart(EvidenceHttp api, EvidentServer server) throws Exception {
            long stored = ledgerEntries(api);
            assertThat(stored % BATCH).as("whole batches only: %d records stored", stored).isZero();
            assertThat(stored / BATCH).as("every acknowledged batch is there; the one in flight may be")
                    .isBetween((long) acknowledged, (long) attempted);
            for (int b = 0; b < attempted; b++) {
                EvidenceHttp.Response again = api.post("/api/v1/evidence/records", Map.of("records", batch(b)));
                Map<String, Object> result = again.json();
                long fresh = ((Number) result.get("stored")).longValue();
                long existing = ((Number) result.get("existing")).longValue();
                assertThat(fresh + existing).isEqualTo(BATCH);
                assertThat(fresh).as("batch %d after the restart: all there or none", b).isIn(0L, (long) BATCH);
                if (b < acknowledged) {
                    assertThat(existing).as("acknowledged batch %d", b).isEqualTo(BATCH);
                }
            }
            assertThat(ledgerEntries(api)).as("each batch exactly once after the retries").isEqualTo((long) attempted * BATCH);
            EvidenceHttp.Response replay = api.post("/api/v1/evidence/records", Map.of("records", batch(attempted - 1)));
            assertThat(((Number) replay.json().get("existing")).longValue()).isEqualTo(BATCH);
            assertThat(ledgerEntries(api)).isEqualTo((long) attempted * BATCH);
        }
    }

    /**
     * An audit package of 12 files (96 MiB) is being downloaded; kill -9 once 16 MiB have arrived.
     * The client must see the download break (never a short zip that looks whole); after the
     * restart the evidence is unchanged, the audit log still verifies, and a new export is a
     * package the offline verifier accepts.
     */
    static final class InterruptedExport implements Scenario {
        private static final int FILES = 12;
        private static final long FILE_SIZE = 8L * 1024 * 1024;
        private static final long CRASH_AFTER = 16L * 1024 * 1024;
        private String program;

        @Override
        public void prepare(EvidenceHttp api) throws Exception {
            program = api.createProgram("SOC 2 export crash");
            for (int i = 0; i < FILES; i++) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("title", "Nightly backup log " + (i + 1));
                metadata.put("effectiveFrom", lastMonth());
                metadata.put("programIds", List.of(program));
                EvidenceHttp.Response stored = api.upload("backup-" + (i + 1) + ".bin", metadata,
                        new EvidenceHttp.GeneratedContent(FILE_SIZE, 100 + i), FILE_SIZE, null);
                assertThat(stored.status()).as(stored.body()).isEqualTo(201);
            }
        }

        @Override
        public void interrupt(EvidenceHttp api, Crash crash) throws Exception {
            java.net.http.HttpResponse<java.io.InputStream> response = api.postForStream(
                    "/api/v1/programs/" + program + "/audit-package");
            assertThat(response.statusCode()).isEqualTo(200);
            long received = 0;
            byte[] buffer = new byte[1 << 16];
            try (java.io.InputStream in = response.body()) {
                while (received < CRASH_AFTER) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        throw new AssertionError("the package ended after " + received + " bytes, before the crash point");
                    }
                    received += n;
                }
                crash.now();
                assertThatThrownBy(() -> {
                    while (in.read(buffer) >= 0) {
                        // drain what was in flight; the end must be an error, not a clean end of stream
                    }
                }).as("a package cut off by the crash is an error for the client, not a short download")
                        .isInstanceOf(java.io.IOException.class);
            }
        }

        @Override
        public void afterRestart(EvidenceHttp api, EvidentServer server) throws Exception {
            assertThat(evidence(api)).as("the export changed no evidence").hasSize(FILES);
            EvidenceHttp.Response auditLog = api.get("/api/v1/audit-log/verify");
            assertThat(auditLog.status()).isEqualTo(200);
            assertThat(auditLog.json().get("valid")).as(auditLog.body()).isEqualTo(true);

            Path zip = server.dataDir().resolveSibling("package-after-restart.zip");
            java.net.http.HttpResponse<java.io.InputStream> response = api.postForStream(
                    "/api/v1/programs/" + program + "/audit-package");
            assertThat(response.statusCode()).isEqualTo(200);
            try (java.io.InputStream in = response.body()) {
                Files.copy(in, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            dev.evident.verifier.PackageVerifier.Result result = dev.evident.verifier.PackageVerifier.verify(zip, null);
            assertThat(result.problems()).as("the offline verifier's findings").isEmpty();
            assertThat(result.valid()).isTrue();
            assertThat(result.summary().items()).isEqualTo(FILES);
            Files.delete(zip);
        }
    }
}
