package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.cs231n.pipelines.jobs.OfflineJobs.assertPng;
import static dev.cs231n.pipelines.jobs.OfflineJobs.concat;
import static dev.cs231n.pipelines.jobs.OfflineJobs.number;

import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.io.Metrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fc-net}, {@code cnn} and {@code bn-weight-scale} on the real CIFAR-10 ({@code $CS231N_DATA}), cut short
 * with {@code --num-train} and few epochs so that they fit in CI: each learns (accuracy well above chance), writes
 * every output and resumes. The full runs and their figures are README commands. Skipped with a message where
 * {@code CS231N_DATA} is unset.
 */
class NetJobsRealDataTest {

    private static String data;

    @BeforeAll
    static void needsData() {
        data = RealData.dataDirOrSkip("fc-net / cnn / bn-weight-scale");
    }

    @Test
    void fcNetLearnsWritesItsOutputsAndResumesForMoreEpochs(@TempDir Path out) throws IOException {
        String[] args = {"fc-net", "--num-train", "2000", "--hidden", "100,50", "--data-dir", data, "--out",
            out.toString()};
        assertEquals(0, Cs231n.commandLine().execute(concat(args, "--epochs", "2")));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        assertTrue(number(m, "val_accuracy") > 0.2, m.toString());
        assertTrue(number(m, "test_accuracy") > 0.2, m.toString());
        assertTrue(number(m, "train_seconds") > 0);
        assertEquals(2, number(m, "epochs"));
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        assertPng(out.resolve("loss.png"), 300, 300);
        assertPng(out.resolve("accuracy.png"), 300, 300);

        assertEquals(0, Cs231n.commandLine().execute(concat(args, "--epochs", "3", "--resume")));
        assertEquals(3, number(Metrics.read(out.resolve(Metrics.FILE_NAME)), "epochs"));
    }

    @Test
    void fcNetWithLayerNormAndNoDropoutLearns(@TempDir Path out) throws IOException {
        assertEquals(0, Cs231n.commandLine().execute("fc-net", "--norm", "layer", "--keep-prob", "1",
                "--num-train", "2000", "--hidden", "100,50", "--epochs", "1", "--data-dir", data, "--out",
                out.toString()));
        assertTrue(number(Metrics.read(out.resolve(Metrics.FILE_NAME)), "val_accuracy") > 0.2);
    }

    @Test
    void cnnWithBatchNormLearnsInOneShortEpoch(@TempDir Path out) throws IOException {
        assertEquals(0, Cs231n.commandLine().execute("cnn", "--num-train", "4000", "--epochs", "1", "--data-dir",
                data, "--out", out.toString()));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        assertTrue(number(m, "val_accuracy") > 0.25, m.toString());
        assertTrue(number(m, "test_accuracy") > 0.25, m.toString());
        assertEquals(1, number(m, "epochs"));
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
    }

    @Test
    void courseConvNetWithGroupNormLearns(@TempDir Path out) throws IOException {
        assertEquals(0, Cs231n.commandLine().execute("cnn", "--arch", "three_layer", "--norm", "group", "--groups",
                "4", "--num-train", "3000", "--epochs", "1", "--augment-pad", "-1", "--data-dir", data, "--out",
                out.toString()));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        assertTrue(number(m, "val_accuracy") > 0.2, m.toString());
    }

    @Test
    void cnnRejectsLayerNormAndABadTrainingSize(@TempDir Path out) {
        assertNotEquals(0, Cs231n.commandLine().execute("cnn", "--norm", "layer", "--data-dir", data, "--out",
                out.toString()));
        assertNotEquals(0, Cs231n.commandLine().execute("cnn", "--num-train", "0", "--data-dir", data, "--out",
                out.toString()));
    }

    @Test
    void weightScaleExperimentRecordsEveryRunPlotsAndResumes(@TempDir Path out) throws IOException {
        String[] args = {"bn-weight-scale", "--scales", "2", "--epochs", "2", "--num-train", "200", "--hidden",
            "20,20,20", "--data-dir", data, "--out", out.toString()};
        assertEquals(0, Cs231n.commandLine().execute(args));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        assertEquals(4, number(m, "runs"));
        for (String k : new String[] {"baseline_best_val_accuracy_max", "batchnorm_best_val_accuracy_max"}) {
            assertTrue(number(m, k) > 0.1, k + " " + m);
        }
        assertPng(out.resolve("weight_scale.png"), 800, 1500);
        assertPng(out.resolve("loss_curves.png"), 800, 500);
        assertTrue(!Files.exists(out.resolve("work")), "per-run checkpoints are removed once recorded");

        // a resumed job with every run recorded trains nothing: results.json is unchanged
        byte[] results = Files.readAllBytes(out.resolve("results.json"));
        assertEquals(0, Cs231n.commandLine().execute(concat(args, "--resume")));
        assertEquals(new String(results), Files.readString(out.resolve("results.json")));
        // other settings on resume are refused
        String[] other = concat(args, "--resume");
        other[4] = "3";
        assertNotEquals(0, Cs231n.commandLine().execute(other));
    }
}
