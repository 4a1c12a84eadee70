package dev.cs231n.searches.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.SearchStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's device assignment, with an injected device count and attach action (no GPU here): the backend
 * detected from its class name and environment; one worker per GPU by default, worker k's thread attached to device
 * k (k mod n when there are more workers than devices) before it claims, and the device recorded per candidate;
 * {@code cpu} recorded on the CPU backend, which this machine runs.
 */
class DevicesTest {

    @Test
    void theBackendDecidesCpuOrCuda() {
        IntConsumer none = k -> {
            throw new AssertionError("nothing is attached on the CPU");
        };
        Devices cpu = Devices.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend", true, () -> {
            throw new AssertionError("the device count of a CPU backend is not read");
        }, none);
        assertFalse(cpu.gpu());
        assertEquals(1, cpu.defaultWorkers());
        assertEquals("cpu", cpu.name(3));
        cpu.attach(3);

        Devices cuda = Devices.of("org.nd4j.linalg.jcublas.JCublasBackend", false, () -> 3, k -> { });
        assertTrue(cuda.gpu());
        assertEquals(3, cuda.count());
        assertEquals(3, cuda.defaultWorkers());
        assertEquals(List.of("cuda:0", "cuda:1", "cuda:2", "cuda:0", "cuda:1"),
                List.of(cuda.name(0), cuda.name(1), cuda.name(2), cuda.name(3), cuda.name(4)));
        assertTrue(Devices.of("some.Backend", false, () -> 2, k -> { }).gpu(), "the environment says not a CPU");

        Devices here = Devices.detect();
        assertFalse(here.gpu(), "this machine runs ND4J's CPU backend: " + here);
        assertEquals("cpu", here.name(0));
    }

    @Test
    void oneWorkerPerGpuEachThreadOnItsDeviceRecordedPerCandidate(@TempDir Path dir) throws Exception {
        Map<String, Integer> attached = new ConcurrentHashMap<>();
        ThreadLocal<Integer> device = new ThreadLocal<>();
        Devices gpus = Devices.gpus(3, k -> {
            device.set(k);
            attached.put(Thread.currentThread().getName(), k);
        });
        SpaceCandidates<?> c = RunFixtures.candidates(Strategy.random(2));
        Map<Integer, String> ranOn = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(3);
        try (SearchStore store = RunFixtures.store(dir, c)) {
            store.addCandidates(c.candidates(new Termination(9, null)));
            SearchRunner runner = SearchRunner.builder(store, () -> (json, ctx) -> {
                Integer k = device.get();
                assertNotNull(k, "the thread was attached before it claimed");
                assertEquals("cuda:" + k, ctx.device(), "the recorded device is the attached one");
                ranOn.put(ctx.candidateIndex(), ctx.device());
                all.countDown();
                all.await(30, TimeUnit.SECONDS); // each of the 3 workers holds a candidate at the same time
                return 0.5;
            }).devices(gpus).poll(Duration.ofMillis(20)).build();
            assertEquals(3, runner.workers(), "one worker per GPU by default");
            SearchRunner.Result r = runner.run();
            assertEquals(9, r.summary().completed(), "" + r);
            assertEquals(new TreeSet<>(Set.of(0, 1, 2)), new TreeSet<>(attached.values()),
                    "workers 0, 1, 2 on devices 0, 1, 2: " + attached);
            Map<Integer, String> recorded = new TreeMap<>();
            for (Candidate cand : store.candidates()) {
                assertEquals(CandidateStatus.COMPLETED, cand.status());
                recorded.put(cand.index(), cand.device());
            }
            assertEquals(new TreeMap<>(ranOn), recorded, "the store's device column");
            assertEquals(3, Set.copyOf(recorded.values()).size(), "all three devices ran candidates: " + recorded);
        }
    }

    @Test
    void moreWorkersThanGpusShareThemRoundRobinAndTheCpuIsRecordedAsCpu(@TempDir Path dir) throws Exception {
        Map<String, Integer> attached = new ConcurrentHashMap<>();
        SpaceCandidates<?> c = RunFixtures.candidates(Strategy.random(3));
        try (SearchStore store = RunFixtures.store(dir, c)) {
            store.addCandidates(c.candidates(new Termination(4, null)));
            SearchRunner.Result r = SearchRunner.builder(store, () -> (json, ctx) -> 0.5)
                    .devices(Devices.gpus(2, k -> attached.put(Thread.currentThread().getName(), k))).workers(5)
                    .poll(Duration.ofMillis(20)).build().run();
            assertEquals(4, r.summary().completed());
            assertEquals(Map.of("search-worker-0", 0, "search-worker-1", 1, "search-worker-2", 0,
                    "search-worker-3", 1, "search-worker-4", 0), attached);
        }
        SpaceCandidates<?> d = RunFixtures.candidates(Strategy.random(4));
        java.nio.file.Files.createDirectories(dir.resolve("cpu"));
        try (SearchStore store = RunFixtures.store(dir.resolve("cpu"), d)) {
            store.addCandidates(d.candidates(new Termination(2, null)));
            SearchRunner runner = SearchRunner.builder(store, () -> (json, ctx) -> 0.5).devices(Devices.cpu())
                    .poll(Duration.ofMillis(20)).build();
            assertEquals(1, runner.workers(), "one worker on the CPU unless told");
            runner.run();
            for (Candidate cand : store.candidates()) {
                assertEquals("cpu", cand.device());
            }
        }
    }
}
