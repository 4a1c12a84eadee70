package dev.cs231n.searches.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import dev.cs231n.searches.store.CandidateSpec;
import dev.cs231n.searches.store.Lease;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import dev.cs231n.searches.store.StoreOptions;

/** Real SQLite search stores, filled through the store's API with a stepped clock, for the report's tests. */
final class ReportFixtures {

    /** The realistic grid's learning rates (spanning three decades: a log axis). */
    static final double[] LRS = {1e-4, 1e-3, 1e-2, 1e-1};
    /** The realistic grid's norms (strings: categories). */
    static final String[] NORMS = {"batch", "layer", "none"};
    /** Epochs per candidate of the realistic grid. */
    static final int EPOCHS = 5;
    static final Duration LEASE = Duration.ofMinutes(5);

    private ReportFixtures() {
    }

    /** A clock moved by hand: the stored times, and so the plots, are deterministic. */
    static final class SteppedClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-01T09:00:00Z").toEpochMilli());

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

    /** An open store and its clock. */
    record Opened(SearchStore store, SteppedClock clock) {
    }

    /**
     * @param db        the SQLite file to create
     * @param name      the search's name
     * @param objective its objective
     * @return a new, empty search store with a stepped clock
     */
    static Opened open(Path db, String name, Objective objective) {
        SteppedClock clock = new SteppedClock();
        SearchDescription d = new SearchDescription(name, objective,
                "{\"arbiter\": {\"@class\": \"fixture\"}, \"names\": [\"lr\", \"norm\"]}",
                "{\"kind\": \"grid\", \"points\": 4}");
        return new Opened(SearchStore.open("jdbc:sqlite:" + db, d, StoreOptions.defaults().withClock(clock)), clock);
    }

    /** @return the hyperparameters JSON of the realistic grid's candidate {@code i} (lr fastest) */
    static String gridCandidate(int i) {
        double lr = LRS[i % LRS.length];
        String norm = NORMS[i / LRS.length];
        return String.format(Locale.ROOT, "{\"lr\": %s, \"norm\": \"%s\", \"point\": [%s, %s]}", lr, norm,
                (i % LRS.length) / 3.0, (i / LRS.length) / 2.0);
    }

    /**
     * A search of the 12 candidates of lr x norm as a two-worker run leaves it: 10 completed with 5 epoch scores,
     * candidate 11 (lr 0.1, no norm) failed with a NaN loss in epoch 3 (2 epoch scores and a stack trace), candidate
     * 10 still pending (claimed, then released at the run's deadline).
     *
     * @param db the SQLite file to create
     * @return the open store
     */
    static Opened realisticGrid(Path db) {
        Opened o = open(db, "fc-net lr x norm grid", Objective.MAXIMIZE);
        SearchStore store = o.store();
        List<CandidateSpec> specs = new ArrayList<>();
        for (int i = 0; i < LRS.length * NORMS.length; i++) {
            specs.add(new CandidateSpec(i, gridCandidate(i)));
        }
        store.addCandidates(specs);
        o.clock().advance(Duration.ofSeconds(3));
        for (int run = 0; run < 10; run++) {
            train(o, store.claim("host-a:4711:" + (run % 2), "cpu", LEASE).orElseThrow());
        }
        // candidate 10 is claimed and given back when the run's deadline comes: it stays PENDING
        Lease held = store.claim("host-a:4711:0", "cpu", LEASE).orElseThrow();
        train(o, store.claim("host-a:4711:1", "cpu", LEASE).orElseThrow());
        store.release(held);
        return o;
    }

    private static void train(Opened o, Lease lease) {
        SearchStore store = o.store();
        int i = lease.candidateIndex();
        double lr = LRS[i % LRS.length];
        String norm = NORMS[i / LRS.length];
        double seconds = 0;
        for (int e = 1; e <= EPOCHS; e++) {
            double epochSeconds = 28 + 3 * i + 7 * ((i * 3 + e) % 5);
            o.clock().advance(Duration.ofMillis((long) (epochSeconds * 1000)));
            seconds += epochSeconds;
            if (i == 11 && e == 3) {
                store.fail(lease, "java.lang.ArithmeticException: training loss is NaN at epoch 3, minibatch 17 "
                        + "(lr 0.1, no normalisation)\n\tat dev.cs231n.searches.run.NetworkTask.trainEpoch("
                        + "NetworkTask.java:212)\n\tat dev.cs231n.searches.run.NetworkTask.run(NetworkTask.java:"
                        + "140)\n\tat dev.cs231n.searches.store.SearchWorker.runOne(SearchWorker.java:188)",
                        seconds);
                return;
            }
            store.reportEpoch(lease, e, score(lr, norm, e), epochSeconds);
        }
        store.complete(lease, score(lr, norm, EPOCHS), seconds);
    }

    /**
     * @param lr    learning rate
     * @param norm  normalisation
     * @param epoch epoch from 1
     * @return a made-up validation accuracy: best near lr 1e-3 with batch norm, rising with the epochs
     */
    static double score(double lr, String norm, int epoch) {
        double distance = Math.abs(Math.log10(lr) + 2.7);
        double top = 0.53 - 0.06 * distance * distance + ("batch".equals(norm) ? 0.03 : "layer".equals(norm) ? 0.015
                : 0);
        return Math.round((top - (top - 0.18) * Math.exp(-0.9 * epoch)) * 1000) / 1000.0;
    }
}
