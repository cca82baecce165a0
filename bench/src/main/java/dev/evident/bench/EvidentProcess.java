package dev.evident.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar evident.jar} child process. Closing it always ends the process, so a failed or
 * interrupted benchmark never leaves an application running; a shutdown hook covers Ctrl-C.
 */
final class EvidentProcess implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(EvidentProcess::kill), "kill-children"));
    }

    private final Process process;
    private final long startNanos;
    private final Path log;

    private EvidentProcess(Process process, long startNanos, Path log) {
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
    }

    /** Starts the jar in {@code workDir} with the given extra environment; its output goes to {@code log}. */
    static EvidentProcess start(List<String> command, Map<String, String> env, Path workDir, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The parent's own EVIDENT_*/SPRING_*/SERVER_* settings would make runs differ from a plain start.
        builder.environment().keySet().removeIf(k -> k.startsWith("EVIDENT_") || k.startsWith("SPRING_")
                || k.startsWith("SERVER_") || k.startsWith("MANAGEMENT_"));
        builder.environment().putAll(env);
        long startNanos = System.nanoTime();
        Process process = builder.start();
        LIVE.add(process);
        return new EvidentProcess(process, startNanos, log);
    }

    static List<String> command(String java, List<String> javaOpts, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOpts);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return command;
    }

    /** A port nobody listens on right now, on the loopback interface. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** CPU time the process has used so far, all threads. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    long pid() {
        return process.pid();
    }

    /**
     * Polls the readiness probe every 50 ms until it answers 200 with status UP and returns the time
     * since the process was started. Fails if the process dies or the deadline passes.
     */
    Duration awaitReady(HttpClient http, int port, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = startNanos + timeout.toNanos();
        long nextPoll = System.nanoTime();
        while (true) {
            if (probeIsUp(http, request)) {
                return Duration.ofNanos(System.nanoTime() - startNanos);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with code " + process.exitValue()
                        + " before it was ready; last log lines:\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s; last log lines:\n"
                        + logTail(40));
            }
            nextPoll += POLL_INTERVAL.toNanos();
            long sleep = nextPoll - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
    }

    /** Waits, failing early if the application dies meanwhile. */
    void idle(Duration duration) throws InterruptedException {
        if (process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the application exited with code " + process.exitValue()
                    + " while idle; last log lines:\n" + logTail(40));
        }
    }

    /** Result of a graceful stop: how long it took, the exit code, and whether it had to be killed. */
    record Stop(Duration took, int exitCode, boolean forced) {
    }

    /** SIGTERM (what a service manager sends), then a kill if it has not exited after 30 s. */
    Stop stop() throws InterruptedException {
        long begin = System.nanoTime();
        process.destroy();
        boolean forced = false;
        if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
            forced = true;
            kill(process);
            process.waitFor(10, TimeUnit.SECONDS);
        }
        LIVE.remove(process);
        return new Stop(Duration.ofNanos(System.nanoTime() - begin), process.exitValue(), forced);
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill(process);
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
    }

    private static boolean probeIsUp(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && StartupLog.healthIsUp(response.body());
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
