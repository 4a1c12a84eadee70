package dev.cs231n.searches.compat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.cs231n.searches.nets.FcNetSpace;
import dev.cs231n.searches.run.SpaceCandidates;
import dev.cs231n.searches.run.Strategy;
import dev.cs231n.searches.run.Termination;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateSpec;
import dev.cs231n.searches.store.EpochScore;
import dev.cs231n.searches.store.Lease;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;

/**
 * The search stored as the compatibility artifact: a grid over a small fc-net space ({@link #candidates()}), its
 * first {@value #CANDIDATES} candidates, and a history ({@link #play}) that leaves every kind of record the schema
 * holds:
 * <ul>
 *   <li>0: completed by worker A, 2 epochs;</li>
 *   <li>1: worker A reports epoch 1 and dies; its lease expires, worker B takes it over (attempt 2) and completes it
 *       with 2 epochs: epoch scores of two attempts;</li>
 *   <li>2: failed by worker B after epoch 1 with a stack trace holding commas, quotes and newlines;</li>
 *   <li>3: completed by worker A on {@code cuda:1}, 2 epochs;</li>
 *   <li>4: claimed by worker B and released at the run's deadline: PENDING with one claim, no attempt;</li>
 *   <li>5: never claimed: PENDING.</li>
 * </ul>
 */
final class SearchDbCase {

    /** The store, as the search job names it. */
    static final String DB_FILE = SearchStore.DEFAULT_FILE_NAME;
    /** The search's description as stored: name, objective, space, strategy, fingerprint. */
    static final String SEARCH_FILE = "search.json";
    /** Every candidate's fields and every epoch score as the generator read them back. */
    static final String CANDIDATES_FILE = "candidates.json";
    /** Candidates in the store. */
    static final int CANDIDATES = 6;
    /** The lease of every claim. */
    static final Duration LEASE = Duration.ofMinutes(1);
    /** The error stored for candidate 2. */
    static final String ERROR = "java.lang.ArithmeticException: training loss is NaN at epoch 2, minibatch 3 "
            + "(\"lr\" = 0.03, reg = 1e-3)\n\tat dev.cs231n.searches.run.NetworkTask.train(NetworkTask.java:120)\n"
            + "\tat dev.cs231n.searches.store.SearchWorker.runOne(SearchWorker.java:200)";

    private SearchDbCase() {
    }

    /** @return the space's candidates: fc-net, depth 1..2, widths 8/16, lr, reg, batch norm or not, keep 0.7..1 */
    static SpaceCandidates<?> candidates() {
        FcNetSpace s = FcNetSpace.builder().inputSize(12).classes(3).depth(1, 2).widths(8, 16).lr(1e-3, 3e-2)
                .reg(1e-5, 1e-3).batchNorm(false, true).keepProb(0.7, 1.0).seed(5).build();
        return SpaceCandidates.of(s.space(), s.named(), Strategy.grid(2));
    }

    /**
     * @param candidates {@link #candidates()}
     * @return the search as {@code ./cs231n search} describes it
     */
    static SearchDescription description(SpaceCandidates<?> candidates) {
        return new SearchDescription("fc-net grid", Objective.MAXIMIZE, candidates.spaceJson(),
                candidates.strategy().toJson());
    }

    /**
     * @param candidates {@link #candidates()}
     * @return the first {@value #CANDIDATES}
     */
    static List<CandidateSpec> specs(SpaceCandidates<?> candidates) {
        return candidates.candidates(new Termination(CANDIDATES, null));
    }

    /**
     * Plays the history above on a new store whose clock is {@code clock}.
     *
     * @param a     worker A's store
     * @param b     worker B's store (another connection to the same file)
     * @param clock the clock both stores were opened with
     */
    static void play(SearchStore a, SearchStore b, SteppedClock clock) {
        Lease l0 = a.claim("host-a:100:0", "cpu", LEASE).orElseThrow();
        epochs(a, l0, clock, 0.41, 0.47);
        a.complete(l0, 0.47, 61.5);

        Lease dead = a.claim("host-a:100:0", "cpu", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(31));
        a.reportEpoch(dead, 1, 0.36, 31);
        clock.advance(LEASE.plusSeconds(5)); // worker A was killed: its lease runs out
        Lease l1 = b.claim("host-b:200:0", "cpu", LEASE).orElseThrow();
        if (l1.candidateIndex() != 1 || l1.attempt() != 2) {
            throw new IllegalStateException("expected the takeover of candidate 1, got " + l1);
        }
        epochs(b, l1, clock, 0.38, 0.52);
        b.complete(l1, 0.52, 63.0);

        Lease l2 = b.claim("host-b:200:0", "cpu", LEASE).orElseThrow();
        epochs(b, l2, clock, 0.12);
        clock.advance(Duration.ofSeconds(9));
        b.fail(l2, ERROR, 40.25);

        Lease l3 = a.claim("host-a:300:0", "cuda:1", LEASE).orElseThrow();
        epochs(a, l3, clock, 0.44, 0.49);
        a.complete(l3, 0.49, 60.0);

        Lease l4 = b.claim("host-b:200:0", "cpu", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(2));
        b.release(l4);
    }

    /**
     * @param candidates candidates as read from a store
     * @return each as a map of every field (times as epoch milliseconds), in the form of {@value #CANDIDATES_FILE}
     */
    static List<Map<String, Object>> records(List<Candidate> candidates) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", c.index());
            m.put("hyperparameters", c.hyperparametersJson());
            m.put("status", c.status().name());
            m.put("worker", c.workerId());
            m.put("device", c.device());
            m.put("lease_expires_ms", millis(c.leaseExpiresAt()));
            m.put("attempts", c.attempts());
            m.put("epochs", c.epochs());
            m.put("score", c.score());
            m.put("seconds", c.seconds());
            m.put("error", c.error());
            m.put("created_ms", millis(c.createdAt()));
            m.put("started_ms", millis(c.startedAt()));
            m.put("finished_ms", millis(c.finishedAt()));
            rows.add(m);
        }
        return rows;
    }

    /**
     * @param scores epoch scores as read from a store
     * @return each as a map of every field
     */
    static List<Map<String, Object>> epochRecords(List<EpochScore> scores) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochScore e : scores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("candidate", e.candidateIndex());
            m.put("attempt", e.attempt());
            m.put("epoch", e.epoch());
            m.put("score", e.score());
            m.put("seconds", e.seconds());
            rows.add(m);
        }
        return rows;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static void epochs(SearchStore store, Lease lease, SteppedClock clock, double... scores) {
        for (int e = 0; e < scores.length; e++) {
            double seconds = 30 + e + 0.25 * lease.candidateIndex();
            clock.advance(Duration.ofMillis((long) (seconds * 1000)));
            store.reportEpoch(lease, e + 1, scores[e], seconds);
        }
    }

    /** A clock moved by hand, so that every stored time is known. */
    static final class SteppedClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-01T12:00:00Z").toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
