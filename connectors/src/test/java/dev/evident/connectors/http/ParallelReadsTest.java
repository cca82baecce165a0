package dev.evident.connectors.http;

import dev.evident.connector.CollectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-item reads (AWS's per account-region, Okta's per user): several at once, results and failures in item order. */
class ParallelReadsTest {

    private static final int PARALLEL = 4;

    private final ExecutorService calls = Executors.newFixedThreadPool(PARALLEL);

    @AfterEach
    void stop() {
        calls.shutdownNow();
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the reads did not run together", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void runsAsManyReadsAtOnceAsAllowedAndKeepsTheOrder() throws Exception {
        // every read waits for PARALLEL_CALLS reads to be running: one after another, they would never meet
        CyclicBarrier together = new CyclicBarrier(PARALLEL);
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7, 8);

        List<String> results = ParallelReads.inOrder(calls, PARALLEL, items, item -> {
            meet(together);
            return "item " + item;
        });

        assertThat(results).containsExactly("item 1", "item 2", "item 3", "item 4", "item 5", "item 6", "item 7",
                "item 8");
    }

    @Test
    void neverRunsMoreThanAllowed() throws Exception {
        AtomicInteger running = new AtomicInteger();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        ParallelReads.inOrder(calls, PARALLEL, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), item -> {
            seen.add(running.incrementAndGet());
            pause();
            running.decrementAndGet();
            return item;
        });

        assertThat(seen).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(PARALLEL));
    }

    @Test
    void theFirstFailureInItemOrderIsThrown() {
        CyclicBarrier together = new CyclicBarrier(2);

        assertThatThrownBy(() -> ParallelReads.inOrder(calls, PARALLEL, List.of(1, 2, 3), item -> {
            if (item == 1) {
                meet(together); // item 1 fails only once item 2 is failing too
                throw CollectionException.permanent("item 1 refused", null);
            }
            if (item == 2) {
                meet(together);
                throw CollectionException.permanent("item 2 refused", null);
            }
            return item;
        })).isInstanceOf(CollectionException.class).hasMessage("item 1 refused");
    }

    @Test
    void withoutACallPoolTheReadsRunOneAfterAnotherOnTheCaller() throws Exception {
        Thread caller = Thread.currentThread();

        List<Boolean> onCaller = ParallelReads.inOrder(null, PARALLEL, List.of(1, 2, 3),
                item -> Thread.currentThread() == caller);

        assertThat(onCaller).containsExactly(true, true, true);
    }
}
