package dev.cs231n.layers.norm.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent pieces of work on a few threads: the caller's and daemon helpers. Work is split into
 * contiguous ranges of items; which thread computes an item never changes what is computed (each item is reduced by
 * one thread, in a fixed order), so results do not depend on the thread count.
 */
final class Parallel {

    /** Below this many elements of work per extra thread, a second thread costs more than it saves. */
    static final long MIN_WORK_PER_THREAD = 32_768;

    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cs231n-norm-" + THREAD_IDS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** The work on items {@code [from, to)}. */
    interface Range {
        /**
         * @param from the first item
         * @param to   one past the last item
         */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, items)} split into contiguous ranges, one per thread, and returns when all
     * are done.
     *
     * @param items        the number of items
     * @param workPerItem  elements each item touches (decides how many threads are worth waking)
     * @param body         the work
     */
    static void forRange(int items, long workPerItem, Range body) {
        int threads = (int) Math.min(Math.min(FastNorm.threads(), items),
                Math.max(1, items * workPerItem / MIN_WORK_PER_THREAD));
        if (threads <= 1) {
            body.run(0, items);
            return;
        }
        List<Future<?>> helpers = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) items * t / threads);
            int to = (int) ((long) items * (t + 1) / threads);
            helpers.add(POOL.submit(() -> body.run(from, to)));
        }
        Throwable failure = null;
        try {
            body.run(0, (int) ((long) items / threads));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : helpers) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("normalisation kernel failed", failure);
        }
    }
}
