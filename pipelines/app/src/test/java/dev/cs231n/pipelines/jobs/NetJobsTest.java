package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.OfflineJobs.assertPng;
import static dev.cs231n.pipelines.jobs.OfflineJobs.concat;
import static dev.cs231n.pipelines.jobs.OfflineJobs.metrics;
import static dev.cs231n.pipelines.jobs.OfflineJobs.number;
import static dev.cs231n.pipelines.jobs.OfflineJobs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.pipelines.train.Checkpoint;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code fc-net}, {@code cnn} and {@code bn-weight-scale} end to end offline, on learnable synthetic images in the
 * official CIFAR-10 format ({@link OfflineData}; no {@code CS231N_DATA}): every documented metrics.json key, every
 * output file, resume for more epochs, and a resume with another setting refused with a message naming it.
 */
class NetJobsTest {

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    private static final List<String> CLASSIFIER_KEYS = List.of("val_accuracy", "test_accuracy", "test_accuracy_10k",
            "epochs", "best_epoch", "train_seconds");

    @Test
    void fcNetWritesItsOutputsResumesAndRefusesOtherSettings() throws IOException {
        Path out = DATA.out("fc-net");
        String[] options = {"--num-train", "600", "--hidden", "32,16", "--batch-size", "100"};
        run(0, "fc-net", DATA.dir(), out, concat(options, "--epochs", "2"));
        Map<String, Object> m = metrics(out, CLASSIFIER_KEYS);
        assertTrue(number(m, "val_accuracy") > 0.2, "synthetic classes are learnable: " + m);
        assertEquals(2, number(m, "epochs"));
        assertPng(out.resolve("loss.png"), 300, 300);
        assertPng(out.resolve("accuracy.png"), 300, 300);
        assertTrue(ModelZipPreprocessors.load(out.resolve("model.zip").toFile()).isPresent(),
                "model.zip carries its preprocessing");
        assertTrue(Files.isRegularFile(out.resolve(Checkpoint.FILE)));

        run(0, "fc-net", DATA.dir(), out, concat(options, "--epochs", "3", "--resume"));
        assertEquals(3, number(metrics(out, CLASSIFIER_KEYS), "epochs"));
        assertEquals(3, ModelSerializer.restoreMultiLayerNetwork(out.resolve(Checkpoint.FILE).toFile())
                .getEpochCount());

        String refused = run(1, "fc-net", DATA.dir(), out, concat(options, "--epochs", "4", "--resume", "--lr", "0.5"));
        assertTrue(refused.contains("lr = 0.001") && refused.contains("lr = 0.5"), refused);
        assertEquals(3, number(metrics(out, CLASSIFIER_KEYS), "epochs"), "a refused resume changes nothing");
    }

    @Test
    void cnnWritesItsOutputsAndRejectsALayerNorm() throws IOException {
        Path out = DATA.out("cnn");
        run(0, "cnn", DATA.dir(), out, "--arch", "three_layer", "--num-train", "300", "--epochs", "1");
        Map<String, Object> m = metrics(out, CLASSIFIER_KEYS);
        assertEquals(1, number(m, "epochs"));
        assertPng(out.resolve("accuracy.png"), 300, 300);
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        String layer = run(1, "cnn", DATA.dir(), DATA.out("cnn-layer"), "--norm", "layer");
        assertTrue(layer.contains("LAYER"), layer);
    }

    @Test
    void weightScaleExperimentRecordsEveryRunPlotsResumesAndRefusesOtherSettings() throws IOException {
        Path out = DATA.out("bn-weight-scale");
        String[] options = {"--scales", "2", "--epochs", "1", "--num-train", "200", "--hidden", "8,8"};
        run(0, "bn-weight-scale", DATA.dir(), out, options);
        Map<String, Object> m = metrics(out, List.of("runs"));
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
        run(0, "bn-weight-scale", DATA.dir(), out, concat(options, "--resume"));
        assertEquals(new String(results, StandardCharsets.UTF_8), Files.readString(out.resolve("results.json")),
                "a resumed experiment with every run recorded trains nothing");
        String[] other = concat(options, "--resume");
        other[3] = "2";
        run(1, "bn-weight-scale", DATA.dir(), out, other);
    }
}
