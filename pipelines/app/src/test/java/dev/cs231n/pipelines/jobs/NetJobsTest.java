package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.JobTesting.assertPng;
import static dev.cs231n.pipelines.jobs.JobTesting.concat;
import static dev.cs231n.pipelines.jobs.JobTesting.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.train.Checkpoint;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fc-net}, {@code cnn} and {@code bn-weight-scale} end to end offline, on learnable synthetic images in the
 * official CIFAR-10 format (no {@code CS231N_DATA}): every documented metrics.json key, every output file, resume
 * for more epochs, and a resume with another setting refused with a message naming it.
 */
class NetJobsTest {

    private static String data;

    @BeforeAll
    static void writeData() {
        data = JobTesting.syntheticDataDir();
    }

    private static final List<String> CLASSIFIER_KEYS = List.of("val_accuracy", "test_accuracy", "test_accuracy_10k",
            "epochs", "best_epoch", "train_seconds");

    private static Map<String, Object> metrics(Path out) throws IOException {
        return Metrics.read(out.resolve(Metrics.FILE_NAME));
    }

    /** Runs a job; returns its exit code and what it wrote to stderr. */
    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Cs231n.commandLine();
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute(args);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String err) {
    }

    @Test
    void fcNetWritesItsOutputsResumesAndRefusesOtherSettings(@TempDir Path out) throws IOException {
        String[] args = {"fc-net", "--num-train", "600", "--hidden", "32,16", "--batch-size", "100", "--data-dir",
            data, "--out", out.toString()};
        assertEquals(0, run(concat(args, "--epochs", "2")).code());
        Map<String, Object> m = metrics(out);
        CLASSIFIER_KEYS.forEach(k -> number(m, k));
        assertTrue(number(m, "val_accuracy") > 0.2, "synthetic classes are learnable: " + m);
        assertEquals(2, number(m, "epochs"));
        assertPng(out.resolve("loss.png"), 300, 300);
        assertPng(out.resolve("accuracy.png"), 300, 300);
        assertTrue(ModelZipPreprocessors.load(out.resolve("model.zip").toFile()).isPresent(),
                "model.zip carries its preprocessing");
        assertTrue(Files.isRegularFile(out.resolve(Checkpoint.FILE)));

        assertEquals(0, run(concat(args, "--epochs", "3", "--resume")).code());
        assertEquals(3, number(metrics(out), "epochs"));
        assertEquals(3, ModelSerializer.restoreMultiLayerNetwork(out.resolve(Checkpoint.FILE).toFile())
                .getEpochCount());

        Run refused = run(concat(args, "--epochs", "4", "--resume", "--lr", "0.5"));
        assertNotEquals(0, refused.code());
        assertTrue(refused.err().contains("lr = 0.001") && refused.err().contains("lr = 0.5"), refused.err());
        assertEquals(3, number(metrics(out), "epochs"), "a refused resume changes nothing");
    }

    @Test
    void cnnWritesItsOutputsAndRejectsALayerNorm(@TempDir Path out) throws IOException {
        assertEquals(0, run("cnn", "--arch", "three_layer", "--num-train", "300", "--epochs", "1", "--data-dir", data,
                "--out", out.toString()).code());
        Map<String, Object> m = metrics(out);
        CLASSIFIER_KEYS.forEach(k -> number(m, k));
        assertEquals(1, number(m, "epochs"));
        assertPng(out.resolve("accuracy.png"), 300, 300);
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        Run layer = run("cnn", "--norm", "layer", "--data-dir", data, "--out", out.resolve("x").toString());
        assertNotEquals(0, layer.code());
        assertTrue(layer.err().contains("LAYER"), layer.err());
    }

    @Test
    void weightScaleExperimentRecordsEveryRunPlotsResumesAndRefusesOtherSettings(@TempDir Path out)
            throws IOException {
        String[] args = {"bn-weight-scale", "--scales", "2", "--epochs", "1", "--num-train", "200", "--hidden",
            "8,8", "--data-dir", data, "--out", out.toString()};
        assertEquals(0, run(args).code());
        Map<String, Object> m = metrics(out);
        assertEquals(4, number(m, "runs"));
        for (String p : new String[] {"baseline", "batchnorm"}) {
            number(m, p + "_best_val_accuracy_max");
            number(m, p + "_best_val_accuracy_median");
            number(m, p + "_scales_above_0_2_val");
        }
        assertPng(out.resolve("weight_scale.png"), 800, 1500);
        assertPng(out.resolve("loss_curves.png"), 800, 500);
        assertFalse(Files.exists(out.resolve("work")), "per-run checkpoints are removed once recorded");

        byte[] results = Files.readAllBytes(out.resolve("results.json"));
        assertEquals(0, run(concat(args, "--resume")).code());
        assertEquals(new String(results, StandardCharsets.UTF_8), Files.readString(out.resolve("results.json")),
                "a resumed experiment with every run recorded trains nothing");
        String[] other = concat(args, "--resume");
        other[4] = "2";
        assertNotEquals(0, run(other).code());
    }
}
