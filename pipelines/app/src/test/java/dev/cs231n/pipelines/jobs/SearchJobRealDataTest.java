package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.OfflineJobs.metrics;
import static dev.cs231n.pipelines.jobs.OfflineJobs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.cs231n.pipelines.Cs231n;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short two-layer search on the real CIFAR-10, as users run it, in child JVMs: the first worker is killed
 * ({@code kill -9}) once it has completed a candidate and before the search is done; then a {@code --resume} worker
 * and a second worker with its own {@code --out} on the same SQLite file finish it together. Checked in the
 * database: every candidate completed exactly once (one attempt, or two for the one the killed worker held, whose
 * lease expired), its epochs recorded once, both new workers took part; and in both runs' metrics: no failed
 * candidate, the test split never opened during the search and read once after it.
 */
class SearchJobRealDataTest {

    private static final String[] SEARCH = {"--space", "two-layer", "--lrs", "5e-4,1e-3,2e-3", "--regs", "0.1,0.6",
        "--epochs", "2", "--num-train", "6000", "--lease-seconds", "4", "--seed", "3"};
    private static final int CANDIDATES = 6;

    @TempDir
    Path tmp;

    @Test
    void aKilledSearchResumesWithTwoWorkersAndRunsEveryCandidateOnce() throws Exception {
        String data = RealData.dataDirOrSkip("search kill / resume / two workers");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path db = a.resolve("search.db");
        Process first = start(data, a, tmp.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        int completed = 0;
        while (System.nanoTime() < deadline && first.isAlive()) {
            completed = Files.exists(db) ? count(db, "status = 'COMPLETED'") : 0;
            if (completed >= 1) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(first.isAlive(), "the first worker is still running when it is killed: "
                + Files.readString(tmp.resolve("first.log")));
        first.destroyForcibly().waitFor();
        int completedAtKill = count(db, "status = 'COMPLETED'");
        assertTrue(completedAtKill >= 1 && completedAtKill < CANDIDATES, "killed mid-search: " + completedAtKill);
        assertEquals(1, count(db, "status = 'RUNNING'"), "the killed worker held a candidate");

        Process resumed = start(data, a, tmp.resolve("resumed.log"), "--resume");
        Process second = start(data, b, tmp.resolve("second.log"), "--storage", "jdbc:sqlite:" + db);
        assertTrue(resumed.waitFor(300, TimeUnit.SECONDS) && second.waitFor(300, TimeUnit.SECONDS), "both finish");
        String logs = Files.readString(tmp.resolve("resumed.log")) + Files.readString(tmp.resolve("second.log"));
        assertEquals(0, resumed.exitValue(), logs);
        assertEquals(0, second.exitValue(), logs);

        assertEquals(CANDIDATES, count(db, "status = 'COMPLETED'"), logs);
        assertEquals(CANDIDATES - 1, count(db, "attempts = 1"), "each candidate once ...");
        assertEquals(1, count(db, "attempts = 2"), "... but the killed worker's, run again after its lease");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT candidate_index, COUNT(*) FROM epoch_score e WHERE attempt = "
                    + "(SELECT attempts FROM candidate k WHERE k.candidate_index = e.candidate_index) "
                    + "GROUP BY candidate_index")) {
                int n = 0;
                while (r.next()) {
                    assertEquals(2, r.getInt(2), "candidate " + r.getInt(1) + ": its two epochs, once");
                    n++;
                }
                assertEquals(CANDIDATES, n);
            }
            Set<String> workers = new HashSet<>();
            try (ResultSet r = s.executeQuery("SELECT worker_id FROM candidate WHERE candidate_index IN "
                    + "(SELECT candidate_index FROM candidate WHERE status = 'COMPLETED')")) {
                while (r.next()) {
                    workers.add(r.getString(1));
                }
            }
            assertTrue(workers.size() >= 2, "the candidates were shared out: " + workers);
        }
        for (Path out : List.of(a, b)) {
            Map<String, Object> m = metrics(out, List.of("best_val_accuracy", "best_test_accuracy", "best_lr",
                    "best_reg", "test_split_reads_during_search", "test_split_reads_after_search"));
            assertEquals(CANDIDATES, number(m, "completed_candidates"), out + ": " + m);
            assertEquals(0, number(m, "failed_candidates"));
            assertEquals(0, number(m, "test_split_reads_during_search"), "the test split never opened in the search");
            assertEquals(1, number(m, "test_split_reads_after_search"), "read once, for the best candidate");
            assertEquals(2 * CANDIDATES, number(m, "epochs_used"), "the epochs of each candidate's completed attempt");
            assertTrue(number(m, "best_val_accuracy") > 0.3, "a two-layer net on 6,000 images, 2 epochs: " + m);
            assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        }
        assertTrue(Files.isRegularFile(a.resolve("models/candidate-0000.zip")), "models beside the SQLite file");
    }

    private static int count(Path db, String where) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM candidate WHERE " + where)) {
            return r.next() ? r.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0; // not created yet
        }
    }

    private static Process start(String data, Path out, Path log, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), Cs231n.class.getName(), "search",
                "--data-dir", data, "--out", out.toString()));
        cmd.addAll(List.of(SEARCH));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }
}
