package dev.cs231n.searches.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker protocol across processes on one SQLite file: three worker JVMs share a search of 30 short fake
 * candidates; one is killed with kill -9 ({@code destroyForcibly}) while it holds a lease. In the end every
 * candidate is COMPLETED exactly once, the killed worker's candidate was run again after its lease expired, and
 * the attempts add up.
 */
class MultiProcessSqliteTest {

    private static final int CANDIDATES = 30;
    private static final long LEASE_MS = 1500;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void threeWorkerProcessesOneKilledEveryCandidateCompletedExactlyOnce() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("search.db");
        Child victim = Child.start(dir, url, "victim", "hang");
        Child a = null;
        Child b = null;
        try {
            String holding = victim.await("HOLDING ", 60);
            int victimsCandidate = Integer.parseInt(holding.substring("HOLDING ".length()).trim());
            a = Child.start(dir, url, "survivor-a", "run");
            b = Child.start(dir, url, "survivor-b", "run");
            a.await("READY", 60);
            b.await("READY", 60);
            victim.process.destroyForcibly(); // SIGKILL: no shutdown hook, no release, the lease just stops
            assertTrue(victim.process.waitFor(10, TimeUnit.SECONDS));
            assertNotEquals(0, victim.process.exitValue());

            int[] sa = a.summary(90);
            int[] sb = b.summary(90);
            int completed = sa[0] + sb[0];
            int lost = sa[2] + sb[2];
            assertEquals(CANDIDATES, completed, "completions recorded by the survivors: " + a.lines + " " + b.lines);
            assertEquals(0, sa[1] + sb[1], "no failures");

            try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
                List<Candidate> all = store.candidates();
                assertEquals(CANDIDATES, all.size(), "three workers added the grid; each candidate once");
                int attempts = 0;
                for (Candidate c : all) {
                    assertEquals(CandidateStatus.COMPLETED, c.status(), "candidate " + c.index());
                    assertEquals(StoreFixtures.score(c.index()), c.score(), "candidate " + c.index());
                    assertTrue(c.workerId().startsWith("survivor-"), c.toString());
                    assertEquals(3, c.epochs(), "the completing attempt's epochs: " + c);
                    attempts += c.attempts();
                }
                Candidate taken = store.candidate(victimsCandidate).orElseThrow();
                assertTrue(taken.attempts() >= 2, "re-run after the killed worker's lease expired: " + taken);
                // every attempt after a candidate's first is a lease that was taken over: the victim's one, plus
                // any a survivor lost on this busy machine (and then recorded nothing for)
                assertEquals(CANDIDATES + 1 + lost, attempts);
                List<EpochScore> epochs = store.epochScores(victimsCandidate);
                assertEquals(1, epochs.get(0).attempt(), "the killed attempt's epoch is kept apart");
                assertEquals(StoreFixtures.score(victimsCandidate) / 3, epochs.get(0).score(), 1e-12);
                assertTrue(store.isFinished());
            }
        } finally {
            for (Child c : new Child[] {victim, a, b}) {
                if (c != null) {
                    c.process.destroyForcibly();
                }
            }
        }
    }

    /** A worker JVM on the test class path, its standard output collected line by line. */
    private static final class Child {
        final Process process;
        final String id;
        final Path stderr;
        final List<String> lines = new ArrayList<>();

        private Child(Process process, String id, Path stderr) {
            this.process = process;
            this.id = id;
            this.stderr = stderr;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path dir, String url, String id, String mode) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), StoreWorkerProcess.class.getName(), url, id,
                    Integer.toString(CANDIDATES), Long.toString(LEASE_MS), mode);
            Path stderr = dir.resolve(id + ".stderr.txt");
            pb.redirectError(stderr.toFile());
            return new Child(pb.start(), id, stderr);
        }

        String await(String prefix, int seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long exitedAt = 0;
            synchronized (lines) {
                while (true) {
                    for (String line : lines) {
                        if (line.startsWith(prefix)) {
                            return line;
                        }
                    }
                    long now = System.nanoTime();
                    if (!process.isAlive() && exitedAt == 0) {
                        exitedAt = now; // let the reader drain what is left
                    }
                    boolean drained = exitedAt != 0 && now - exitedAt > TimeUnit.SECONDS.toNanos(1);
                    if (now > deadline || drained) {
                        throw new AssertionError("no '" + prefix + "' from worker " + id + "; it printed " + lines
                                + (process.isAlive() ? "" : " and exited with " + process.exitValue())
                                + "; stderr: " + Files.readString(stderr));
                    }
                    lines.wait(100);
                }
            }
        }

        int[] summary(int seconds) throws Exception {
            assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "worker " + id + " still running: " + lines);
            String line = await("SUMMARY ", 5);
            String[] parts = line.split(" ");
            assertEquals(0, process.exitValue(), String.valueOf(lines));
            return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
                    Integer.parseInt(parts[4])};
        }
    }

}
