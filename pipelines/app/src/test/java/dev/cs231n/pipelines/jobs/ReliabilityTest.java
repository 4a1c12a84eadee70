package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.OfflineJobs.concat;
import static dev.cs231n.pipelines.jobs.OfflineJobs.number;
import static dev.cs231n.pipelines.jobs.OfflineJobs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.cli.RunFolder;
import dev.cs231n.pipelines.io.LossDivergedException;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.io.TestPause;
import dev.cs231n.pipelines.train.Checkpoint;
import dev.cs231n.pipelines.train.TrainState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9's cases on the training jobs, offline on small synthetic data ({@link OfflineData}): a resume that changes
 * a setting is refused naming it and both values, a diverged run leaves metrics.json saying where, {@code --resume}
 * without a checkpoint starts afresh in every job, a fresh run into a used folder is refused and
 * {@code --overwrite} clears it, and, with a real child process killed by {@code kill -9}
 * ({@link Process#destroyForcibly()}) at a chosen point ({@link TestPause}), a second run into a running one's
 * folder fails at once naming its pid, the killed run's lock and temporary files are taken over, and the
 * checkpoint and model.zip it leaves agree with each other.
 */
class ReliabilityTest {

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    /** fc-net: 3 minibatches of 100 per epoch. */
    private static final String[] FC = {"--num-train", "300", "--hidden", "16", "--batch-size", "100"};

    @Test
    void fcNetResumeRefusesEveryChangedSettingNamingBothValues() throws IOException {
        Path out = DATA.out("fc-changed");
        run(0, "fc-net", DATA.dir(), out, concat(FC, "--epochs", "1"));
        String[][] changes = {
            {"--hidden", "64", "hidden = [16]", "hidden = [64]"},
            {"--norm", "layer", "norm = BATCH", "norm = LAYER"},
            {"--seed", "7", "seed = 42", "seed = 7"},
            {"--num-train", "400", "num-train = 300", "num-train = 400"},
        };
        byte[] checkpoint = Files.readAllBytes(out.resolve(Checkpoint.FILE));
        for (String[] c : changes) {
            String[] args = FC.clone();
            List<String> all = new ArrayList<>(List.of(args));
            int i = all.indexOf(c[0]);
            if (i >= 0) {
                all.set(i + 1, c[1]);
            } else {
                all.addAll(List.of(c[0], c[1]));
            }
            all.addAll(List.of("--epochs", "2", "--resume"));
            String msg = run(1, "fc-net", DATA.dir(), out, all.toArray(new String[0]));
            assertTrue(msg.contains(c[2]) && msg.contains(c[3]), c[0] + ":\n" + msg);
        }
        assertEquals(1, number(OfflineJobs.metrics(out, List.of("epochs")), "epochs"), "refused resumes change nothing");
        assertTrue(java.util.Arrays.equals(checkpoint, Files.readAllBytes(out.resolve(Checkpoint.FILE))));

        // a fresh run into the used folder is refused; --overwrite removes the earlier outputs first
        Files.writeString(out.resolve("notes-of-the-earlier-run.txt"), "x");
        String refused = run(1, "fc-net", DATA.dir(), out, concat(FC, "--epochs", "1", "--lr", "2e-3"));
        assertTrue(refused.contains("holds the outputs of an earlier run") && refused.contains("--overwrite"), refused);
        run(0, "fc-net", DATA.dir(), out, concat(FC, "--epochs", "1", "--lr", "2e-3", "--overwrite"));
        assertFalse(Files.exists(out.resolve("notes-of-the-earlier-run.txt")), "--overwrite clears the folder first");
        assertEquals("0.002", checkpointState(out).settings.get("lr"));
    }

    @Test
    void twoLayerResumeRefusesAnotherRegularisationOrWeightScale() throws IOException {
        Path out = DATA.out("two-layer-changed");
        String[] base = {"--num-train", "400", "--hidden", "8", "--batch-size", "200", "--reg", "0.01"};
        run(0, "two-layer", DATA.dir(), out, concat(base, "--epochs", "1"));
        String[] reg = base.clone();
        reg[7] = "3";
        String msg = run(1, "two-layer", DATA.dir(), out, concat(reg, "--epochs", "2", "--resume"));
        assertTrue(msg.contains("reg: checkpoint 0.01, this run 3.0"), msg);
        msg = run(1, "two-layer", DATA.dir(), out, concat(base, "--epochs", "2", "--resume", "--weight-scale", "0.01"));
        assertTrue(msg.contains("weight_scale: checkpoint 0.001, this run 0.01"), msg);
        Map<String, Object> m = OfflineJobs.metrics(out, List.of("reg", "epochs"));
        assertEquals(0.01, number(m, "reg"));
        assertEquals(1, number(m, "epochs"));
    }

    @Test
    void aDivergedRunRecordsWhereTheLossBecameNonFiniteAndExitsNonZero() throws IOException {
        Path two = DATA.out("two-layer-diverged");
        String msg = run(LossDivergedException.EXIT_CODE, "two-layer", DATA.dir(), two, "--num-train", "400",
                "--hidden", "8", "--batch-size", "100", "--epochs", "5", "--lr", "1e12");
        assertTrue(msg.contains("the training loss became"), msg);
        Map<String, Object> m = OfflineJobs.metrics(two, List.of("status", "diverged_epoch", "diverged_step",
                "diverged_loss", "learning_rate"));
        assertEquals(LossDivergedException.STATUS, m.get("status"));
        assertTrue(number(m, "diverged_step") >= 1 && number(m, "diverged_epoch") >= 1, m.toString());

        Path fc = DATA.out("fc-diverged");
        run(LossDivergedException.EXIT_CODE, "fc-net", DATA.dir(), fc, concat(FC, "--epochs", "2", "--norm", "none",
                "--keep-prob", "1", "--lr", "1e30"));
        Map<String, Object> f = OfflineJobs.metrics(fc, List.of("status", "diverged_epoch", "diverged_step", "lr"));
        assertEquals(LossDivergedException.STATUS, f.get("status"));
        assertEquals(1, number(f, "diverged_epoch"), f.toString());
    }

    @Test
    void resumeWithoutACheckpointStartsFromTheFirstEpochInEveryTrainingJob() throws IOException {
        String fc = run(0, "fc-net", DATA.dir(), DATA.out("fc-fresh-resume"), concat(FC, "--epochs", "1",
                "--resume"));
        assertTrue(fc.contains("--resume: no checkpoint at"), fc);
        assertEquals(1, number(OfflineJobs.metrics(DATA.out("fc-fresh-resume"), List.of("epochs")), "epochs"));
        String two = run(0, "two-layer", DATA.dir(), DATA.out("two-fresh-resume"), "--num-train", "400", "--hidden",
                "8", "--batch-size", "200", "--epochs", "1", "--resume");
        assertTrue(two.contains("--resume: no checkpoint at"), two);
    }

    @Test
    void aSecondRunFailsAtOnceAndAKilledRunsLockAndTemporaryFilesAreTakenOver() throws Exception {
        Path out = DATA.out("fc-killed-first-checkpoint");
        // kill -9 while the first checkpoint is being published: its temporary file is complete, not yet renamed
        Process child = startPaused("publish:" + Checkpoint.FILE + "#1", "fc-net", out, concat(FC, "--epochs", "1"));
        try {
            String second = run(1, "fc-net", DATA.dir(), out, concat(FC, "--epochs", "1", "--resume"));
            assertTrue(second.contains("--out " + out + " is in use by another run")
                    && second.contains("pid " + child.pid()), second);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(out.resolve(Checkpoint.FILE)));
        assertFalse(Files.exists(out.resolve("model.zip")), "no model.zip ahead of the checkpoint");
        assertFalse(hidden(out, ".tmp").isEmpty(), "the kill left a temporary file");
        assertFalse(Files.readString(out.resolve(RunFolder.LOCK)).isEmpty(), "the kill left its lock file");

        String resumed = run(0, "fc-net", DATA.dir(), out, concat(FC, "--epochs", "1", "--resume"));
        assertTrue(resumed.contains("taking over the lock of fc-net, pid " + child.pid()), resumed);
        assertTrue(resumed.contains("temporary file(s) an interrupted run left"), resumed);
        assertTrue(resumed.contains("--resume: no checkpoint at"), resumed);
        assertEquals(List.of(), hidden(out, ".tmp"));
        assertEquals(List.of(), hidden(out, ".pending"));
        assertEquals(1, number(OfflineJobs.metrics(out, List.of("epochs")), "epochs"));
        assertEquals("", Files.readString(out.resolve(RunFolder.LOCK)), "a finished run releases its lock");
    }

    @Test
    void aKillBetweenTheBestModelAndTheCheckpointLeavesThemConsistent() throws Exception {
        Path out = DATA.out("fc-killed-second-checkpoint");
        Process child = startPaused("publish:" + Checkpoint.FILE + "#2", "fc-net", out, concat(FC, "--epochs", "2"));
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertConsistent(out, 1);

        String resumed = run(0, "fc-net", DATA.dir(), out, concat(FC, "--epochs", "2", "--resume"));
        assertTrue(resumed.contains("resuming after epoch 1 of 2"), resumed);
        assertConsistent(out, 2);
        assertEquals(2, number(OfflineJobs.metrics(out, List.of("epochs")), "epochs"));
    }

    /** The checkpoint's state, its network and model.zip belong to the same epochs. */
    private static void assertConsistent(Path out, int epochs) throws IOException {
        Checkpoint.Loaded<MultiLayerNetwork> c = Checkpoint.load(out,
                f -> ModelSerializer.restoreMultiLayerNetwork(f.toFile(), true));
        assertEquals(epochs, c.state().epochsDone);
        assertEquals(epochs, c.net().getEpochCount(), "the checkpoint's network and state are one unit");
        MultiLayerNetwork best = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile(), false);
        assertEquals(c.state().bestEpoch, best.getEpochCount(), "model.zip is the checkpoint's best epoch");
    }

    private static TrainState checkpointState(Path out) throws IOException {
        return Checkpoint.load(out, f -> ModelSerializer.restoreMultiLayerNetwork(f.toFile(), true)).state();
    }

    private static List<String> hidden(Path out, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && n.endsWith(suffix))
                    .sorted().toList();
        }
    }

    /**
     * Starts {@code java -cp CLASSPATH Cs231n JOB --data-dir DATA --out OUT OPTIONS} with {@link TestPause} at
     * {@code point}, and returns once it has paused there.
     */
    private static Process startPaused(String point, String job, Path out, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-D" + TestPause.PROPERTY + "=" + point, "-cp", System.getProperty("java.class.path"),
                Cs231n.class.getName(), job, "--data-dir", DATA.dir().toString(), "--out", out.toString()));
        cmd.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the child was killed
            }
            lines.add("<end>");
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        StringBuilder printed = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l == null) {
                continue;
            }
            printed.append(l).append('\n');
            if (l.equals(TestPause.MARKER + point)) {
                return p;
            }
            if (l.equals("<end>")) {
                break;
            }
        }
        p.destroyForcibly();
        fail("the child did not pause at " + point + "; it printed:\n" + printed);
        return null;
    }

    @Test
    void metricsOfADivergedRunAreReadable() throws IOException {
        Path dir = DATA.out("metrics-only");
        Files.createDirectories(dir);
        new LossDivergedException(2, 17, Double.NaN).record(dir, new Metrics().put("lr", "0.5"));
        Map<String, Object> m = Metrics.read(dir.resolve(Metrics.FILE_NAME));
        assertEquals("NaN", m.get("diverged_loss"));
        assertEquals(1, number(m, "epochs"));
        assertNotNull(m.get("lr"));
    }
}
