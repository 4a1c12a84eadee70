package dev.cs231n.pipelines.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.cs231n.pipelines.io.Metrics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A short {@code caption-rnn} run on the real COCO mini setup ({@code $CS231N_DATA/coco}, skipped with a message
 * without it): a small model, a short overfitting check and two epochs; the full course settings are measured in
 * the README, not here (they take minutes).
 */
class CaptionJobsRealDataTest {

    @TempDir
    Path tmp;

    @Test
    void captionRnnOnTheCocoMiniImages() throws IOException {
        String data = System.getenv("CS231N_DATA");
        Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data, "coco", "coco-mini")),
                "CS231N_DATA is unset (or has no coco/coco-mini): skipping the real-data captioning test; run with "
                        + "CS231N_DATA pointing at a folder whose coco/ is laid out as ../shared/datasets/coco");
        Path out = tmp.resolve("rnn");
        // the course's overfitting check at the course's settings (the job's defaults), one epoch of training
        CaptionJobsTest.run(0, "caption-rnn", "--out", out.toString(), "--epochs", "1", "--beam-width", "1");
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        System.out.println("[caption-real-data] " + m);
        assertEquals(795, CaptionJobsTest.number(m, "train_pairs"), "80 train2017 + 79 val2017 images' captions");
        assertEquals(768, CaptionJobsTest.number(m, "feature_dim"));
        assertEquals(50, CaptionJobsTest.number(m, "overfit_pairs"));
        assertTrue(CaptionJobsTest.number(m, "overfit_final_loss") < 0.1, "the course's target: " + m);
        assertTrue(CaptionJobsTest.number(m, "overfit_greedy_exact") >= 45, "greedy samples reproduce: " + m);
        for (String k : CaptionJobsTest.KEYS) {
            double v = CaptionJobsTest.number(m, k);
            assertTrue(Double.isFinite(v) && v >= 0, k + " = " + v);
        }
        JsonNode samples = new ObjectMapper().readTree(out.resolve("samples.json").toFile());
        assertEquals(80, samples.size(), "the 80 evaluation images");
        for (JsonNode s : samples) {
            assertTrue(s.get("references").size() >= 5, s.toString());
        }
        assertTrue(Files.isRegularFile(out.resolve(CaptionPage.FILE)));
    }
}
