package dev.cs231n.layers.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import dev.cs231n.layers.attention.PositionalEncoding;
import dev.cs231n.layers.norm.OneNativeThread;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A 2-layer decoder (ComputationGraph, FLOAT) learns to copy and to reverse random token sequences: the memory is
 * the embedded source plus positional encoding, the decoder's target input is the positional encoding alone (one
 * query per output position), and each output position must name the source token at the same (copy) or mirrored
 * (reverse) position. Fresh random minibatches every step; token accuracy on unseen sequences must exceed 99 %.
 * One native thread: the arrays are tiny, and a second OpenMP thread only adds synchronisation (on a loaded machine,
 * a lot of it).
 */
@ExtendWith(OneNativeThread.class)
class CopyReverseLearningTest {

    static final int V = 8;
    static final int T = 5;
    static final int E = 32;
    static final int MAX_STEPS = 1500;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void learnsToCopyAndToReverse(boolean reverse) {
        Nd4j.getRandom().setSeed(reverse ? 2 : 1);
        ComputationGraph g = graph();
        Random r = new Random(reverse ? 20 : 10);
        long start = System.nanoTime();
        double acc = 0;
        int step = 0;
        while (step < MAX_STEPS) {
            g.fit(batch(32, reverse, r));
            step++;
            if (step % 50 == 0) {
                acc = accuracy(g, batch(256, reverse, r), reverse);
                System.out.printf("[learning] %s step %d accuracy %.4f (%.1f s)%n", reverse ? "reverse" : "copy",
                        step, acc, (System.nanoTime() - start) / 1e9);
                if (acc > 0.997) {
                    break;
                }
            }
        }
        double test = accuracy(g, batch(1000, reverse, new Random(99)), reverse);
        System.out.printf("[learning] %s: %d steps, %.1f s, token accuracy %.4f on 1000 unseen sequences%n",
                reverse ? "reverse" : "copy", step, (System.nanoTime() - start) / 1e9, test);
        assertTrue(test > 0.99, (reverse ? "reverse" : "copy") + " token accuracy " + test);
    }

    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Adam(5e-3)).graphBuilder()
                .addInputs("src", "pos")
                .setInputTypes(InputType.recurrent(V, T), InputType.recurrent(E, T))
                .addLayer("embed", new TimeDistributed(new DenseLayer.Builder().nOut(E).activation(Activation.IDENTITY)
                        .build(), RNNFormat.NCW), "src")
                .addLayer("memory", PositionalEncoding.builder().maxLength(32).dropout(0).build(), "embed")
                .addLayer("queries", PositionalEncoding.builder().maxLength(32).dropout(0).build(), "pos")
                .addVertex("dec1", TransformerDecoderLayer.builder().nIn(E).numHeads(4).dimFeedforward(64).dropout(0)
                        .build(), "queries", "memory")
                .addVertex("dec2", TransformerDecoderLayer.builder().nIn(E).numHeads(4).dimFeedforward(64).dropout(0)
                        .build(), "dec1", "memory")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(E).nOut(V).build(), "dec2")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** @return n random sequences: src one-hot [n, V, T], pos zeros [n, E, T], labels one-hot [n, V, T] */
    static MultiDataSet batch(int n, boolean reverse, Random r) {
        INDArray src = Nd4j.zeros(DataType.FLOAT, n, V, T);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, V, T);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < T; t++) {
                int tok = r.nextInt(V);
                src.putScalar(new int[] {i, tok, t}, 1.0);
                y.putScalar(new int[] {i, tok, reverse ? T - 1 - t : t}, 1.0);
            }
        }
        return new MultiDataSet(new INDArray[] {src, Nd4j.zeros(DataType.FLOAT, n, E, T)}, new INDArray[] {y});
    }

    static double accuracy(ComputationGraph g, MultiDataSet ds, boolean reverse) {
        INDArray out = g.output(ds.getFeatures())[0];
        INDArray pred = out.argMax(1);
        INDArray truth = ds.getLabels(0).argMax(1);
        return pred.eq(truth).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
