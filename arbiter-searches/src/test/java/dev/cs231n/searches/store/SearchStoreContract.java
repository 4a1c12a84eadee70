package dev.cs231n.searches.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of {@link SearchStore} and its protocol, run against a database given by the subclass
 * (an SQLite file, an embedded PostgreSQL): each test gets a fresh, empty store URL.
 */
abstract class SearchStoreContract {

    static final Duration LEASE = Duration.ofSeconds(10);

    final StoreFixtures.SteppedClock clock = new StoreFixtures.SteppedClock();

    @TempDir
    Path tmp;

    /** @return the URL of a fresh, empty store, different on every call */
    abstract String freshUrl() throws Exception;

    SearchStore open(String url, SearchDescription d) {
        return SearchStore.open(url, d, StoreOptions.defaults().withClock(clock));
    }

    @Test
    void createsTheSearchAndReopensItWhateverTheJsonFormatting() throws Exception {
        String url = freshUrl();
        try (SearchStore store = open(url, StoreFixtures.gridSearch())) {
            assertEquals(url, store.url());
            assertEquals(0, store.candidates().size());
            assertFalse(store.isFinished(), "an empty search is not finished");
            store.addCandidates(StoreFixtures.grid(2));
        }
        SearchDescription reformatted = new SearchDescription("another label", Objective.MAXIMIZE,
                "{ \"reg\" : [0.1,0.27,0.43,0.6],\n \"lr\":[0.0005,0.001,0.002] }", "{\"seed\":7,\"type\":\"grid\"}");
        assertEquals(StoreFixtures.gridSearch().fingerprint(), reformatted.fingerprint());
        try (SearchStore store = open(url, reformatted)) {
            assertEquals("fixture grid", store.description().name(), "the stored name is kept");
            assertEquals(2, store.candidates().size());
        }
    }

    @Test
    void refusesAnotherSearchNamingTheUrlAndBothFingerprintsAndWritesNothing() throws Exception {
        String url = freshUrl();
        try (SearchStore store = open(url, StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(3));
        }
        SearchDescription other = StoreFixtures.randomSearch();
        SearchStoreException e = assertThrows(SearchStoreException.class, () -> open(url, other));
        String m = e.getMessage();
        assertTrue(m.contains(url), m);
        assertTrue(m.contains(StoreFixtures.gridSearch().fingerprint()), m);
        assertTrue(m.contains(other.fingerprint()), m);
        assertTrue(m.contains("fixture grid") && m.contains("fixture random"), m);
        assertTrue(m.contains("\"random\""), "the other strategy is described: " + m);
        SearchDescription minimising = new SearchDescription("min", Objective.MINIMIZE,
                StoreFixtures.gridSearch().spaceJson(), StoreFixtures.gridSearch().strategyJson());
        assertThrows(SearchStoreException.class, () -> open(url, minimising), "the objective is part of a search");
        try (SearchStore store = open(url, StoreFixtures.gridSearch())) {
            assertEquals(3, store.candidates().size());
            assertEquals("fixture grid", store.description().name());
        }
    }

    @Test
    void addingCandidatesIsIdempotentByIndexAndRefusesDifferentHyperparameters() throws Exception {
        try (SearchStore store = open(freshUrl(), StoreFixtures.gridSearch())) {
            assertEquals(5, store.addCandidates(StoreFixtures.grid(5)));
            assertEquals(0, store.addCandidates(StoreFixtures.grid(5)), "a second worker adds the same grid");
            assertEquals(3, store.addCandidates(StoreFixtures.grid(8).subList(3, 8)));
            List<CandidateSpec> conflicting = List.of(new CandidateSpec(9, "{\"i\": 9}"),
                    new CandidateSpec(2, "{\"i\": 2, \"lr\": 0.5}"));
            SearchStoreException e = assertThrows(SearchStoreException.class, () -> store.addCandidates(conflicting));
            assertTrue(e.getMessage().contains("candidate 2") && e.getMessage().contains(store.url()), e.getMessage());
            assertEquals(8, store.candidates().size(), "nothing of the refused call was added");
            assertTrue(store.candidate(9).isEmpty());
            Candidate c = store.candidate(2).orElseThrow();
            assertEquals(CandidateStatus.PENDING, c.status());
            assertEquals("{\"i\":2,\"lr\":0.003}", c.hyperparametersJson());
            assertEquals(0, c.attempts());
            assertNull(c.workerId());
            assertThrows(IllegalArgumentException.class,
                    () -> store.addCandidates(List.of(new CandidateSpec(20, "{}"), new CandidateSpec(20, "{\"a\":1}"))));
        }
        assertThrows(IllegalArgumentException.class, () -> new CandidateSpec(1, "[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> new CandidateSpec(1, "{lr: "));
        assertThrows(IllegalArgumentException.class, () -> new CandidateSpec(-1, "{}"));
    }

    @Test
    void claimsTheLowestPendingIndexMarkedRunningForTheWorker() throws Exception {
        try (SearchStore store = open(freshUrl(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(2));
            Lease a = store.claim("w1", "cpu", LEASE).orElseThrow();
            Lease b = store.claim("w2", "cuda:1", LEASE).orElseThrow();
            assertEquals(0, a.candidateIndex());
            assertEquals(1, b.candidateIndex());
            assertEquals(1, a.attempt());
            assertEquals(clock.instant().plus(LEASE), a.expiresAt());
            assertEquals("{\"i\":0,\"lr\":0.001}", a.hyperparametersJson());
            assertTrue(store.claim("w3", "cpu", LEASE).isEmpty(), "both are leased");
            Candidate c = store.candidate(1).orElseThrow();
            assertEquals(CandidateStatus.RUNNING, c.status());
            assertEquals("w2", c.workerId());
            assertEquals("cuda:1", c.device());
            assertEquals(1, c.attempts());
            assertEquals(clock.instant(), c.startedAt());
            assertEquals(clock.instant().plus(LEASE), c.leaseExpiresAt());
            assertThrows(IllegalArgumentException.class, () -> store.claim(" ", "cpu", LEASE));
            assertThrows(IllegalArgumentException.class, () -> store.claim("w", "cpu", Duration.ZERO));
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCanRecordNothing() throws Exception {
        String url = freshUrl();
        try (SearchStore dead = open(url, StoreFixtures.gridSearch());
                SearchStore alive = open(url, StoreFixtures.gridSearch())) {
            dead.addCandidates(StoreFixtures.grid(1));
            Lease old = dead.claim("dead", "cpu", LEASE).orElseThrow();
            dead.reportEpoch(old, 1, 0.3, 1.0);
            clock.advance(LEASE.minusSeconds(1));
            assertTrue(alive.claim("alive", "cpu", LEASE).isEmpty(), "the lease has not expired yet");
            clock.advance(Duration.ofSeconds(2));
            Lease taken = alive.claim("alive", "cpu", LEASE).orElseThrow();
            assertEquals(0, taken.candidateIndex());
            assertEquals(2, taken.attempt());

            LeaseLostException e = assertThrows(LeaseLostException.class, () -> dead.heartbeat(old));
            assertEquals(0, e.candidateIndex());
            assertTrue(e.getMessage().contains("alive") && e.getMessage().contains(url), e.getMessage());
            assertThrows(LeaseLostException.class, () -> dead.reportEpoch(old, 2, 0.4, 1.0));
            assertThrows(LeaseLostException.class, () -> dead.complete(old, 0.9, 5.0));
            assertThrows(LeaseLostException.class, () -> dead.fail(old, "late", 5.0));
            assertThrows(LeaseLostException.class, () -> dead.release(old));

            alive.reportEpoch(taken, 1, 0.5, 1.0);
            alive.complete(taken, 0.6, 2.0);
            assertThrows(LeaseLostException.class, () -> dead.complete(old, 0.9, 5.0), "still rejected after");
            assertThrows(LeaseLostException.class, () -> alive.complete(taken, 0.7, 2.0), "completed once only");
            Candidate c = alive.candidate(0).orElseThrow();
            assertEquals(CandidateStatus.COMPLETED, c.status());
            assertEquals(0.6, c.score());
            assertEquals("alive", c.workerId());
            assertEquals(2, c.attempts());
            assertEquals(1, c.epochs(), "the latest attempt's epochs");
            assertNull(c.leaseExpiresAt());
            assertEquals(List.of(new EpochScore(0, 1, 1, 0.3, 1.0), new EpochScore(0, 2, 1, 0.5, 1.0)),
                    alive.epochScores(0));
            assertTrue(alive.isFinished());
        }
    }

    @Test
    void aHeartbeatExtendsTheLeaseFromNow() throws Exception {
        String url = freshUrl();
        try (SearchStore w1 = open(url, StoreFixtures.gridSearch());
                SearchStore w2 = open(url, StoreFixtures.gridSearch())) {
            w1.addCandidates(StoreFixtures.grid(1));
            Lease lease = w1.claim("w1", "cpu", LEASE).orElseThrow();
            clock.advance(Duration.ofSeconds(8));
            assertEquals(clock.instant().plus(LEASE), w1.heartbeat(lease));
            clock.advance(Duration.ofSeconds(8));
            assertTrue(w2.claim("w2", "cpu", LEASE).isEmpty(), "16 s after the claim, renewed at 8 s");
            w1.reportEpoch(lease, 1, 0.1, 8.0); // an epoch renews too
            clock.advance(Duration.ofSeconds(9));
            assertTrue(w2.claim("w2", "cpu", LEASE).isEmpty());
            clock.advance(Duration.ofSeconds(2));
            assertTrue(w2.claim("w2", "cpu", LEASE).isPresent(), "11 s after the last renewal");
        }
    }

    @Test
    void anExpiredLeaseNobodyTookOverStillCompletes() throws Exception {
        try (SearchStore store = open(freshUrl(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(1));
            Lease lease = store.claim("slow", "cpu", LEASE).orElseThrow();
            clock.advance(LEASE.multipliedBy(3));
            store.complete(lease, 0.55, 30.0);
            assertEquals(CandidateStatus.COMPLETED, store.candidate(0).orElseThrow().status());
            assertTrue(store.claim("other", "cpu", LEASE).isEmpty());
        }
    }

    @Test
    void epochScoresAreRecordedOncePerAttemptAndMustBeFinite() throws Exception {
        try (SearchStore store = open(freshUrl(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(2));
            Lease lease = store.claim("w", "cpu", LEASE).orElseThrow();
            for (int epoch = 1; epoch <= 3; epoch++) {
                store.reportEpoch(lease, epoch, 0.1 * epoch, 2.5);
            }
            assertThrows(IllegalStateException.class, () -> store.reportEpoch(lease, 2, 0.9, 1.0));
            assertThrows(IllegalArgumentException.class, () -> store.reportEpoch(lease, 4, Double.NaN, 1.0));
            assertThrows(IllegalArgumentException.class,
                    () -> store.reportEpoch(lease, 4, Double.POSITIVE_INFINITY, 1.0));
            assertThrows(IllegalArgumentException.class, () -> store.reportEpoch(lease, 4, 0.5, -1.0));
            assertEquals(3, store.candidate(0).orElseThrow().epochs());
            List<EpochScore> scores = store.epochScores(0);
            assertEquals(3, scores.size());
            assertEquals(0.3, scores.get(2).score(), 1e-12);
            assertEquals(3, scores.get(2).epoch());
            assertEquals(2.5, scores.get(2).seconds());
            assertEquals(3, store.epochScores().size());
            assertTrue(store.epochScores(1).isEmpty());
        }
    }

    @Test
    void aFailedCandidateKeepsItsErrorAndTheSearchGoesOn() throws Exception {
        try (SearchStore store = open(freshUrl(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(2));
            Lease first = store.claim("w", "cpu", LEASE).orElseThrow();
            assertThrows(IllegalArgumentException.class, () -> store.complete(first, Double.NaN, 1.0));
            store.fail(first, "java.lang.IllegalStateException: NaN loss at epoch 2\n\tat Task.run", 3.0);
            Candidate failed = store.candidate(0).orElseThrow();
            assertEquals(CandidateStatus.FAILED, failed.status());
            assertTrue(failed.error().contains("NaN loss at epoch 2"), failed.error());
            assertNull(failed.score());
            assertEquals(3.0, failed.seconds());
            assertEquals(clock.instant(), failed.finishedAt());
            Lease second = store.claim("w", "cpu", LEASE).orElseThrow();
            assertEquals(1, second.candidateIndex(), "a failed candidate is final");
            store.complete(second, 0.7, 4.0);
            assertTrue(store.isFinished());
            assertEquals(Map.of(CandidateStatus.PENDING, 0, CandidateStatus.RUNNING, 0, CandidateStatus.COMPLETED, 1,
                    CandidateStatus.FAILED, 1), store.counts());
        }
    }

    @Test
    void aCandidateWhoseWorkersKeepDyingFailsAfterMaxAttempts() throws Exception {
        String url = freshUrl();
        StoreOptions twice = StoreOptions.defaults().withClock(clock).withMaxAttempts(2);
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch(), twice)) {
            store.addCandidates(StoreFixtures.grid(1));
            assertEquals(1, store.claim("a", "cpu", LEASE).orElseThrow().attempt());
            clock.advance(LEASE.plusSeconds(1));
            assertEquals(2, store.claim("b", "cpu", LEASE).orElseThrow().attempt());
            clock.advance(LEASE.plusSeconds(1));
            assertTrue(store.claim("c", "cpu", LEASE).isEmpty());
            Candidate c = store.candidate(0).orElseThrow();
            assertEquals(CandidateStatus.FAILED, c.status());
            assertTrue(c.error().contains("abandoned") && c.error().contains("2 attempts") && c.error().contains("b"),
                    c.error());
            assertTrue(store.isFinished());
        }
    }

    @Test
    void releaseGivesTheCandidateBackUncounted() throws Exception {
        try (SearchStore store = open(freshUrl(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(1));
            Lease lease = store.claim("w", "cpu", LEASE).orElseThrow();
            store.reportEpoch(lease, 1, 0.2, 1.0);
            store.release(lease);
            Candidate c = store.candidate(0).orElseThrow();
            assertEquals(CandidateStatus.PENDING, c.status());
            assertEquals(0, c.attempts());
            assertTrue(store.epochScores(0).isEmpty());
            Lease again = store.claim("w", "cpu", LEASE).orElseThrow();
            assertEquals(1, again.attempt());
            assertEquals(2, again.claim());
            store.reportEpoch(again, 1, 0.25, 1.0);
            assertThrows(LeaseLostException.class, () -> store.heartbeat(lease), "same worker and attempt, old claim");
            assertThrows(LeaseLostException.class, () -> store.complete(lease, 0.1, 1.0));
            assertEquals(List.of(new EpochScore(0, 1, 1, 0.25, 1.0)), store.epochScores(0));
        }
    }

    @Test
    void bestFollowsTheObjective() throws Exception {
        double[] scores = {0.4, 0.9, 0.1, 0.9};
        for (Objective objective : Objective.values()) {
            SearchDescription d = new SearchDescription("best", objective, "{\"x\":[1,2]}", "{\"type\":\"grid\"}");
            try (SearchStore store = open(freshUrl(), d)) {
                assertTrue(store.best().isEmpty());
                store.addCandidates(StoreFixtures.grid(5));
                for (double s : scores) {
                    store.complete(store.claim("w", "cpu", LEASE).orElseThrow(), s, 1.0);
                }
                store.fail(store.claim("w", "cpu", LEASE).orElseThrow(), "boom", 1.0);
                Optional<Candidate> best = store.best();
                if (objective == Objective.MAXIMIZE) {
                    assertEquals(1, best.orElseThrow().index(), "0.9 first reached by candidate 1");
                } else {
                    assertEquals(2, best.orElseThrow().index());
                }
            }
        }
    }

    @Test
    void concurrentWorkersWithTheirOwnConnectionsNeverShareACandidate() throws Exception {
        String url = freshUrl();
        int n = 40;
        int workers = 4;
        try (SearchStore setup = SearchStore.open(url, StoreFixtures.gridSearch())) {
            setup.addCandidates(StoreFixtures.grid(n));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<Integer>>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String id = "thread-" + w;
            done.add(pool.submit(() -> {
                List<Integer> mine = new ArrayList<>();
                try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
                    store.addCandidates(StoreFixtures.grid(n)); // every worker adds the grid
                    for (Optional<Lease> l = store.claim(id, "cpu", LEASE); l.isPresent();
                            l = store.claim(id, "cpu", LEASE)) {
                        store.reportEpoch(l.get(), 1, 0.1, 0.0);
                        store.complete(l.get(), StoreFixtures.score(l.get().candidateIndex()), 0.01);
                        mine.add(l.get().candidateIndex());
                    }
                }
                return mine;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> f : done) {
            all.addAll(f.get());
        }
        Collections.sort(all);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        assertEquals(expected, all, "every candidate claimed and completed by exactly one worker");
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
            Set<String> ids = new HashSet<>();
            for (Candidate c : store.candidates()) {
                assertEquals(CandidateStatus.COMPLETED, c.status());
                assertEquals(1, c.attempts());
                assertEquals(StoreFixtures.score(c.index()), c.score());
                ids.add(c.workerId());
            }
            assertTrue(ids.size() >= 1);
        }
    }

    @Test
    void workersOpeningAFreshStoreTogetherCreateOneSearch() throws Exception {
        String url = freshUrl();
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> added = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            added.add(pool.submit(() -> {
                go.await();
                try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
                    return store.addCandidates(StoreFixtures.grid(10));
                }
            }));
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        int total = 0;
        for (Future<Integer> f : added) {
            total += f.get(); // rethrows a worker's failure to open
        }
        assertEquals(10, total, "each candidate added by exactly one of the workers");
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
            assertEquals(10, store.candidates().size());
        }
    }

    @Test
    void exportsCandidatesAsCsvWithOneColumnPerHyperparameter() throws Exception {
        try (SearchStore store = open(freshUrl(), StoreFixtures.gridSearch())) {
            store.addCandidates(List.of(new CandidateSpec(0, "{\"lr\": 0.001, \"norm\": \"batch, layer\"}"),
                    new CandidateSpec(1, "{\"lr\": 0.002, \"widths\": [100, 50], \"status\": \"x\"}"),
                    new CandidateSpec(2, "{\"lr\": 0.003}")));
            Lease a = store.claim("w,1", "cpu", LEASE).orElseThrow();
            store.reportEpoch(a, 1, 0.4, 1.5);
            store.complete(a, 0.45, 1.5);
            Lease b = store.claim("w\"2", "cpu", LEASE).orElseThrow();
            store.fail(b, "line one, \"quoted\"\nline two", 0.5);
            Path csv = store.exportCsv(tmp.resolve("out/candidates.csv"));
            try (Reader in = Files.newBufferedReader(csv);
                    CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                            .parse(in)) {
                assertEquals(List.of("candidate", "status", "score", "seconds", "epochs", "attempts", "worker",
                        "device", "started", "finished", "error", "lr", "norm", "hp_status", "widths",
                        "hyperparameters"), parser.getHeaderNames());
                List<CSVRecord> rows = parser.getRecords();
                assertEquals(3, rows.size());
                assertEquals("COMPLETED", rows.get(0).get("status"));
                assertEquals(0.45, Double.parseDouble(rows.get(0).get("score")));
                assertEquals("1", rows.get(0).get("epochs"));
                assertEquals("w,1", rows.get(0).get("worker"));
                assertEquals("batch, layer", rows.get(0).get("norm"));
                assertEquals("0.001", rows.get(0).get("lr"));
                assertEquals("line one, \"quoted\"\nline two", rows.get(1).get("error"));
                assertEquals("w\"2", rows.get(1).get("worker"));
                assertEquals("[100,50]", rows.get(1).get("widths"));
                assertEquals("x", rows.get(1).get("hp_status"));
                assertEquals("PENDING", rows.get(2).get("status"));
                assertEquals("", rows.get(2).get("score"));
                assertEquals("{\"lr\":0.003}", rows.get(2).get("hyperparameters"));
            }
            try (var files = Files.list(csv.getParent())) {
                assertEquals(List.of(csv), files.toList(), "no temporary file left");
            }
        }
    }

    @Test
    void aClosedStoreSaysSo() throws Exception {
        SearchStore store = open(freshUrl(), StoreFixtures.gridSearch());
        store.close();
        store.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, store::candidates);
        assertTrue(e.getMessage().contains(store.url()), e.getMessage());
        assertNotEquals(null, store.description());
    }
}
