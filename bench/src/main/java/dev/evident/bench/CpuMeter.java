package dev.evident.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Machine-wide CPU use from {@code /proc/stat}, to tell a slow start from a busy machine: on a shared
 * 2-core box a concurrent build doubles the start time. Ticks are USER_HZ, 100 per second on Linux.
 */
final class CpuMeter {

    static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {
    }

    /** Busy ticks of all CPUs since boot: everything except idle and iowait. */
    static long busyTicks() throws IOException {
        return parseBusyTicks(Files.readString(Path.of("/proc/stat")));
    }

    static long parseBusyTicks(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] f = first.strip().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException("not an aggregate cpu line: '" + first + "'");
        }
        long busy = 0;
        // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user/nice]
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    /** CPU time this JVM has used, so the benchmark's own polling is not blamed on other processes. */
    static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Average cores busy over the window. */
    static double busyCores(Duration window) throws IOException, InterruptedException {
        long before = busyTicks();
        TimeUnit.MILLISECONDS.sleep(window.toMillis());
        return (busyTicks() - before) / TICKS_PER_SECOND / (window.toMillis() / 1000.0);
    }

    /**
     * Waits until fewer than {@code threshold} cores were busy over a 2-second window, at most
     * {@code maxWait}; returns the last reading, so a run that started on a busy machine can say so.
     */
    static double awaitQuiet(double threshold, Duration maxWait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        double busy = busyCores(Duration.ofSeconds(2));
        while (busy >= threshold && System.nanoTime() < deadline) {
            busy = busyCores(Duration.ofSeconds(2));
        }
        return busy;
    }
}
