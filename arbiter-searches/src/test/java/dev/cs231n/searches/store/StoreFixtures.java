package dev.cs231n.searches.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Searches, grids, scores and a steppable clock shared by the store's tests and its worker child processes. */
final class StoreFixtures {

    private StoreFixtures() {
    }

    /** @return a two-hyperparameter grid search that maximises */
    static SearchDescription gridSearch() {
        return new SearchDescription("fixture grid", Objective.MAXIMIZE,
                "{\"lr\": [0.0005, 0.001, 0.002], \"reg\": [0.1, 0.27, 0.43, 0.6]}",
                "{\"type\": \"grid\", \"seed\": 7}");
    }

    /** @return the same space with a random strategy: another search */
    static SearchDescription randomSearch() {
        return new SearchDescription("fixture random", Objective.MAXIMIZE,
                "{\"lr\": [0.0005, 0.001, 0.002], \"reg\": [0.1, 0.27, 0.43, 0.6]}",
                "{\"type\": \"random\", \"seed\": 7, \"candidates\": 10}");
    }

    /**
     * @param n how many
     * @return candidates 0..n-1 with hyperparameters {"i": i, "lr": ..., "note": "..."}
     */
    static List<CandidateSpec> grid(int n) {
        List<CandidateSpec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add(new CandidateSpec(i, "{\"i\": " + i + ", \"lr\": " + (i + 1) + "e-3}"));
        }
        return specs;
    }

    /** @return the deterministic fake score of candidate {@code i} */
    static double score(int i) {
        return 0.5 + 0.01 * ((i * 7) % 30);
    }

    /** A clock the test moves by hand; shared by several stores to play several workers. */
    static final class SteppedClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

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
