package dev.cs231n.spark;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Runs one epoch of Spark training with two deadlines, so that a training master that never starts or never finishes
 * fails with a message instead of hanging the job: the epoch's first Spark task must start within the start timeout
 * (no executor, a master that accepted the application but has no workers, a training master stuck before it
 * submits work), and the epoch must end within the epoch timeout (0: none), e.g. gradient sharing stuck in
 * {@code SharedTrainingWrapper}'s {@code BlockingObserver.waitTillDone}, the hang of DL4J's default repartitioner.
 * On a deadline the Spark jobs are cancelled and the training thread interrupted.
 */
public final class FitWatchdog implements AutoCloseable {

    /** A training epoch that missed a deadline. */
    public static final class TimeoutFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TimeoutFailure(String message) {
            super(message);
        }
    }

    private final JavaSparkContext sc;
    private final long startTimeoutMs;
    private final long epochTimeoutMs;
    private final AtomicLong tasksStarted = new AtomicLong();
    private final SparkListener listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cs231n-spark-fit");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param sc             the context
     * @param startTimeoutMs how long the first task of an epoch may take to start
     * @param epochTimeoutMs how long an epoch may take, 0 for no limit
     */
    public FitWatchdog(JavaSparkContext sc, long startTimeoutMs, long epochTimeoutMs) {
        this.sc = sc;
        this.startTimeoutMs = startTimeoutMs;
        this.epochTimeoutMs = epochTimeoutMs;
        this.listener = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart taskStart) {
                tasksStarted.incrementAndGet();
            }
        };
        sc.sc().addSparkListener(listener);
    }

    /**
     * @param what  the epoch, for messages
     * @param epoch the training of one epoch
     * @param hint  what to check when the deadline is missed
     * @throws TimeoutFailure when a deadline is missed
     */
    public void run(String what, Runnable epoch, String hint) {
        long before = tasksStarted.get();
        long t0 = System.currentTimeMillis();
        String group = "cs231n-" + t0 + "-" + before;
        Future<?> f = thread.submit(() -> {
            // the epoch's Spark jobs in a group of their own, whose tasks a cancellation interrupts
            sc.setJobGroup(group, what, true);
            try {
                epoch.run();
            } finally {
                sc.clearJobGroup();
            }
        });
        try {
            while (true) {
                long waited = System.currentTimeMillis() - t0;
                boolean started = tasksStarted.get() > before;
                long limit = !started ? startTimeoutMs : epochTimeoutMs > 0 ? epochTimeoutMs : Long.MAX_VALUE;
                try {
                    f.get(Math.max(1, Math.min(500, limit - waited)), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    waited = System.currentTimeMillis() - t0;
                    started = tasksStarted.get() > before;
                    if (!started && waited >= startTimeoutMs) {
                        throw abort(f, group, String.format(Locale.ROOT, "%s: the training master started no Spark task "
                                + "within %.0f s (--start-timeout): %s", what, startTimeoutMs / 1000.0, hint));
                    }
                    if (epochTimeoutMs > 0 && waited >= epochTimeoutMs) {
                        throw abort(f, group, String.format(Locale.ROOT, "%s did not finish within %.0f s (--epoch-timeout): "
                                + "%s", what, epochTimeoutMs / 1000.0, hint));
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + ": " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(f, group, what + ": interrupted");
        }
    }

    private TimeoutFailure abort(Future<?> f, String group, String message) {
        sc.cancelJobGroup(group);
        f.cancel(true);
        return new TimeoutFailure(message);
    }

    @Override
    public void close() {
        sc.sc().removeSparkListener(listener);
        thread.shutdownNow();
    }
}
