package dev.cs231n.searches.store;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop every search process runs: claim a candidate, run the {@link CandidateTask} on it while a background
 * thread renews the lease, record the result, repeat until the search is finished. Starting a worker on an existing
 * store is how a search is resumed, and how a second worker (another process or machine) joins.
 *
 * <p>A task that throws (including {@link OutOfMemoryError}) or returns a NaN or infinite score is recorded as
 * FAILED with the error and the loop goes on. A candidate taken over by another worker (the lease expired, e.g.
 * during a long pause) is dropped without recording anything. When nothing is claimable but other workers still
 * hold candidates, the worker waits and polls, so that the candidate of a worker that died is taken over once its
 * lease expires; it returns when every candidate is COMPLETED or FAILED. Interrupting the thread that runs
 * {@link #run()} gives the current candidate back (PENDING) and returns. Any other {@link Error} propagates out of
 * {@link #run()}; the candidate's lease then runs out and the next worker retries it, up to
 * {@link StoreOptions#maxAttempts()}.
 */
public final class SearchWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SearchWorker.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int MAX_TRACE_CHARS = 8_000;

    private final SearchStore store;
    private final CandidateTask task;
    private final String workerId;
    private final String device;
    private final Duration lease;
    private final Duration heartbeat;
    private final Duration poll;

    private SearchWorker(Builder b) {
        this.store = b.store;
        this.task = b.task;
        this.workerId = b.workerId == null ? defaultWorkerId() : b.workerId;
        this.device = b.device;
        this.lease = b.lease;
        this.heartbeat = b.heartbeat == null ? b.lease.dividedBy(4) : b.heartbeat;
        this.poll = b.poll == null ? min(b.lease.dividedBy(4), Duration.ofSeconds(5)) : b.poll;
        if (this.heartbeat.compareTo(this.lease) >= 0 || this.heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval (" + this.heartbeat + ") must be positive and "
                    + "shorter than the lease (" + this.lease + ")");
        }
    }

    /**
     * @param store the search's store (the worker uses it from its own thread and a heartbeat thread)
     * @param task  trains and scores one candidate
     * @return a builder with the defaults: {@link #defaultWorkerId()}, device {@code cpu}, a 60 s lease renewed
     *         every quarter lease, polling every quarter lease (at most 5 s)
     */
    public static Builder builder(SearchStore store, CandidateTask task) {
        return new Builder(store, task);
    }

    /** @return {@code host:pid:n}, unique per worker created in this JVM */
    public static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + SEQUENCE.incrementAndGet();
    }

    /** @return this worker's id, as recorded in the candidates it runs */
    public String workerId() {
        return workerId;
    }

    /**
     * Runs candidates until the search is finished (or the thread is interrupted).
     *
     * @return what this worker did
     */
    public WorkerSummary run() {
        int completed = 0;
        int failed = 0;
        int lost = 0;
        int released = 0;
        String name = "heartbeat-" + workerId;
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<Lease> claimed = store.claim(workerId, device, lease);
                if (claimed.isEmpty()) {
                    Map<CandidateStatus, Integer> counts = store.counts();
                    if (counts.get(CandidateStatus.PENDING) == 0 && counts.get(CandidateStatus.RUNNING) == 0) {
                        break;
                    }
                    try {
                        Thread.sleep(poll.toMillis()); // others hold candidates: take over any whose lease expires
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    continue;
                }
                switch (runOne(claimed.get(), beats)) {
                    case COMPLETED -> completed++;
                    case FAILED -> failed++;
                    case LOST -> lost++;
                    case RELEASED -> released++;
                    default -> throw new IllegalStateException("unknown outcome");
                }
            }
        } finally {
            beats.shutdownNow();
        }
        return new WorkerSummary(completed, failed, lost, released);
    }

    private enum Outcome { COMPLETED, FAILED, LOST, RELEASED }

    private Outcome runOne(Lease held, ScheduledExecutorService beats) {
        Context context = new Context(held);
        ScheduledFuture<?> beat = beats.scheduleWithFixedDelay(context::beat, heartbeat.toMillis(),
                heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        Throwable error;
        double score = Double.NaN;
        try {
            score = task.run(held.hyperparametersJson(), context);
            error = null;
        } catch (LeaseLostException e) {
            beat.cancel(false);
            LOG.warn("{}: dropped candidate {}: {}", workerId, held.candidateIndex(), e.getMessage());
            return Outcome.LOST;
        } catch (InterruptedException e) {
            beat.cancel(false);
            Thread.currentThread().interrupt();
            return release(held);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            error = e;
        }
        beat.cancel(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (context.lost.get() != null) {
            LOG.warn("{}: dropped candidate {}: {}", workerId, held.candidateIndex(), context.lost.get().getMessage());
            return Outcome.LOST;
        }
        if (error == null && Thread.currentThread().isInterrupted()) {
            return release(held);
        }
        try {
            if (error != null) {
                store.fail(held, trace(error), seconds);
                LOG.info("{}: candidate {} failed: {}", workerId, held.candidateIndex(), error.toString());
                return Outcome.FAILED;
            }
            if (!Double.isFinite(score)) {
                store.fail(held, "the final score is " + score, seconds);
                LOG.info("{}: candidate {} failed: score {}", workerId, held.candidateIndex(), score);
                return Outcome.FAILED;
            }
            store.complete(held, score, seconds);
            return Outcome.COMPLETED;
        } catch (LeaseLostException e) {
            LOG.warn("{}: result of candidate {} not recorded: {}", workerId, held.candidateIndex(), e.getMessage());
            return Outcome.LOST;
        }
    }

    private Outcome release(Lease held) {
        try {
            store.release(held);
            return Outcome.RELEASED;
        } catch (LeaseLostException e) {
            return Outcome.LOST;
        }
    }

    private static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return Json.abbreviate(text.toString(), MAX_TRACE_CHARS);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The running task's view of its lease; renewed by the heartbeat thread and by every reported epoch. */
    private final class Context implements TrialContext {
        private final Lease held;
        private final AtomicReference<LeaseLostException> lost = new AtomicReference<>();
        private long last = System.nanoTime();

        Context(Lease held) {
            this.held = held;
        }

        void beat() {
            if (lost.get() != null) {
                return;
            }
            try {
                store.heartbeat(held);
            } catch (LeaseLostException e) {
                lost.compareAndSet(null, e);
            } catch (RuntimeException e) {
                // a transient storage error: the next beat tries again, well within the lease
                LOG.warn("{}: heartbeat of candidate {} failed: {}", workerId, held.candidateIndex(), e.toString());
            }
        }

        @Override
        public int candidateIndex() {
            return held.candidateIndex();
        }

        @Override
        public int attempt() {
            return held.attempt();
        }

        @Override
        public String device() {
            return held.device();
        }

        @Override
        public void reportEpoch(int epoch, double score) {
            checkLease();
            long now = System.nanoTime();
            double seconds = (now - last) / 1e9;
            last = now;
            try {
                store.reportEpoch(held, epoch, score, seconds);
            } catch (LeaseLostException e) {
                lost.compareAndSet(null, e);
                throw e;
            }
        }

        @Override
        public boolean leaseHeld() {
            return lost.get() == null;
        }

        @Override
        public void checkLease() {
            LeaseLostException e = lost.get();
            if (e != null) {
                throw e;
            }
        }
    }

    /** Configures a {@link SearchWorker}; every setting has a default (see {@link SearchWorker#builder}). */
    public static final class Builder {
        private final SearchStore store;
        private final CandidateTask task;
        private String workerId;
        private String device = "cpu";
        private Duration lease = Duration.ofSeconds(60);
        private Duration heartbeat;
        private Duration poll;

        private Builder(SearchStore store, CandidateTask task) {
            if (store == null || task == null) {
                throw new IllegalArgumentException("store and task must not be null");
            }
            this.store = store;
            this.task = task;
        }

        /**
         * @param workerId the id recorded with each candidate; unique among the search's workers
         * @return this builder
         */
        public Builder workerId(String workerId) {
            if (workerId == null || workerId.isBlank()) {
                throw new IllegalArgumentException("workerId must not be blank");
            }
            this.workerId = workerId;
            return this;
        }

        /**
         * @param device where this worker's candidates run, recorded per candidate, e.g. {@code cpu}, {@code cuda:1}
         * @return this builder
         */
        public Builder device(String device) {
            if (device == null || device.isBlank()) {
                throw new IllegalArgumentException("device must not be blank");
            }
            this.device = device;
            return this;
        }

        /**
         * @param lease how long a claim holds without renewal: how soon a dead worker's candidate is taken over; it
         *              must outlast the longest pause of a live worker (GC, a slow epoch on a busy machine)
         * @return this builder
         */
        public Builder lease(Duration lease) {
            if (lease == null || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive, got " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * @param heartbeat how often the lease is renewed; shorter than the lease (default: a quarter of it)
         * @return this builder
         */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /**
         * @param poll how long to wait before claiming again while other workers hold the remaining candidates
         * @return this builder
         */
        public Builder poll(Duration poll) {
            if (poll == null || poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive, got " + poll);
            }
            this.poll = poll;
            return this;
        }

        /** @return the worker */
        public SearchWorker build() {
            return new SearchWorker(this);
        }
    }
}
