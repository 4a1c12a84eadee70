package dev.cs231n.searches.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.cs231n.searches.store.CandidateTask;
import dev.cs231n.searches.store.SearchStore;
import dev.cs231n.searches.store.SearchWorker;
import dev.cs231n.searches.store.WorkerSummary;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs K {@link SearchWorker}s on one store in this process, each on its own thread with its own task (from the
 * task supplier), until the search is finished or this run's deadline passed: after the deadline a worker claims
 * nothing new (the candidate it claims is given back, PENDING, for a later run) and returns; candidates already
 * training finish. When the workers find nothing more to claim, the {@linkplain Builder#topUp top-up} may add
 * candidates (a genetic search's next generation) and the workers run again. Failing candidates are the workers'
 * business (recorded FAILED, the search goes on).
 *
 * <p>Threads: ND4J's and the BLAS library's thread counts are global to the process, so K workers on C cores share
 * them: with {@link Builder#threadsPerWorker(int)} the runner sets both to that number for the run (e.g.
 * {@code max(1, C / K)}) and restores them afterwards.
 *
 * <p>Devices ({@link Builder#devices(Devices)}, by default {@link Devices#detect()}): on the CPU every worker's
 * candidates are recorded as run on {@code cpu}; on the CUDA backend worker {@code k}'s thread is attached to device
 * {@code k mod n} before it claims anything, its candidates are recorded as {@code cuda:k}, and without an explicit
 * {@link Builder#workers(int)} the runner starts one worker per device. (The CUDA path compiles but has not been run
 * here: no supported GPU.)
 */
public final class SearchRunner {

    /**
     * What one run did.
     *
     * @param summary         the workers' counts added up
     * @param workers         how many workers ran
     * @param seconds         the run's wall-clock seconds
     * @param deadlineReached whether a worker stopped because of the deadline (candidates may be left)
     */
    public record Result(WorkerSummary summary, int workers, double seconds, boolean deadlineReached) {
    }

    private final SearchStore store;
    private final Supplier<CandidateTask> tasks;
    private final int workers;
    private final Instant deadline;
    private final int threadsPerWorker;
    private final Duration lease;
    private final Clock clock;
    private final IntSupplier topUp;
    private final Duration poll;
    private final Devices devices;

    private SearchRunner(Builder b) {
        this.store = b.store;
        this.tasks = b.tasks;
        this.devices = b.devices == null ? Devices.detect() : b.devices;
        this.workers = b.workers > 0 ? b.workers : devices.defaultWorkers();
        this.deadline = b.deadline;
        this.threadsPerWorker = b.threadsPerWorker;
        this.lease = b.lease;
        this.clock = b.clock;
        this.topUp = b.topUp;
        this.poll = b.poll;
    }

    /**
     * @param store the search's store, candidates added
     * @param tasks makes one task per worker
     * @return a builder: the detected devices, 1 worker on the CPU (one per GPU on CUDA), no deadline, ND4J's
     *         threads left as they are, a 60 s lease, polling every 1 s
     */
    public static Builder builder(SearchStore store, Supplier<CandidateTask> tasks) {
        return new Builder(store, tasks);
    }

    /** @return how many workers {@link #run()} starts */
    public int workers() {
        return workers;
    }

    /** @return where they run */
    public Devices devices() {
        return devices;
    }

    /**
     * Runs the workers until the search is finished or the deadline passed.
     *
     * @return what they did
     * @throws InterruptedException when this thread is interrupted while waiting (the workers are interrupted too
     *                              and give their candidates back)
     */
    public Result run() throws InterruptedException {
        long start = System.nanoTime();
        Environment env = Nd4j.getEnvironment();
        int ompBefore = env.maxThreads();
        int masterBefore = env.maxMasterThreads();
        int blasBefore = Nd4j.factory().blas().getMaxThreads();
        if (threadsPerWorker > 0) {
            env.setMaxThreads(threadsPerWorker);
            env.setMaxMasterThreads(threadsPerWorker);
            Nd4j.factory().blas().setMaxThreads(threadsPerWorker);
        }
        AtomicBoolean deadlineReached = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<WorkerSummary> summaries = new ArrayList<>();
        try {
            do {
                runWorkers(summaries, deadlineReached, failure);
            } while (failure.get() == null && !deadlineReached.get() && !clock.instant().isAfter(deadline)
                    && topUp.getAsInt() > 0);
        } finally {
            if (threadsPerWorker > 0) {
                env.setMaxThreads(ompBefore);
                env.setMaxMasterThreads(masterBefore);
                Nd4j.factory().blas().setMaxThreads(Math.max(1, blasBefore));
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a search worker stopped: " + failure.get(), failure.get());
        }
        int completed = 0;
        int failed = 0;
        int lost = 0;
        int released = 0;
        for (WorkerSummary s : summaries) {
            completed += s.completed();
            failed += s.failed();
            lost += s.lost();
            released += s.released();
        }
        return new Result(new WorkerSummary(completed, failed, lost, released), workers,
                (System.nanoTime() - start) / 1e9, deadlineReached.get());
    }

    /** One round: K workers until nothing is claimable (or the deadline), their summaries added. */
    private void runWorkers(List<WorkerSummary> summaries, AtomicBoolean deadlineReached,
            AtomicReference<Throwable> failure) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            CandidateTask task = withDeadline(tasks.get(), deadlineReached);
            SearchWorker worker = SearchWorker.builder(store, task).lease(lease).poll(poll)
                    .device(devices.name(w)).build();
            int k = w;
            Thread t = new Thread(() -> {
                try {
                    devices.attach(k);
                    WorkerSummary s = worker.run();
                    synchronized (summaries) {
                        summaries.add(s);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "search-worker-" + w);
            threads.add(t);
            t.start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(lease.toMillis());
            }
            throw e;
        }
    }

    /** A task that gives its candidate back, and so ends its worker, once the deadline has passed. */
    private CandidateTask withDeadline(CandidateTask task, AtomicBoolean reached) {
        return (json, context) -> {
            if (clock.instant().isAfter(deadline)) {
                reached.set(true);
                throw new InterruptedException("the run's wall-clock budget ended at " + deadline);
            }
            return task.run(json, context);
        };
    }

    /** Builds a {@link SearchRunner}. */
    public static final class Builder {
        private final SearchStore store;
        private final Supplier<CandidateTask> tasks;
        private int workers;
        private Devices devices;
        private Instant deadline = Instant.MAX;
        private int threadsPerWorker;
        private Duration lease = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private IntSupplier topUp = () -> 0;
        private Duration poll = Duration.ofSeconds(1);

        private Builder(SearchStore store, Supplier<CandidateTask> tasks) {
            if (store == null || tasks == null) {
                throw new IllegalArgumentException("a search runner needs a store and a task supplier");
            }
            this.store = store;
            this.tasks = tasks;
        }

        /**
         * @param k worker threads, &gt;= 1 (default: 1 on the CPU, one per device on CUDA; on CUDA worker {@code w}
         *          runs on device {@code w mod n})
         * @return this
         */
        public Builder workers(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + k);
            }
            this.workers = k;
            return this;
        }

        /**
         * @param devices where the workers run (default {@link Devices#detect()}: the CPU, or every CUDA device)
         * @return this
         */
        public Builder devices(Devices devices) {
            this.devices = devices;
            return this;
        }

        /** @param deadline no candidate is claimed after it @return this */
        public Builder deadline(Instant deadline) {
            this.deadline = deadline == null ? Instant.MAX : deadline;
            return this;
        }

        /** @param n ND4J/BLAS threads for the run (0: leave them) @return this */
        public Builder threadsPerWorker(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("threads per worker must be >= 0, got " + n);
            }
            this.threadsPerWorker = n;
            return this;
        }

        /** @param lease each claim's lease (renewed by heartbeats) @return this */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /**
         * @param poll how often an idle worker looks for a claimable candidate while others run (default 1 s: the
         *             last candidates of a generation or of the search, a dead worker's lease)
         * @return this
         */
        public Builder poll(Duration poll) {
            if (poll == null || poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive, got " + poll);
            }
            this.poll = poll;
            return this;
        }

        /** @param clock the clock the deadline is read on (tests) @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param topUp called when the workers found nothing more to claim: adds the candidates that can be added
         *              now (a genetic search's next generation) and returns how many; while it adds some and the
         *              deadline has not passed, the workers run again
         * @return this
         */
        public Builder topUp(IntSupplier topUp) {
            this.topUp = topUp == null ? () -> 0 : topUp;
            return this;
        }

        /** @return the runner */
        public SearchRunner build() {
            return new SearchRunner(this);
        }
    }
}
