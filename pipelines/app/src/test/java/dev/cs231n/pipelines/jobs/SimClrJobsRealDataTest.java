package dev.cs231n.pipelines.jobs;

import static dev.cs231n.pipelines.jobs.OfflineJobs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of {@code simclr-pretrain} and {@code simclr-eval} on the real CIFAR-10 (skipped without
 * {@code CS231N_DATA}): one epoch on 2,048 images, then the evaluation on 5,000 / 1,000 images. It checks that the
 * jobs run on the real files and that the numbers are sane, not the accuracy targets (those take hours; see the
 * README).
 */
class SimClrJobsRealDataTest {

    @Test
    void shortPretrainingAndEvaluation(@TempDir Path dir) throws IOException {
        String data = RealData.dataDirOrSkip("SimCLR");
        Path pre = dir.resolve("pretrain");
        assertEquals(0, SimClrJobsTest.run("simclr-pretrain", "--num-train", "2048", "--epochs", "1", "--batch-size",
                "64", "--knn-bank", "1000", "--data-dir", data, "--out", pre.toString()).code());
        Map<String, Object> m = SimClrJobsTest.metrics(pre);
        SimClrJobsTest.PRETRAIN_KEYS.forEach(k -> number(m, k));
        assertTrue(number(m, "final_loss") < Math.log(127), "the loss fell below chance level log(2N - 1): " + m);
        assertTrue(number(m, "knn_monitor_accuracy") > 0.15, "kNN monitor above chance: " + m);

        Path ev = dir.resolve("eval");
        assertEquals(0, SimClrJobsTest.run("simclr-eval", "--encoder", pre.toString(), "--num-train", "5000",
                "--num-test", "1000", "--linear-epochs", "5", "--label-fraction-images", "500", "--finetune-epochs",
                "1", "--data-dir", data, "--out", ev.toString()).code());
        Map<String, Object> e = SimClrJobsTest.metrics(ev);
        SimClrJobsTest.EVAL_KEYS.forEach(k -> SimClrJobsTest.assertAccuracy(e, k));
        assertTrue(number(e, "linear_test_accuracy") > 0.2, "linear evaluation above chance: " + e);
    }
}
