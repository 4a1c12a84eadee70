package dev.cs231n.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.LayerNorm;
import dev.cs231n.pipelines.train.Trainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.api.buffer.DataType;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

/**
 * The small net with our BatchNorm, LayerNorm and InvertedDropout trained on {@code local[2]} by each training master
 * reaches the accuracy of single-JVM training of the same net on the same minibatches, and the network saved from
 * Spark training gives the driver's outputs after a ModelSerializer round trip.
 *
 * <p>Tolerance: 0.05 of accuracy on the 2,000 test examples. Test sampling alone moves an accuracy near 0.8 by
 * sqrt(0.8 * 0.2 / 2000) = 0.009; the rest is the training masters' different optimisation path (averaging: two
 * workers each take half the steps from the same parameters, then their mean; sharing: threshold-encoded,
 * asynchronously applied updates). A broken training (stuck at chance 0.1, or a driver network that never received
 * the workers' updates) misses it by far more.
 */
class SparkTrainingTest {

    private static final int EPOCHS = 3;
    private static final long SEED = 42;
    private static final double TOLERANCE = 0.05;
    /** Minibatches of the driver's BatchNorm statistics after each gradient-sharing epoch. */
    private static final int BN_BATCHES = 20;

    private static JavaSparkContext sc;
    private static List<DataSet> train;
    private static DataSet test;
    private static double single;

    @BeforeAll
    static void start() {
        train = SparkTestSupport.minibatches(farFromUnit(SparkTestSupport.blobs(6000, 1)));
        test = farFromUnit(SparkTestSupport.blobs(2000, 2));
        single = SparkTestSupport.accuracy(SparkTestSupport.singleJvm(train, EPOCHS, SEED), test);
        System.out.printf("single JVM: accuracy %.4f%n", single);
        assertTrue(single > 0.6 && single < 0.97, "the synthetic task must be learnable but not trivial: " + single);
        sc = SparkTestSupport.context("local[2]");
    }

    /**
     * Features scaled by 8 and shifted by 5: the first dense layer's outputs, which BatchNorm sees, then have a mean
     * and variance far from BatchNorm's initial running mean 0, variance 1, so a network whose running statistics
     * never left them (gradient sharing without the driver's recomputation) predicts badly.
     */
    private static DataSet farFromUnit(DataSet d) {
        d.getFeatures().muli(8).addi(5);
        return d;
    }

    @AfterAll
    static void stop() {
        SparkTestSupport.stop(sc);
    }

    private static MultiLayerNetwork trainOnSpark(TrainingMasterKind kind, Path out) throws IOException {
        MultiLayerNetwork fresh = new MultiLayerNetwork(SparkTestSupport.smallNet(SEED));
        fresh.init();
        SparkTrainer.Builder b = SparkTrainer.builder().epochs(EPOCHS).out(out)
                .evaluator(SparkTestSupport.valAccuracy(test)).timeouts(60_000, 0);
        if (kind == TrainingMasterKind.SHARING) {
            b.batchNormStatistics(epoch -> new ListDataSetIterator<>(train, 1), BN_BATCHES);
        }
        SparkTrainer trainer = b.build();
        Trainer.Result<MultiLayerNetwork> r = trainer.fit(sc, fresh, kind.create(SparkTestSupport.settings()),
                epoch -> sc.parallelize(train, 2), "test");
        System.out.printf("%s on local[2]: best val %.4f, epochs %s s%n", kind, r.state().bestValue,
                trainer.epochSeconds());
        return r.best();
    }

    private static MultiLayerNetwork averaged;

    /** @return the network of parameter averaging (trained once for the two tests that use it) */
    private static synchronized MultiLayerNetwork averaged() throws IOException {
        if (averaged == null) {
            averaged = trainOnSpark(TrainingMasterKind.AVERAGING, Files.createTempDirectory("cs231n-spark-avg-"));
        }
        return averaged;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void parameterAveragingMatchesSingleJvm() throws IOException {
        double acc = SparkTestSupport.accuracy(averaged(), test);
        assertEquals(single, acc, TOLERANCE, "parameter averaging on local[2] vs single JVM");
    }

    /**
     * Gradient sharing ends (the timeout: with DL4J's default repartitioner it can hang for ever, see
     * TrainingMasterKind) and learns as well as one JVM. Aeron's start failure without the unblock timeout would fail
     * this test at once; the run leaves no default-named Aeron directory behind in /dev/shm.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void gradientSharingMatchesSingleJvm(@TempDir Path out) throws IOException {
        Set<String> before = aeronDirs();
        MultiLayerNetwork shared = trainOnSpark(TrainingMasterKind.SHARING, out);
        double acc = SparkTestSupport.accuracy(shared, test);
        assertEquals(single, acc, TOLERANCE, "gradient sharing on local[2] vs single JVM");
        // the running statistics are those of the data under the kept network's own weights (the recomputation),
        // not the initial 0 / 1 that gradient sharing alone leaves
        INDArray mean = Nd4j.zeros(DataType.DOUBLE, 64);
        INDArray var = Nd4j.zeros(DataType.DOUBLE, 64);
        long n = 0;
        for (DataSet d : train.subList(0, BN_BATCHES)) {
            INDArray a = shared.getLayer(0).activate(d.getFeatures(), false, LayerWorkspaceMgr.noWorkspaces())
                    .castTo(DataType.DOUBLE);
            mean.addi(a.mean(0).muli(a.size(0)));
            var.addi(a.var(false, 0).muli(a.size(0)));
            n += a.size(0);
        }
        assertArrayEquals(flat(mean.divi(n)), flat(shared.getLayer(1).getParam(BatchNorm.RUNNING_MEAN_KEY)), 1e-3f);
        INDArray expectedVar = var.divi(n);
        INDArray relErr = Transforms.abs(expectedVar.sub(shared.getLayer(1).getParam(BatchNorm.RUNNING_VAR_KEY)
                .castTo(DataType.DOUBLE))).divi(expectedVar);
        assertTrue(relErr.maxNumber().doubleValue() < 1e-4, "running var relative error " + relErr.maxNumber());
        assertTrue(expectedVar.minNumber().doubleValue() > 5, "the data must be far from variance 1: " + expectedVar);
        Set<String> added = aeronDirs();
        added.removeAll(before);
        assertEquals(Set.of(), added, "Aeron directories with default names left in /dev/shm");
        assertTrue(Files.isDirectory(SparkContexts.aeronDir()), "the JVM's own Aeron directory is in use");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void savedModelGivesTheDriversOutputs(@TempDir Path out) throws IOException {
        MultiLayerNetwork driver = averaged();
        File zip = out.resolve("roundtrip.zip").toFile();
        ModelSerializer.writeModel(driver, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertTrue(restored.getLayerWiseConfigurations().getConf(1).getLayer() instanceof BatchNorm);
        assertTrue(restored.getLayerWiseConfigurations().getConf(3).getLayer() instanceof InvertedDropout);
        assertTrue(restored.getLayerWiseConfigurations().getConf(5).getLayer() instanceof LayerNorm);
        INDArray x = test.getFeatures();
        assertArrayEquals(flat(driver.output(x, false)), flat(restored.output(x, false)), 0f);
        assertArrayEquals(flat(driver.params()), flat(restored.params()), 0f);
    }

    private static float[] flat(INDArray a) {
        return a.dup().reshape(-1).toFloatVector();
    }

    private static Set<String> aeronDirs() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm)) {
            return new java.util.HashSet<>();
        }
        try (Stream<Path> s = Files.list(shm)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("aeron-"))
                    .collect(Collectors.toCollection(java.util.HashSet::new));
        }
    }
}
