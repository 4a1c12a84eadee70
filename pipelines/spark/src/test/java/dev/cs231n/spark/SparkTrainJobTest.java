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

import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.testing.SyntheticCifar;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-train} end to end on synthetic CIFAR-10 in the official format and sizes (learnable classes): through
 * {@code ./cs231n}'s command line, the CIFAR reader, the preprocessing fitted on the driver, Spark training on
 * {@code local[2]}, evaluation, metrics.json with fc-net's keys, model.zip, a checkpoint every epoch and
 * {@code --resume}.
 */
class SparkTrainJobTest {

    @TempDir
    static Path root;

    private static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = root.resolve("data");
        SyntheticCifar.writeLearnableBatches(data.resolve(SyntheticCifar.DIRECTORY_NAME),
                SyntheticCifar.OFFICIAL_PER_FILE, 10_000, 8);
    }

    private static String run(int expectedExit, String job, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of(job, "--data-dir", data.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return SparkTestSupport.runJob(expectedExit, args.toArray(new String[0]));
    }

    private static final String[] SMALL = {"--num-train", "2000", "--hidden", "64", "--batch-size", "50",
        "--spark", "local[2]"};

    private static String[] with(String... extra) {
        List<String> a = new ArrayList<>(List.of(SMALL));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void trainsCheckpointsAndResumes() throws IOException {
        Path out = root.resolve("avg");
        run(0, "spark-train", out, with("--training-master", "averaging", "--epochs", "2"));
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        assertEquals(2, ((Number) m.get("epochs")).intValue());
        assertTrue(((Number) m.get("test_accuracy")).doubleValue() > 0.5, "learnable classes: " + m);
        assertEquals("averaging", m.get("training_master"));
        assertTrue(Files.isRegularFile(out.resolve("checkpoint.zip")));
        MultiLayerNetwork best = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile());
        assertEquals(3072, best.layerInputSize(0));

        String resumed = run(0, "spark-train", out, with("--training-master", "averaging", "--epochs", "3",
                "--resume"));
        assertTrue(resumed.contains("resuming after epoch 2 of 3"), resumed);
        assertTrue(!resumed.contains("epoch 1/3") && resumed.contains("epoch 3/3"), resumed);
        assertEquals(3, ((Number) Metrics.read(out.resolve(Metrics.FILE_NAME)).get("epochs")).intValue());

        String refused = run(1, "spark-train", out, with("--training-master", "averaging", "--epochs", "4",
                "--resume", "--lr", "0.01"));
        assertTrue(refused.contains("was made with lr = 0.001, this run has lr = 0.01"), refused);
    }

    /** spark-train (gradient sharing) writes every key that fc-net writes, and learns. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void writesTheMetricsOfFcNet() throws IOException {
        Path spark = root.resolve("sharing");
        run(0, "spark-train", spark, with("--training-master", "sharing", "--epochs", "1"));
        Path fc = root.resolve("fc-net");
        run(0, "fc-net", fc, "--num-train", "2000", "--hidden", "64", "--batch-size", "50", "--epochs", "1");
        Map<String, Object> sm = Metrics.read(spark.resolve(Metrics.FILE_NAME));
        Map<String, Object> fm = Metrics.read(fc.resolve(Metrics.FILE_NAME));
        assertTrue(sm.keySet().containsAll(fm.keySet()), "fc-net " + fm.keySet() + ", spark-train " + sm.keySet());
        assertTrue(((Number) sm.get("test_accuracy")).doubleValue() > 0.5, "learnable classes: " + sm);
        assertTrue(Files.isRegularFile(spark.resolve("loss.png")) && Files.isRegularFile(spark.resolve("accuracy.png")));
    }
}
