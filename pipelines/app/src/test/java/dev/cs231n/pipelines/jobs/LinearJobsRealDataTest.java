package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarInstaller;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.classic.Labels;
import dev.cs231n.classic.linear.LinearModel;
import dev.cs231n.classic.linear.LinearModelFile;
import dev.cs231n.pipelines.io.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Short runs of the {@code softmax} and {@code svm} jobs on the real CIFAR-10 (one setting, a few hundred SGD steps):
 * both clearly beat chance (0.10), write every output, and the saved model reproduces the reported test accuracy
 * from raw pixels. The full grid searches are run through the jobs, not here.
 */
class LinearJobsRealDataTest {

    @Test
    void shortSoftmaxRunBeatsChanceAndItsModelReproducesTheTestAccuracy(@TempDir Path out) throws Exception {
        String data = RealData.dataDirOrSkip("softmax");
        assertEquals(0, Cs231n.commandLine().execute("softmax", "--data-dir", data, "--out", out.toString(),
                "--learning-rates", "1e-6", "--regs", "2.5e4", "--iterations", "300"));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        double val = ((Number) m.get("val_accuracy")).doubleValue();
        double test = ((Number) m.get("test_accuracy")).doubleValue();
        assertTrue(val > 0.25 && test > 0.25, "val " + val + ", test " + test);
        assertEquals(1e-6, ((Number) m.get("best_lr")).doubleValue());
        assertEquals(2.5e4, ((Number) m.get("best_reg")).doubleValue());
        assertTrue(((Number) m.get("train_seconds")).doubleValue() > 0);

        LinearModel model = LinearModelFile.read(out.resolve("model.zip"));
        assertArrayEquals(new long[] {3073, 10}, model.weights().shape());
        CifarDataset testSet = CifarDataset.loadTest(CifarInstaller.locateOrDownload(Path.of(data))).range(0, 1000);
        INDArray raw = CifarTensors.features(testSet, FeatureLayout.FLAT, DataType.FLOAT);
        assertEquals(test, Labels.accuracy(model.predict(raw), testSet.labels()), 1e-12);

        BufferedImage weights = ImageIO.read(out.resolve("weights.png").toFile());
        assertEquals(10 * (32 * 3 + 2), weights.getHeight(), "one row per class");
        assertTrue(Files.size(out.resolve("loss_history.png")) > 1000);
        List<String> grid = Files.readAllLines(out.resolve("grid.csv"));
        assertEquals(2, grid.size(), grid.toString());
    }

    @Test
    void shortSvmRunBeatsChance(@TempDir Path out) throws Exception {
        String data = RealData.dataDirOrSkip("svm");
        assertEquals(0, Cs231n.commandLine().execute("svm", "--data-dir", data, "--out", out.toString(),
                "--learning-rates", "1e-7", "--regs", "2.5e4", "--iterations", "200"));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        double val = ((Number) m.get("val_accuracy")).doubleValue();
        assertTrue(val > 0.25, "val " + val);
        assertEquals("svm", m.get("loss"));
        assertEquals("svm", LinearModelFile.read(out.resolve("model.zip")).classifier().loss().id());
    }
}
