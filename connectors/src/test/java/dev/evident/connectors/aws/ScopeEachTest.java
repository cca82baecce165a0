package dev.evident.connectors.aws;

import dev.evident.connector.CollectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-item reads of one account-region: several at once, results and failures in item order. */
class ScopeEachTest {

    private final ExecutorService calls = Executors.newFixedThreadPool(AwsCollector.PARALLEL_CALLS);
    private final AwsCollector.Scope scope = new AwsCollector.Scope(null, null, Instant.EPOCH, calls);

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
        CyclicBarrier together = new CyclicBarrier(AwsCollector.PARALLEL_CALLS);
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7, 8);

        List<String> results = scope.each(items, item -> {
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
        scope.each(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), item -> {
            seen.add(running.incrementAndGet());
            pause();
            running.decrementAndGet();
            return item;
        });

        assertThat(seen).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(AwsCollector.PARALLEL_CALLS));
    }

    @Test
    void theFirstFailureInItemOrderIsThrown() {
        CyclicBarrier together = new CyclicBarrier(2);

        assertThatThrownBy(() -> scope.each(List.of(1, 2, 3), item -> {
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
        AwsCollector.Scope sequential = new AwsCollector.Scope(null, null, Instant.EPOCH);
        Thread caller = Thread.currentThread();

        List<Boolean> onCaller = sequential.each(List.of(1, 2, 3), item -> Thread.currentThread() == caller);

        assertThat(onCaller).containsExactly(true, true, true);
    }
}
