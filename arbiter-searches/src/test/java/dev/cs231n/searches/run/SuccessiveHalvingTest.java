package dev.cs231n.searches.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cs231n.searches.nets.FcNetSpace;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.CandidateTask;
import dev.cs231n.searches.store.EpochScore;
import dev.cs231n.searches.store.Objective;
import dev.cs231n.searches.store.SearchDescription;
import dev.cs231n.searches.store.SearchStore;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Successive halving on the store: rung sizes and epoch budgets; the best 1/eta of each rung promoted (ties to the
 * lower index, failed ones out) as new candidates that record rung, parent and budget; each candidate run once by 2
 * workers; a search stopped mid-rung (several times) resumed by later runs on a reopened store to the same
 * candidates; a real search's networks continued from their parents' files with only the extra epochs counted.
 */
class SuccessiveHalvingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rung 0's scores by index (NaN: the candidate fails) and the promoted ones' (see the expected rungs). */
    private static final double[] SCORES = {0.5, 0.9, Double.NaN, 0.9, 0.1, 0.7, 0.3, 0.2, 0.6,
        0.8, Double.NaN, 0.85, 0.88};

    @Test
    void rungSizesAndBudgets() {
        Halving course = Strategy.halving(Strategy.grid(4), 3, 1, 9);
        assertEquals(2, course.lastRung());
        assertArrayEquals(new int[] {12, 4, 1}, course.rungSizes(12));
        assertEquals(List.of(1, 3, 9), List.of(course.budget(0), course.budget(1), course.budget(2)));
        assertEquals(12 + 4 * 2 + 6, course.plannedEpochs(12));

        Halving capped = Strategy.halving(Strategy.grid(4), 3, 1, 10);
        assertEquals(3, capped.lastRung(), "9 < 10: a last rung takes the survivor to 10 epochs");
        assertEquals(10, capped.budget(3));
        assertArrayEquals(new int[] {12, 4, 1, 1}, capped.rungSizes(12));
        assertEquals(27, capped.plannedEpochs(12));

        Halving two = Strategy.halving(Strategy.random(1), 2, 2, 10);
        assertArrayEquals(new int[] {12, 6, 3, 1}, two.rungSizes(12));
        assertEquals(List.of(2, 4, 8, 10), List.of(two.budget(0), two.budget(1), two.budget(2), two.budget(3)));
        assertEquals(24 + 12 + 12 + 2, two.plannedEpochs(12));

        Halving flat = Strategy.halving(Strategy.grid(2), 3, 5, 5);
        assertEquals(0, flat.lastRung());
        assertEquals(40, flat.plannedEpochs(8), "min = max: one rung, a plain grid");
        assertArrayEquals(new int[] {2, 1, 1}, Strategy.halving(Strategy.grid(2), 4, 1, 16).rungSizes(2),
                "a rung keeps at least one candidate");

        assertEquals("{\"kind\":\"halving\",\"base\":{\"kind\":\"grid\",\"gridPoints\":4},\"eta\":3,"
                + "\"minEpochs\":1,\"maxEpochs\":9}", course.toJson());
        assertThrows(IllegalArgumentException.class, () -> course.budget(3));
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> Strategy.halving(Strategy.grid(2), 1, 1, 9));
        assertThrows(IllegalArgumentException.class, () -> Strategy.halving(Strategy.grid(2), 3, 0, 9));
        assertThrows(IllegalArgumentException.class, () -> Strategy.halving(Strategy.grid(2), 3, 5, 4));
        IllegalArgumentException genetic = assertThrows(IllegalArgumentException.class,
                () -> Strategy.halving(Strategy.genetic(1, 3), 3, 1, 9));
        assertTrue(genetic.getMessage().contains("grid or a random"), genetic.getMessage());
        FcNetSpace s = RunFixtures.smallFcNet();
        Map<String, ParameterSpace<?>> named = new LinkedHashMap<>(s.named());
        named.put(TrainingBudget.EPOCHS, named.values().iterator().next());
        IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                () -> SuccessiveHalving.of(s.space(), named, Strategy.halving(Strategy.grid(2), 3, 1, 9)));
        assertTrue(reserved.getMessage().contains("'epochs' is reserved"), reserved.getMessage());
    }

    @Test
    void promotesTheBestThirdOfEachRungTiesToTheLowerIndexFailedOut(@TempDir Path dir) throws Exception {
        SuccessiveHalving<DL4JConfiguration> sh = halving(Strategy.halving(Strategy.grid(2), 3, 1, 9));
        Termination t = new Termination(9, null);
        try (SearchStore store = store(dir, sh)) {
            assertEquals(9, store.addCandidates(sh.candidates(t)), "rung 0");
            assertTrue(sh.next(store.candidates(), t).isEmpty(), "rung 1 waits for rung 0's results");
            SearchRunner.Result r = SearchRunner.builder(store, () -> scoredBy(SCORES)).workers(2)
                    .poll(Duration.ofMillis(20)).topUp(() -> store.addCandidates(sh.next(store.candidates(), t)))
                    .build().run();
            assertEquals(11, r.summary().completed(), "" + r);
            assertEquals(2, r.summary().failed(), "" + r);
            checkFinalSearch(sh, store.candidates());
            assertEquals(1, store.best().orElseThrow().index(), "the store's best is a 1-epoch score of 0.9");
        }
    }

    @Test
    void aSearchStoppedMidRungIsResumedToTheSameCandidatesEachRunOnce(@TempDir Path dir) throws Exception {
        SuccessiveHalving<DL4JConfiguration> sh = halving(Strategy.halving(Strategy.grid(2), 3, 1, 9));
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Termination t = new Termination(9, Duration.ofMinutes(10));
        int runs = 0;
        boolean finished = false;
        List<Integer> sizes = new java.util.ArrayList<>();
        while (!finished) {
            runs++;
            assertTrue(runs <= 10, "the search ends");
            try (SearchStore store = store(dir, sh)) { // a new process opening the same search
                store.addCandidates(sh.candidates(t));
                CandidateTask slow = (json, ctx) -> {
                    now.set(now.get().plus(Duration.ofMinutes(6))); // the third claim of a run is past its deadline
                    return scoredBy(SCORES).run(json, ctx);
                };
                SearchRunner.Result r = SearchRunner.builder(store, () -> slow).clock(stepped(now))
                        .deadline(t.deadline(now.get())).poll(Duration.ofMillis(20))
                        .topUp(() -> store.addCandidates(sh.next(store.candidates(), t))).build().run();
                assertTrue(r.summary().completed() + r.summary().failed() <= 2, "" + r);
                sizes.add(store.candidates().size());
                finished = store.isFinished() && sh.next(store.candidates(), t).isEmpty();
                if (finished) {
                    checkFinalSearch(sh, store.candidates());
                }
            }
        }
        assertEquals(7, runs, "13 candidates, 2 per run: " + sizes);
        assertEquals(List.of(9, 9, 9, 9, 12, 12, 13), sizes, "rungs added only once the rung below was final");
    }

    @Test
    void twoWorkersTrainEachCandidateOnceFromItsParentCountingOnlyTheExtraEpochs(@TempDir Path dir)
            throws Exception {
        Halving h = Strategy.halving(Strategy.random(3), 2, 1, 4);
        SuccessiveHalving<DL4JConfiguration> sh = halving(h);
        Termination t = new Termination(4, null);
        SearchSplits data = RunFixtures.splits(new AtomicInteger());
        ModelFiles models = ModelFiles.in(dir.resolve("models"));
        try (SearchStore store = store(dir, sh)) {
            store.addCandidates(sh.candidates(t));
            data.beginSearch();
            SearchRunner.Result r = SearchRunner.builder(store, () -> new NetworkTask(
                    json -> sh.rebuild(json).getMultiLayerConfiguration(), data, h.maxEpochs(), models, models))
                    .workers(2).threadsPerWorker(1).poll(Duration.ofMillis(50))
                    .topUp(() -> store.addCandidates(sh.next(store.candidates(), t))).build().run();
            data.endSearch();
            List<Candidate> all = store.candidates();
            assertEquals(7, all.size(), "rungs of 4, 2 and 1 at 1, 2 and 4 epochs");
            assertEquals(7, r.summary().completed(), "" + r);
            int epochs = 0;
            for (Candidate c : all) {
                assertEquals(CandidateStatus.COMPLETED, c.status(), c.error());
                assertEquals(1, c.attempts(), "candidate " + c.index() + " ran once");
                assertEquals("cpu", c.device());
                TrainingBudget b = TrainingBudget.of(c.hyperparametersJson()).orElseThrow();
                int from = b.continues() ? TrainingBudget.of(all.get(b.parent()).hyperparametersJson())
                        .orElseThrow().epochs() : 0;
                List<Integer> numbers = store.epochScores(c.index()).stream().map(EpochScore::epoch).toList();
                assertEquals(java.util.stream.IntStream.rangeClosed(from + 1, b.epochs()).boxed().toList(), numbers,
                        "candidate " + c.index() + " trains epochs " + (from + 1) + ".." + b.epochs());
                assertEquals(b.epochs() - from, c.epochs());
                MultiLayerNetwork net = models.load(c.index());
                assertEquals(b.epochs(), net.getEpochCount(), "candidate " + c.index() + "'s saved network");
                epochs += c.epochs();
            }
            assertEquals(h.plannedEpochs(4), epochs, "epochs used: 4 x 1 + 2 x 1 + 1 x 2");
            assertEquals(8, epochs);
            assertEquals(8, data.validationReads(), "one validation per epoch trained");
            assertEquals(7, data.trainReads(), "one training iterator per candidate");
            assertEquals(6, sh.best(all).orElseThrow().index(), "the best is the last rung's one");
        }
    }

    /** The structure the scores {@link #SCORES} give with eta 3 over 9 candidates (rungs of 9, 3 and 1). */
    private static void checkFinalSearch(SuccessiveHalving<?> sh, List<Candidate> all) throws Exception {
        assertEquals(13, all.size());
        // rung 1: 0.9 (1) and 0.9 (3) tie, the lower index first; then 0.7 (5); 2 failed and is out
        // rung 2: of 0.8 (9), failed (10) and 0.85 (11), one: 11
        int[] parents = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 3, 5, 11};
        int[] rungs = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2};
        int[] budgets = {1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 9};
        for (Candidate c : all) {
            TrainingBudget b = TrainingBudget.of(c.hyperparametersJson()).orElseThrow();
            int i = c.index();
            assertEquals(new TrainingBudget(rungs[i], parents[i], budgets[i]), b, "candidate " + i);
            assertEquals(1, c.attempts(), "candidate " + i + " ran once");
            assertEquals(Double.isNaN(SCORES[i]) ? CandidateStatus.FAILED : CandidateStatus.COMPLETED, c.status());
            if (b.continues()) {
                assertEquals(hyperparameters(all.get(b.parent()).hyperparametersJson()),
                        hyperparameters(c.hyperparametersJson()), "candidate " + i + " is its parent, promoted");
            }
        }
        Candidate best = sh.best(all).orElseThrow();
        assertEquals(12, best.index(), "the best of the last rung, though a 1-epoch score was higher");
        assertEquals(0.88, best.score(), 0.0);
    }

    private static ObjectNode hyperparameters(String json) throws Exception {
        ObjectNode o = (ObjectNode) JSON.readTree(json);
        o.remove(List.of(TrainingBudget.RUNG, TrainingBudget.PARENT, TrainingBudget.EPOCHS));
        return o;
    }

    /** A task whose score is {@code scores[index]}; NaN fails the candidate. */
    private static CandidateTask scoredBy(double[] scores) {
        return (json, ctx) -> {
            double s = scores[ctx.candidateIndex()];
            if (Double.isNaN(s)) {
                throw new IllegalStateException("candidate " + ctx.candidateIndex() + " fails in this test");
            }
            return s;
        };
    }

    private static SuccessiveHalving<DL4JConfiguration> halving(Halving h) {
        FcNetSpace s = RunFixtures.smallFcNet();
        return SuccessiveHalving.of(s.space(), s.named(), h);
    }

    private static SearchStore store(Path dir, SuccessiveHalving<?> sh) {
        return SearchStore.open(SearchStore.defaultUrl(dir), new SearchDescription("halving test",
                Objective.MAXIMIZE, sh.spaceJson(), sh.halving().toJson()));
    }

    private static Clock stepped(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }
}
