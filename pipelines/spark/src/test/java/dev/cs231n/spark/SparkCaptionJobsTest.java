package dev.cs231n.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.cs231n.layers.recurrent.VanillaRnnVertex;
import dev.cs231n.pipelines.caption.CaptionPage;
import dev.cs231n.pipelines.caption.SyntheticCoco;
import dev.cs231n.pipelines.io.Metrics;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-caption-rnn} and {@code spark-caption-transformer} end to end on the caption tests' synthetic COCO
 * folder (captions follow the colour and shape of the image): the graphs with our recurrent, attention and sequence
 * vertices trained by each training master on {@code local[2]}, the caption jobs' outputs, {@code --resume}, and a
 * model.zip that restores as the same graph.
 */
class SparkCaptionJobsTest {

    @TempDir
    static Path tmp;
    private static Path coco;

    @BeforeAll
    static void data() throws IOException {
        coco = SyntheticCoco.write(tmp.resolve("coco"));
    }

    private static String run(String... args) {
        return SparkTestSupport.runJob(0, args);
    }

    private static String[] rnn(String job, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of(job, "--coco-dir", coco.toString(), "--out", out.toString(),
                "--pixel-size", "4", "--word-dim", "16", "--hidden", "32", "--overfit-pairs", "0", "--batch-size",
                "6", "--lr", "2e-2", "--lr-decay", "1", "--beam-width", "2"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    private static double number(Map<String, Object> m, String key) {
        assertTrue(m.get(key) instanceof Number, key + " missing in " + m);
        return ((Number) m.get(key)).doubleValue();
    }

    /**
     * Gradient sharing learns the captions as the single-JVM job does: it beats the most-frequent-caption baseline
     * (a driver network that never received the workers' updates would emit one caption for every image and score
     * the baseline or less), with a BLEU-4 no more than 0.25 below the single-JVM job's on the same options (24
     * training pairs: 4 minibatches per epoch, 2 per worker; the tolerance is wide because the 6 evaluation images
     * make BLEU coarse).
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void captionRnnOnGradientSharingLearnsAndResumes() throws IOException {
        Path single = tmp.resolve("rnn-single");
        run(rnn("caption-rnn", single, "--epochs", "15"));
        Map<String, Object> s = Metrics.read(single.resolve(Metrics.FILE_NAME));
        Path out = tmp.resolve("rnn-sharing");
        String log = run(rnn("spark-caption-rnn", out, "--epochs", "15", "--spark", "local[2]", "--training-master",
                "sharing"));
        assertTrue(log.contains("on Spark local[2]: sharing, 2 workers x batch 6"), log);
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        System.out.printf("[spark-caption] rnn: single JVM bleu4 %.4f loss %.4f; sharing bleu4 %.4f loss %.4f; "
                + "baseline %.4f%n", number(s, "bleu4"), number(s, "train_final_loss"), number(m, "bleu4"),
                number(m, "train_final_loss"), number(m, "baseline_bleu4"));
        assertEquals(15, number(m, "epochs"));
        assertTrue(Double.isFinite(number(m, "train_final_loss")) && number(m, "train_final_loss") > 0, m.toString());
        assertTrue(number(m, "bleu4") > number(m, "baseline_bleu4"), m.toString());
        assertTrue(number(m, "bleu4") > number(s, "bleu4") - 0.25, "sharing " + m + " vs single " + s);
        assertTrue(Files.isRegularFile(out.resolve("samples.json")) && Files.isRegularFile(out.resolve(CaptionPage.FILE)));

        ComputationGraph g = ModelSerializer.restoreComputationGraph(out.resolve("model.zip").toFile(), false);
        boolean ours = false;
        for (GraphVertex v : g.getConfiguration().getVertices().values()) {
            ours |= v instanceof VanillaRnnVertex;
        }
        assertTrue(ours, "model.zip has the project's RNN vertex: " + g.getConfiguration().getVertices());

        run(rnn("spark-caption-rnn", out, "--epochs", "16", "--spark", "local[2]", "--training-master", "sharing",
                "--resume"));
        assertEquals(16, number(Metrics.read(out.resolve(Metrics.FILE_NAME)), "epochs"));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void captionTransformerOnParameterAveraging() throws IOException {
        Path out = tmp.resolve("transformer-averaging");
        run("spark-caption-transformer", "--coco-dir", coco.toString(), "--out", out.toString(), "--pixel-size", "4",
                "--word-dim", "16", "--heads", "2", "--layers", "1", "--ffn", "32", "--overfit-pairs", "0",
                "--batch-size", "6", "--lr", "5e-3", "--epochs", "3", "--beam-width", "2", "--spark", "local[2]",
                "--training-master", "averaging", "--averaging-frequency", "1");
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        System.out.println("[spark-caption] transformer averaging " + m);
        assertEquals(3, number(m, "epochs"));
        for (String k : List.of("train_final_loss", "bleu1", "bleu4", "baseline_bleu4")) {
            assertTrue(Double.isFinite(number(m, k)) && number(m, k) >= 0, k + " in " + m);
        }
        ComputationGraph g = ModelSerializer.restoreComputationGraph(out.resolve("model.zip").toFile(), false);
        assertEquals(3, g.getConfiguration().getEpochCount(), "the driver's graph counts the Spark epochs");
    }
}
