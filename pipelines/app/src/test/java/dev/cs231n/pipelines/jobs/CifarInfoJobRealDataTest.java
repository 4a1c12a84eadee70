package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.io.Metrics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cifar-info} on the real CIFAR-10 ({@code $CS231N_DATA}); skipped with a message where it is unset. */
class CifarInfoJobRealDataTest {

    @Test
    void reportsTheOfficialCountsAndStatisticsAndDrawsTheGrid(@TempDir Path out) throws Exception {
        String data = System.getenv("CS231N_DATA");
        Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data, "cifar-10-batches-bin")),
                "CS231N_DATA is unset (or has no cifar-10-batches-bin): skipping the real-data cifar-info test; "
                        + "run with CS231N_DATA=$(dirname \"$(../shared/datasets/cifar10.sh)\")");
        int code = Cs231n.commandLine().execute("cifar-info", "--data-dir", data, "--out", out.toString());
        assertEquals(0, code);
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        assertEquals(50000, ((Number) m.get("train_images")).intValue());
        assertEquals(10000, ((Number) m.get("test_images")).intValue());
        assertEquals(49000, ((Number) m.get("course_train_images")).intValue());
        assertEquals(1000, ((Number) m.get("course_val_images")).intValue());
        assertEquals(5000, ((Number) m.get("train_count_cat")).intValue());
        assertEquals(1000, ((Number) m.get("test_count_truck")).intValue());
        assertEquals(125.307, ((Number) m.get("train_mean_r")).doubleValue(), 0.01);
        assertEquals(122.950, ((Number) m.get("train_mean_g")).doubleValue(), 0.01);
        assertEquals(113.865, ((Number) m.get("train_mean_b")).doubleValue(), 0.01);
        assertEquals("cat", m.get("first_test_class"));
        BufferedImage grid = ImageIO.read(out.resolve("samples.png").toFile());
        assertTrue(grid.getWidth() > 10 * 64 && grid.getHeight() >= 10 * 64, grid.getWidth() + "x" + grid.getHeight());
    }
}
