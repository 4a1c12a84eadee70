package dev.cs231n.searches.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@link SearchWorker} loop on an SQLite store: results, failures, lost leases, dead workers, interrupts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SearchWorkerTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("search.db");
    }

    private static int index(String json) {
        return Integer.parseInt(json.replaceAll(".*\"i\":(\\d+).*", "$1"));
    }

    @Test
    void runsEveryCandidateRecordingEpochsDeviceAndScore() {
        try (SearchStore store = SearchStore.open(url(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(6));
            CandidateTask task = (json, ctx) -> {
                int i = index(json);
                assertEquals(i, ctx.candidateIndex());
                assertEquals(1, ctx.attempt());
                assertEquals("cuda:0", ctx.device());
                for (int e = 1; e <= 3; e++) {
                    ctx.reportEpoch(e, StoreFixtures.score(i) * e / 3);
                    ctx.checkLease();
                }
                assertTrue(ctx.leaseHeld());
                return StoreFixtures.score(i);
            };
            WorkerSummary s = SearchWorker.builder(store, task).workerId("w").device("cuda:0").build().run();
            assertEquals(new WorkerSummary(6, 0, 0, 0), s);
            for (Candidate c : store.candidates()) {
                assertEquals(CandidateStatus.COMPLETED, c.status());
                assertEquals(StoreFixtures.score(c.index()), c.score());
                assertEquals("cuda:0", c.device());
                assertEquals("w", c.workerId());
                assertEquals(3, c.epochs());
                assertTrue(c.seconds() >= 0);
            }
            assertTrue(store.isFinished());
        }
    }

    @Test
    void exceptionsNanScoresAndOutOfMemoryAreRecordedAsFailedAndTheLoopGoesOn() {
        try (SearchStore store = SearchStore.open(url(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(5));
            CandidateTask task = (json, ctx) -> {
                switch (index(json)) {
                    case 0 -> throw new IllegalArgumentException("nIn must be positive");
                    case 1 -> {
                        return Double.NaN;
                    }
                    case 2 -> {
                        ctx.reportEpoch(1, 0.2);
                        ctx.reportEpoch(2, Double.NaN);
                        return 0.3;
                    }
                    case 3 -> throw new OutOfMemoryError("simulated: cannot allocate 8 GB");
                    default -> {
                        return 0.42;
                    }
                }
            };
            WorkerSummary s = SearchWorker.builder(store, task).workerId("w").build().run();
            assertEquals(new WorkerSummary(1, 4, 0, 0), s);
            List<Candidate> all = store.candidates();
            assertTrue(all.get(0).error().contains("IllegalArgumentException: nIn must be positive"), all.get(0).error());
            assertTrue(all.get(0).error().contains("at dev.cs231n"), "the stack trace is kept");
            assertTrue(all.get(1).error().contains("NaN"), all.get(1).error());
            assertTrue(all.get(2).error().contains("epoch 2 score is NaN"), all.get(2).error());
            assertEquals(1, all.get(2).epochs(), "the finite epoch before the NaN is kept");
            assertTrue(all.get(3).error().contains("OutOfMemoryError"), all.get(3).error());
            assertEquals(CandidateStatus.COMPLETED, all.get(4).status());
            assertEquals(0.42, all.get(4).score());
        }
    }

    @Test
    void aCandidateTakenOverDuringTheTaskIsDroppedAndRecordedOnlyByTheNewHolder() {
        StoreFixtures.SteppedClock clock = new StoreFixtures.SteppedClock();
        StoreOptions options = StoreOptions.defaults().withClock(clock);
        Duration lease = Duration.ofSeconds(60); // no heartbeat fires during the test; the clock jumps instead
        try (SearchStore store = SearchStore.open(url(), StoreFixtures.gridSearch(), options);
                SearchStore thief = SearchStore.open(url(), StoreFixtures.gridSearch(), options)) {
            store.addCandidates(StoreFixtures.grid(2));
            CandidateTask task = (json, ctx) -> {
                int i = index(json);
                clock.advance(lease.plusSeconds(1)); // this worker stalls past its lease ...
                Lease taken = thief.claim("thief", "cpu", lease).orElseThrow(); // ... and is taken over
                assertEquals(i, taken.candidateIndex());
                thief.complete(taken, 0.99, 1.0);
                if (i == 0) {
                    ctx.reportEpoch(1, 0.5); // throws: lease lost
                    throw new AssertionError("reportEpoch should have thrown");
                }
                return 0.11; // returns normally: its completion is rejected
            };
            WorkerSummary s = SearchWorker.builder(store, task).workerId("slow").lease(lease).build().run();
            assertEquals(new WorkerSummary(0, 0, 2, 0), s);
            for (Candidate c : store.candidates()) {
                assertEquals(CandidateStatus.COMPLETED, c.status());
                assertEquals(0.99, c.score());
                assertEquals("thief", c.workerId());
                assertEquals(2, c.attempts());
                assertEquals(0, c.epochs(), "the dropped attempt's epoch is not the completing attempt's");
            }
        }
    }

    @Test
    void aWorkerWaitsForOthersAndTakesOverTheCandidateOfOneThatDied() {
        try (SearchStore store = SearchStore.open(url(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(3));
            Lease abandoned;
            try (SearchStore dead = SearchStore.open(url(), StoreFixtures.gridSearch())) {
                abandoned = dead.claim("dead", "cpu", Duration.ofMillis(400)).orElseThrow();
            } // that worker is gone and never heartbeats again
            long start = System.nanoTime();
            WorkerSummary s = SearchWorker.builder(store, (json, ctx) -> StoreFixtures.score(index(json)))
                    .workerId("alive").lease(Duration.ofSeconds(5)).poll(Duration.ofMillis(50)).build().run();
            assertEquals(new WorkerSummary(3, 0, 0, 0), s);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "waited for the lease");
            Candidate c = store.candidate(abandoned.candidateIndex()).orElseThrow();
            assertEquals(CandidateStatus.COMPLETED, c.status());
            assertEquals("alive", c.workerId());
            assertEquals(2, c.attempts());
        }
    }

    @Test
    void heartbeatsKeepALongCandidateFromBeingTakenOver() throws Exception {
        try (SearchStore store = SearchStore.open(url(), StoreFixtures.gridSearch());
                SearchStore other = SearchStore.open(url(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(1));
            AtomicReference<Boolean> stolen = new AtomicReference<>();
            CandidateTask task = (json, ctx) -> {
                for (int k = 0; k < 8; k++) { // 2 s, over three leases long, without reporting an epoch
                    Thread.sleep(250);
                    ctx.checkLease();
                }
                stolen.set(other.claim("other", "cpu", Duration.ofSeconds(1)).isPresent());
                return 0.5;
            };
            WorkerSummary s = SearchWorker.builder(store, task).workerId("long").lease(Duration.ofMillis(600))
                    .heartbeat(Duration.ofMillis(100)).build().run();
            assertEquals(new WorkerSummary(1, 0, 0, 0), s);
            assertEquals(Boolean.FALSE, stolen.get());
            assertEquals(1, store.candidate(0).orElseThrow().attempts());
        }
    }

    @Test
    void interruptingTheWorkerGivesItsCandidateBack() throws Exception {
        try (SearchStore store = SearchStore.open(url(), StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(2));
            CountDownLatch running = new CountDownLatch(1);
            AtomicReference<WorkerSummary> summary = new AtomicReference<>();
            SearchWorker worker = SearchWorker.builder(store, (json, ctx) -> {
                running.countDown();
                Thread.sleep(60_000);
                return 1.0;
            }).workerId("stopping").build();
            Thread t = new Thread(() -> summary.set(worker.run()));
            t.start();
            assertTrue(running.await(10, TimeUnit.SECONDS));
            t.interrupt();
            t.join(10_000);
            assertEquals(new WorkerSummary(0, 0, 0, 1), summary.get());
            Candidate c = store.candidate(0).orElseThrow();
            assertEquals(CandidateStatus.PENDING, c.status());
            assertEquals(0, c.attempts());
        }
    }

    @Test
    void theBuilderRefusesAHeartbeatNoShorterThanTheLease() {
        try (SearchStore store = SearchStore.open(url(), StoreFixtures.gridSearch())) {
            SearchWorker.Builder b = SearchWorker.builder(store, (json, ctx) -> 0.0).lease(Duration.ofSeconds(1))
                    .heartbeat(Duration.ofSeconds(1));
            assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(SearchWorker.defaultWorkerId().contains(":" + ProcessHandle.current().pid() + ":"));
        }
    }
}
