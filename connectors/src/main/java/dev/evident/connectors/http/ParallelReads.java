package dev.evident.connectors.http;

import dev.evident.connector.CollectionException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Per-item reads of a listing (a user's factors, a bucket's settings) run a few at a time, since
 * each mostly waits on a round trip. Results come back in item order, so what a collector stores
 * does not depend on which answer arrived first.
 */
public final class ParallelReads {

    /** One per-item read. */
    @FunctionalInterface
    public interface Read<T, R> {
        R read(T item) throws CollectionException;
    }

    private ParallelReads() {
    }

    /**
     * Runs {@code read} for every item, at most {@code parallel} at a time on {@code pool} (null: one
     * after another on the caller's thread). The first failure in item order is thrown and the reads
     * still running are cancelled. A read must not wait for other reads on the same pool.
     */
    public static <T, R> List<R> inOrder(ExecutorService pool, int parallel, List<T> items, Read<T, R> read)
            throws CollectionException {
        List<R> results = new ArrayList<>(items.size());
        if (pool == null || parallel < 2 || items.size() < 2) {
            for (T item : items) {
                results.add(read.read(item));
            }
            return results;
        }
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        int next = 0;
        try {
            while (results.size() < items.size()) {
                while (inFlight.size() < parallel && next < items.size()) {
                    T item = items.get(next++);
                    inFlight.add(pool.submit(() -> read.read(item)));
                }
                results.add(result(inFlight.pollFirst()));
            }
            return results;
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    /** The value of a finished read, with its own failure (not an ExecutionException) thrown. */
    public static <R> R result(Future<R> read) throws CollectionException {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CollectionException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CollectionException.retryable("interrupted while waiting for a read", e);
        }
    }

    /**
     * A pool of daemon threads that end on their own after a few idle seconds, so a collection whose
     * iterator is abandoned half-way leaks none.
     */
    public static ThreadPoolExecutor daemonPool(int size, String name) {
        ThreadPoolExecutor threads = new ThreadPoolExecutor(size, size, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }
}
