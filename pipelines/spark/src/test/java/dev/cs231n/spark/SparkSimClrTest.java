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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code spark-simclr-pretrain} end to end on synthetic CIFAR-10 files: NT-Xent needs each minibatch of view pairs
 * whole (view i with view i + N), so one worker with parameter averaging once per epoch must reproduce the
 * single-JVM job's training (a minibatch split, merged or reordered on the workers would pair other views and give
 * other parameters); gradient sharing on {@code local[2]} writes the job's outputs.
 */
class SparkSimClrTest {

    @TempDir
    static Path root;
    private static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = root.resolve("data");
        SyntheticCifar.writeLearnableBatches(data.resolve(SyntheticCifar.DIRECTORY_NAME),
                SyntheticCifar.OFFICIAL_PER_FILE, 10_000, 8);
    }

    private static void run(String job, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of(job, "--num-train", "64", "--batch-size", "16", "--knn-bank",
                "64", "--knn-k", "5", "--epochs", "1", "--data-dir", data.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        SparkTestSupport.runJob(0, args.toArray(new String[0]));
    }

    private static double number(Map<String, Object> m, String key) {
        assertTrue(m.get(key) instanceof Number, key + " missing in " + m);
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void oneAveragingWorkerReproducesTheSingleJvmTraining() throws IOException {
        Path single = root.resolve("single");
        run("simclr-pretrain", single);
        Path spark = root.resolve("spark-averaging");
        // one averaging round for the epoch's 4 minibatches: a single round with one worker is exactly the
        // sequential training (measured on the small net: 0 difference; with a round per minibatch, 0.035, DL4J's
        // averaging master then differs from sequential training by itself)
        run("spark-simclr-pretrain", spark, "--spark", "local[1]", "--training-master", "averaging",
                "--averaging-frequency", "4");
        MultiLayerNetwork na = ModelSerializer.restoreMultiLayerNetwork(single.resolve("model.zip").toFile(), false);
        MultiLayerNetwork nb = ModelSerializer.restoreMultiLayerNetwork(spark.resolve("model.zip").toFile(), false);
        INDArray a = na.params();
        INDArray b = nb.params();
        double diff = a.sub(b).amaxNumber().doubleValue();
        double scale = a.amaxNumber().doubleValue();
        System.out.printf("[spark-simclr] max |param difference| %.3g (max |param| %.3g)%n", diff, scale);
        assertTrue(diff < 1e-6, "one averaging worker vs one JVM: max difference " + diff);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void gradientSharingWritesTheJobsOutputs() throws IOException {
        Path out = root.resolve("spark-sharing");
        run("spark-simclr-pretrain", out, "--spark", "local[2]", "--training-master", "sharing");
        Map<String, Object> m = Metrics.read(out.resolve(Metrics.FILE_NAME));
        for (String k : List.of("final_loss", "epochs", "train_seconds", "knn_monitor_accuracy")) {
            number(m, k);
        }
        double loss = number(m, "final_loss");
        // NT-Xent of 16 pairs starts near log(31) = 3.43
        assertTrue(loss > 0 && loss < 4.0, "final_loss " + loss);
        assertTrue(Files.isRegularFile(out.resolve("simclr.json")) && Files.isRegularFile(out.resolve("knn.png")));
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile(), false);
        assertEquals(1, net.getLayerWiseConfigurations().getEpochCount());
    }
}
