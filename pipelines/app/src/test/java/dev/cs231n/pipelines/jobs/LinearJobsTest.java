package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.linear.LinearModel;
import dev.cs231n.classic.linear.LinearModelFile;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code svm} and {@code softmax} end to end on synthetic CIFAR-10 ({@link OfflineData}): a two-setting grid of a
 * few SGD steps on 5,000 training images, every documented metric, the grid file, both plots, and a model file that
 * reproduces the reported test accuracy from raw pixels. The softmax run is given the old option names.
 */
class LinearJobsTest {

    /** The keys the jobs document. */
    static final List<String> KEYS = List.of("loss", "val_accuracy", "test_accuracy", "test_accuracy_10k",
            "train_accuracy", "best_lr", "best_reg", "train_seconds", "best_setting_seconds", "final_loss", "grid_size",
            "num_train", "iterations", "batch_size", "load_seconds");

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();
    private static CifarDataset courseTest;

    @BeforeAll
    static void loadTheCourseTestSplit() throws IOException {
        courseTest = OfflineJobs.commonOptions(DATA.dir()).courseSplits().test();
    }

    @Test
    void svmWritesEveryOutputAndItsModelReproducesTheTestAccuracy() throws IOException {
        Path out = DATA.out("svm");
        OfflineJobs.run(0, "svm", DATA.dir(), out, "--num-train", "5000", "--lrs", "1e-7,1e-6", "--regs", "1e3",
                "--iterations", "60", "--batch-size", "200");
        Map<String, Object> m = checkOutputs(out, DataLoss.SVM, 2);
        assertEquals(200, OfflineJobs.number(m, "batch_size"));
    }

    @Test
    void softmaxTakesTheOldOptionNames() throws IOException {
        Path out = DATA.out("softmax");
        OfflineJobs.run(0, "softmax", DATA.dir(), out, "--num-train", "5000", "--learning-rates", "1e-6", "--regs",
                "1e3,1e4", "--iterations", "60", "--batch", "100");
        Map<String, Object> m = checkOutputs(out, DataLoss.SOFTMAX, 2);
        assertEquals(100, OfflineJobs.number(m, "batch_size"));
        assertEquals(1e-6, OfflineJobs.number(m, "best_lr"));
    }

    private static Map<String, Object> checkOutputs(Path out, DataLoss loss, int gridSize) throws IOException {
        Map<String, Object> m = OfflineJobs.metrics(out, KEYS);
        assertEquals(loss.id(), m.get("loss"));
        assertEquals(gridSize, OfflineJobs.number(m, "grid_size"));
        assertEquals(60, OfflineJobs.number(m, "iterations"));
        assertEquals(5000, OfflineJobs.number(m, "num_train"));
        double val = OfflineJobs.number(m, "val_accuracy");
        double test = OfflineJobs.number(m, "test_accuracy");
        assertTrue(val > 0.3 && test > 0.3, loss + ": val " + val + ", test " + test + " (chance 0.1)");
        assertTrue(OfflineJobs.number(m, "train_seconds") >= OfflineJobs.number(m, "best_setting_seconds"));
        assertEquals(gridSize + 1, Files.readAllLines(out.resolve("grid.csv")).size());
        OfflineJobs.assertPng(out.resolve("weights.png"), 3 * 32, 10 * 96);
        OfflineJobs.assertPng(out.resolve("loss_history.png"), 400, 300);

        LinearModel model = LinearModelFile.read(out.resolve("model.zip"));
        assertEquals(loss, model.classifier().loss());
        assertArrayEquals(new long[] {3073, 10}, model.weights().shape());
        INDArray raw = CifarTensors.features(courseTest, FeatureLayout.FLAT, DataType.FLOAT);
        assertEquals(test, Labels.accuracy(model.predict(raw), courseTest.labels()), 1e-12);
        return m;
    }
}
