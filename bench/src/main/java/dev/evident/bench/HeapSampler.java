package dev.evident.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples the server's heap in use and resident memory until told to stop. */
final class HeapSampler implements Runnable {

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)",
            Pattern.MULTILINE);

    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong peakHeap = new AtomicLong();
    final AtomicLong peakRssKib = new AtomicLong();
    final AtomicLong samples = new AtomicLong();
    private final BenchClient client;
    private final long pid;

    HeapSampler(BenchClient client, long pid) {
        this.client = client;
        this.pid = pid;
    }

    @Override
    public void run() {
        while (!stop.get()) {
            try {
                peakRssKib.accumulateAndGet(ProcStatus.read(pid).vmRssKib(), Math::max);
                Matcher m = HEAP.matcher(client.metrics());
                long heap = 0;
                while (m.find()) {
                    heap += (long) Double.parseDouble(m.group(1));
                }
                peakHeap.accumulateAndGet(heap, Math::max);
                samples.incrementAndGet();
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a missed sample; keep going
            }
        }
    }
}
