package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.io.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's kNN protocol on the real CIFAR-10 (first 5,000 training / 500 test images, raw pixels), end to end
 * through the job: the course reports 137/500 = 0.274 for k = 1 and about 0.28 for the cross-validated best k.
 */
class KnnJobRealDataTest {

    @Test
    void reproducesTheCourseAccuraciesAndCrossValidation(@TempDir Path out) throws Exception {
        String data = RealData.dataDirOrSkip("knn");
        assertEquals(0, Cs231n.commandLine().execute("knn", "--data-dir", data, "--out", out.toString()));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        double k1 = number(m, "test_accuracy_k1");
        assertTrue(k1 > 0.26 && k1 < 0.29, "k=1 test accuracy " + k1 + " (course: 0.274)");
        for (int k : KnnJob.COURSE_KS) {
            double cv = number(m, "cv_accuracy_k" + k);
            assertTrue(cv > 0.22 && cv < 0.32, "cv k=" + k + ": " + cv);
        }
        int best = (int) number(m, "best_k");
        double bestAcc = number(m, "test_accuracy_best_k");
        assertTrue(best > 1 && best <= 20, "best k " + best);
        assertTrue(bestAcc > 0.26 && bestAcc < 0.31, "best-k test accuracy " + bestAcc + " (course: ~0.28)");
        double bestCv = number(m, "cv_accuracy_k" + best);
        for (int k : KnnJob.COURSE_KS) {
            assertTrue(number(m, "cv_accuracy_k" + k) <= bestCv, "k=" + k + " beats the chosen best k");
        }
        assertEquals("l2", m.get("distance"));
        BufferedImage png = ImageIO.read(out.resolve("cv_accuracy.png").toFile());
        assertEquals(800, png.getWidth());
    }

    private static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Number, key + " missing or not a number: " + v + " in " + m.keySet());
        return ((Number) v).doubleValue();
    }
}
