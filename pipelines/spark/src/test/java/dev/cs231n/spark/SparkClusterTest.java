package dev.cs231n.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cs231n.pipelines.train.Trainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import dev.cs231n.layers.transformer.CaptioningTransformer;
import dev.cs231n.layers.transformer.FeedForwardActivation;

/**
 * Separate executor JVMs ({@code local-cluster[2,1,1024]}: two executors of one core, started from this JVM's class
 * path): the configuration with our custom layers and the parameters travel to them (Spark's Java serialiser for the
 * tasks, Kryo for the DataSets and broadcasts, DL4J's JSON for the configuration), they train, and the driver's
 * network learns. Gradient sharing is the training master tested here (parameter averaging in executor JVMs was run
 * once, 0.814 against 0.829 in one JVM, and left out for the suite's time budget): its workarounds are the ones that
 * executors in other JVMs need, their own loopback address ({@link SparkContexts#EXECUTOR_LOOPBACK}) and their own
 * UDP port ({@link ExecutorPortSupplier}). Without them an executor binds an address and port already taken, trains
 * alone, and the driver's network stays at chance (0.116 was measured here when a network mask, which overrides
 * DL4J_VOID_IP, gave both executors 127.0.0.1 and DL4J's fixed port), which the accuracy assertion catches. Tolerance as in {@link SparkTrainingTest}.
 * The course's captioning transformer, a ComputationGraph of our attention and decoder vertices, travels the same way
 * (parameter averaging, {@link SparkTrainer#fitGraph}).
 */
class SparkClusterTest {

    private static final int EPOCHS = 2;
    private static final long SEED = 42;
    private static final double TOLERANCE = 0.05;
    private static final String MASTER = "local-cluster[2,1,1024]";

    private static JavaSparkContext sc;
    private static List<DataSet> train;
    private static DataSet test;
    private static double single;

    @BeforeAll
    static void start() {
        train = SparkTestSupport.minibatches(SparkTestSupport.blobs(4000, 1));
        test = SparkTestSupport.blobs(2000, 2);
        single = SparkTestSupport.accuracy(SparkTestSupport.singleJvm(train, EPOCHS, SEED), test);
        sc = SparkTestSupport.context(MASTER);
    }

    @AfterAll
    static void stop() {
        SparkTestSupport.stop(sc);
    }

    private static double trainOn(TrainingMasterKind kind, Path out) throws IOException {
        assertEquals(3, sc.sc().getExecutorMemoryStatus().size(), "two executors besides the driver");
        MultiLayerNetwork fresh = new MultiLayerNetwork(SparkTestSupport.smallNet(SEED));
        fresh.init();
        SparkTrainer trainer = SparkTrainer.builder().epochs(EPOCHS).out(out)
                .evaluator(SparkTestSupport.valAccuracy(test)).timeouts(60_000, 0).build();
        Trainer.Result<MultiLayerNetwork> r = trainer.fit(sc, fresh, kind.create(SparkTestSupport.settings()),
                epoch -> sc.parallelize(train, 2), "test");
        double acc = SparkTestSupport.accuracy(r.best(), test);
        System.out.printf("%s on %s: accuracy %.4f (single JVM %.4f), epochs %s s%n", kind, MASTER, acc, single,
                trainer.epochSeconds());
        return acc;
    }

    /**
     * Captions of a copy task: image class c (features: a one-hot of c plus noise) has the caption
     * {@code <START> w(c) w(c+1) <END> <NULL>...}; vocabulary 0 NULL, 1 START, 2 END, 3..7 words.
     */
    static List<MultiDataSet> captionBatches(int batches, int batch, long seed) {
        int classes = 5;
        int t = 5; // input and target length (caption length 6)
        java.util.Random r = new java.util.Random(seed);
        List<MultiDataSet> out = new java.util.ArrayList<>();
        for (int b = 0; b < batches; b++) {
            INDArray f = Nd4j.zeros(DataType.FLOAT, batch, classes);
            INDArray in = Nd4j.zeros(DataType.FLOAT, batch, 1, t);
            INDArray y = Nd4j.zeros(DataType.FLOAT, batch, CAPTION_VOCAB, t);
            INDArray mask = Nd4j.zeros(DataType.FLOAT, batch, t);
            for (int i = 0; i < batch; i++) {
                int c = r.nextInt(classes);
                for (int k = 0; k < classes; k++) {
                    f.putScalar(i, k, (k == c ? 1.0 : 0.0) + 0.1 * r.nextGaussian());
                }
                int[] caption = {1, 3 + c, 3 + (c + 1) % classes, 2, 0, 0};
                for (int k = 0; k < t; k++) {
                    in.putScalar(new long[] {i, 0, k}, caption[k]);
                    y.putScalar(new long[] {i, caption[k + 1], k}, 1.0);
                    mask.putScalar(i, k, caption[k + 1] == 0 ? 0.0 : 1.0);
                }
            }
            out.add(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {f, in}, new INDArray[] {y}, null,
                    new INDArray[] {mask}));
        }
        return out;
    }

    private static final int CAPTION_VOCAB = 8;

    private static double meanScore(ComputationGraph g, List<MultiDataSet> data) {
        double sum = 0;
        for (MultiDataSet d : data) {
            sum += g.score(d, false);
        }
        return sum / data.size();
    }

    /**
     * The course's captioning transformer (our attention, positional-encoding and decoder vertices) as a
     * ComputationGraph, trained by gradient sharing in the executor JVMs: the vertices' configurations travel and
     * the driver's graph learns (its loss on the training captions falls below half its initial value; a graph that
     * never received the workers' updates keeps it).
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void captioningTransformerGraphInExecutorJvms(@TempDir Path out) throws IOException {
        List<MultiDataSet> batches = captionBatches(40, 16, 3);
        ComputationGraph fresh = new ComputationGraph(CaptioningTransformer.configuration(5, 16, 2, 1, 32,
                CAPTION_VOCAB, 8, 0.0, FeedForwardActivation.RELU, new Adam(5e-3), DataType.FLOAT, SEED));
        fresh.init();
        double initial = meanScore(fresh, batches);
        SparkTrainer trainer = SparkTrainer.builder().epochs(3).out(out).selectOn("loss", false)
                .evaluator(g -> java.util.Map.of("loss", meanScore((ComputationGraph) g, batches)))
                .timeouts(60_000, 0).build();
        Trainer.Result<ComputationGraph> r = trainer.fitGraph(sc, fresh,
                TrainingMasterKind.AVERAGING.create(new TrainingMasterKind.Settings(16, 2, 1e-3, 2, "127.0.0.1", null,
                        7)), epoch -> sc.parallelize(batches, 2), "test");
        double last = meanScore(r.best(), batches);
        System.out.printf("captioning transformer, averaging on %s: loss %.4f -> %.4f, epochs %s s%n", MASTER,
                initial, last, trainer.epochSeconds());
        assertTrue(last < initial / 2, "loss " + initial + " -> " + last);
        assertEquals(3, r.best().getConfiguration().getEpochCount());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void gradientSharingInExecutorJvms(@TempDir Path out) throws IOException {
        double acc = trainOn(TrainingMasterKind.SHARING, out);
        assertTrue(acc > 0.3, "the driver's network stayed near chance: " + acc);
        assertEquals(single, acc, TOLERANCE);
    }
}
