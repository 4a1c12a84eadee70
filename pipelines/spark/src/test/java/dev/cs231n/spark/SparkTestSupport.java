package dev.cs231n.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.LayerNorm;
import dev.cs231n.pipelines.Cs231n;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;

/**
 * What the Spark tests share: synthetic data that a small net learns well but not perfectly (so that a worse
 * training shows), the small net with our custom layers, and Spark contexts with the job's settings.
 */
final class SparkTestSupport {

    /** Input features of the synthetic data. */
    static final int FEATURES = 32;
    /** Classes. */
    static final int CLASSES = 10;
    /** Minibatch size (per worker). */
    static final int BATCH = 32;

    private SparkTestSupport() {
    }

    /**
     * Ten Gaussian classes in 32 dimensions: class centres drawn from N(0, 0.5²) per dimension, unit noise. The
     * classes overlap (a linear classifier, the Bayes rule here, is right on roughly 80 % of them), so that neither
     * chance (0.1) nor perfection hides a training that went wrong.
     *
     * @param n    examples
     * @param seed seed of the noise and labels (the centres are fixed)
     * @return features {@code [n, 32]} and one-hot labels {@code [n, 10]}, FLOAT
     */
    static DataSet blobs(int n, long seed) {
        Random centres = new Random(12345);
        double[][] c = new double[CLASSES][FEATURES];
        for (double[] row : c) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = 0.5 * centres.nextGaussian();
            }
        }
        Random r = new Random(seed);
        float[][] x = new float[n][FEATURES];
        float[][] y = new float[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(CLASSES);
            y[i][label] = 1;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) (c[label][j] + r.nextGaussian());
            }
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    /**
     * @param data examples
     * @return them in minibatches of {@value #BATCH}, in order
     */
    static List<DataSet> minibatches(DataSet data) {
        List<DataSet> out = new ArrayList<>();
        for (DataSet d : data.batchBy(BATCH)) {
            out.add(d);
        }
        return out;
    }

    /**
     * dense 64 - our BatchNorm - ReLU - our InvertedDropout (keep 0.9) - dense 32 - our LayerNorm - ReLU - softmax 10;
     * Adam 5e-3.
     *
     * @param seed weight seed
     * @return the configuration
     */
    static MultiLayerConfiguration smallNet(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(5e-3)).list()
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.IDENTITY).weightInit(WeightInit.RELU)
                        .build())
                .layer(BatchNorm.builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(InvertedDropout.builder().keepProbability(0.9).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.IDENTITY).weightInit(WeightInit.RELU)
                        .build())
                .layer(LayerNorm.builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(FEATURES)).build();
    }

    /**
     * @param net  a network
     * @param test examples
     * @return its accuracy on them
     */
    static double accuracy(MultiLayerNetwork net, DataSet test) {
        INDArray pred = net.output(test.getFeatures(), false).argMax(1);
        INDArray truth = test.getLabels().argMax(1);
        long correct = 0;
        for (int i = 0; i < pred.length(); i++) {
            if (pred.getLong(i) == truth.getLong(i)) {
                correct++;
            }
        }
        return correct / (double) pred.length();
    }

    /**
     * The same net trained in this JVM without Spark, on the same minibatches in the same order.
     *
     * @param train  minibatches
     * @param epochs epochs
     * @param seed   weight seed
     * @return the trained network
     */
    static MultiLayerNetwork singleJvm(List<DataSet> train, int epochs, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(smallNet(seed));
        net.init();
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(train, 1);
        for (int e = 0; e < epochs; e++) {
            it.reset();
            net.fit(it);
        }
        return net;
    }

    /**
     * Runs a {@code ./cs231n} job in this JVM, its standard output and error captured, printed and returned.
     *
     * @param expectedExit the exit code the job must end with
     * @param args         the job's name and options
     * @return what it printed
     */
    static String runJob(int expectedExit, String... args) {
        CommandLine cl = Cs231n.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(stdout);
        }
        String all = printed.toString(StandardCharsets.UTF_8) + err;
        System.out.println(all);
        org.junit.jupiter.api.Assertions.assertEquals(expectedExit, code, all);
        return all;
    }

    /**
     * @param master a master URL
     * @return a started context with the job's settings (and the driver's Aeron settings)
     */
    static JavaSparkContext context(String master) {
        Path aeron = SparkContexts.aeronDir();
        SparkContexts.prepareDriver(aeron);
        return SparkContexts.start(SparkContexts.conf(master, "cs231n test", aeron), 120_000);
    }

    /**
     * Stops a context without hanging the suite (a stop that waits for ever on Spark's listener bus was seen once,
     * after a timed-out test).
     *
     * @param sc the context, or null
     */
    static void stop(JavaSparkContext sc) {
        if (sc == null) {
            return;
        }
        String app = sc.sc().applicationId();
        Thread t = new Thread(sc::stop, "cs231n-test-stop");
        t.setDaemon(true);
        t.start();
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SparkContexts.removeAeronDirs(SparkContexts.aeronDir(), app);
    }

    /**
     * @return the training master settings of the tests (averaging every 10 minibatches, threshold 1e-3, loopback)
     */
    static TrainingMasterKind.Settings settings() {
        return new TrainingMasterKind.Settings(BATCH, 10, 1e-3, 2, "127.0.0.1", null, 7);
    }

    /** @return the evaluator of the tests: accuracy on the given examples as val_accuracy */
    static dev.cs231n.pipelines.train.EpochEvaluator<org.deeplearning4j.nn.api.Model> valAccuracy(DataSet val) {
        return net -> Map.of(dev.cs231n.pipelines.train.Trainer.VAL_ACCURACY,
                accuracy((MultiLayerNetwork) net, val));
    }
}
