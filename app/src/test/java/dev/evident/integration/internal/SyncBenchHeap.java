package dev.evident.integration.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap while a piece of work runs, two ways: a thread sampling the used heap every 5 ms (the
 * figure reported as the peak), and the sum of the heap pools' own peak usage since the last reset
 * (an upper bound: the pools need not peak at the same moment). The used heap includes garbage not
 * collected yet, so it depends on -Xmx and the collector as much as on what the work keeps.
 */
final class SyncBenchHeap implements AutoCloseable {

    /** Used heap after a full collection before the work, the sampled peak, the pools' peak sum, in bytes. */
    record Figures(long baseline, long sampledPeak, long poolPeak) {
    }

    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private SyncBenchHeap(long baseline) {
        this.baseline = baseline;
        this.sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects, resets the pools' peaks and starts sampling. */
    static SyncBenchHeap start() {
        System.gc();
        long baseline = used();
        HEAP_POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new SyncBenchHeap(baseline);
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long max() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** Stops sampling; the figures since start. */
    Figures stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peak.accumulateAndGet(used(), Math::max);
        long pools = HEAP_POOLS.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Figures(baseline, peak.get(), pools);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
