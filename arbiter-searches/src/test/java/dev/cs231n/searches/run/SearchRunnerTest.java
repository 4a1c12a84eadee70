package dev.cs231n.searches.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateSpec;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.SearchStore;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The runner on a tiny fc-net grid and learnable blobs: every candidate trained and scored on validation with its
 * epochs stored; failing candidates (an exception, a NaN loss) recorded FAILED while the rest complete; the test
 * split never opened during the search (and a task that reaches for it fails); the wall-clock deadline stops new
 * claims and a later run completes the rest, each candidate once.
 */
class SearchRunnerTest {

    private static final int EPOCHS = 2;

    @Test
    void twoWorkersRunEveryCandidateOnTrainAndValidationOnly(@TempDir Path dir) throws Exception {
        SpaceCandidates<?> c = RunFixtures.candidates(Strategy.random(4));
        AtomicInteger testOpened = new AtomicInteger();
        SearchSplits data = RunFixtures.splits(testOpened);
        AtomicReference<MultiLayerNetwork> best = new AtomicReference<>();
        try (SearchStore store = RunFixtures.store(dir, c)) {
            store.addCandidates(c.candidates(new Termination(4, null)));
            data.beginSearch();
            SearchRunner.Result r = SearchRunner.builder(store, () -> new NetworkTask(conf(c), data, EPOCHS, null))
                    .workers(2).threadsPerWorker(1).build().run();
            data.endSearch();
            assertEquals(4, r.summary().completed(), "" + r);
            assertEquals(0, testOpened.get(), "the test split is not opened during the search");
            assertEquals(0, data.testReads());
            assertEquals(4, data.trainReads(), "one training iterator per candidate");
            assertEquals(4 * EPOCHS, data.validationReads(), "validation after every epoch");
            for (Candidate cand : store.candidates()) {
                assertEquals(CandidateStatus.COMPLETED, cand.status());
                assertEquals(EPOCHS, cand.epochs());
                assertEquals(cand.score(), store.epochScores(cand.index()).get(EPOCHS - 1).score(), 0.0,
                        "the score is the last epoch's validation accuracy");
            }
            assertTrue(store.best().orElseThrow().score() > 0.6, "blobs are learnable: " + store.best());
            MultiLayerNetwork net = new MultiLayerNetwork(conf(c).apply(store.best().orElseThrow()
                    .hyperparametersJson()));
            net.init();
            best.set(net);
        }
        NetworkTask.accuracy(best.get(), data.test());
        assertEquals(1, testOpened.get(), "the test split is opened once, after the search");
    }

    @Test
    void failingCandidatesAreRecordedAndTheSearchGoesOn(@TempDir Path dir) throws Exception {
        SpaceCandidates<?> c = RunFixtures.candidates(Strategy.grid(2));
        AtomicInteger testOpened = new AtomicInteger();
        SearchSplits data = RunFixtures.splits(testOpened);
        List<CandidateSpec> specs = c.candidates(new Termination(5, null));
        Function<String, MultiLayerConfiguration> good = conf(c);
        Function<String, MultiLayerConfiguration> faulty = json -> {
            if (json.equals(specs.get(1).hyperparametersJson())) {
                throw new IllegalArgumentException("bad configuration for this test");
            }
            MultiLayerConfiguration m = good.apply(json);
            if (json.equals(specs.get(3).hyperparametersJson())) {
                for (NeuralNetConfiguration l : m.getConfs()) {
                    if (l.getLayer() instanceof BaseLayer b) {
                        b.setIUpdater(new Sgd(Double.NaN)); // the parameters become NaN after one step
                    }
                }
            }
            return m;
        };
        try (SearchStore store = RunFixtures.store(dir, c)) {
            store.addCandidates(specs);
            data.beginSearch();
            SearchRunner.Result r = SearchRunner.builder(store, () -> (json, ctx) -> {
                if (ctx.candidateIndex() == 4) {
                    data.test(); // a task that reaches for the test split fails
                }
                return new NetworkTask(faulty, data, EPOCHS, null).run(json, ctx);
            }).build().run();
            data.endSearch();
            assertEquals(2, r.summary().completed(), "" + r);
            assertEquals(3, r.summary().failed(), "" + r);
            Map<Integer, Candidate> byIndex = store.candidates().stream()
                    .collect(java.util.stream.Collectors.toMap(Candidate::index, x -> x));
            assertEquals(CandidateStatus.COMPLETED, byIndex.get(0).status());
            assertEquals(CandidateStatus.COMPLETED, byIndex.get(2).status());
            assertTrue(byIndex.get(1).error().contains("bad configuration for this test"), byIndex.get(1).error());
            assertTrue(byIndex.get(3).error().contains("training loss is NaN"), byIndex.get(3).error());
            assertTrue(byIndex.get(4).error().contains("test split is not read during a search"),
                    byIndex.get(4).error());
            assertNull(byIndex.get(0).error());
        }
        assertEquals(0, testOpened.get());
        assertEquals(1, data.testRefusals());
    }

    @Test
    void deadlineStopsNewClaimsAndALaterRunCompletesTheRestOnce(@TempDir Path dir) throws Exception {
        SpaceCandidates<?> c = RunFixtures.candidates(Strategy.random(9));
        SearchSplits data = RunFixtures.splits(new AtomicInteger());
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(start);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        Termination t = new Termination(4, java.time.Duration.ofMinutes(10));
        try (SearchStore store = RunFixtures.store(dir, c)) {
            store.addCandidates(c.candidates(t));
            // each finished candidate takes "6 minutes": the third claim comes after the 10-minute budget
            NetworkTask.ModelSink tick = (i, net) -> now.set(now.get().plusSeconds(360));
            SearchRunner.Result first = SearchRunner.builder(store, () -> new NetworkTask(conf(c), data, 1, tick))
                    .deadline(t.deadline(start)).clock(clock).build().run();
            assertTrue(first.deadlineReached());
            assertEquals(2, first.summary().completed(), "" + first);
            assertEquals(2, store.counts().get(CandidateStatus.PENDING), "the rest waits for a later run");
            assertEquals(0, store.counts().get(CandidateStatus.RUNNING));

            SearchRunner.Result second = SearchRunner.builder(store, () -> new NetworkTask(conf(c), data, 1, null))
                    .deadline(t.deadline(Instant.now())).build().run();
            assertEquals(2, second.summary().completed(), "" + second);
            assertTrue(store.isFinished());
            for (Candidate cand : store.candidates()) {
                assertEquals(CandidateStatus.COMPLETED, cand.status());
                assertEquals(1, cand.attempts(), "candidate " + cand.index() + " ran once");
            }
        }
    }

    @Test
    void geneticSearchBreedsEachGenerationFromTheStoredResultsOfTheEarlierOnes(@TempDir Path dir) throws Exception {
        SpaceCandidates<?> c = RunFixtures.candidates(Strategy.genetic(21, 3));
        SearchSplits data = RunFixtures.splits(new AtomicInteger());
        Termination t = new Termination(7, null);
        try (SearchStore store = RunFixtures.store(dir, c)) {
            assertEquals(3, store.addCandidates(c.candidates(t)), "generation 0");
            assertTrue(c.next(store.candidates(), t).isEmpty(), "generation 1 waits for generation 0's results");
            SearchRunner.Result r = SearchRunner.builder(store, () -> new NetworkTask(conf(c), data, 1, null))
                    .workers(2).topUp(() -> store.addCandidates(c.next(store.candidates(), t))).build().run();
            assertEquals(7, r.summary().completed(), "" + r);
            List<Candidate> all = store.candidates();
            assertEquals(7, all.size());
            assertEquals(7, all.stream().map(Candidate::hyperparametersJson).distinct().count(), all.stream()
                    .map(x -> x.index() + " " + x.score() + " " + x.hyperparametersJson()).toList().toString());
            SpaceCandidates<?> fresh = RunFixtures.candidates(Strategy.genetic(21, 3));
            for (Candidate cand : all) {
                int start = cand.index() / 3 * 3;
                assertEquals(cand.hyperparametersJson(),
                        fresh.genetic(cand.index(), all, List.of()).hyperparametersJson(),
                        "candidate " + cand.index() + " is a function of the seed and the earlier generations");
                for (Candidate earlier : all) {
                    if (earlier.index() < start) {
                        assertTrue(!cand.createdAt().isBefore(earlier.finishedAt()), "candidate " + cand.index()
                                + " was added after candidate " + earlier.index() + " finished");
                    }
                }
            }
            assertTrue(c.next(store.candidates(), t).isEmpty(), "the search holds its 7");
        }
    }

    private static Function<String, MultiLayerConfiguration> conf(SpaceCandidates<?> c) {
        return json -> ((DL4JConfiguration) c.rebuild(json)).getMultiLayerConfiguration();
    }
}
