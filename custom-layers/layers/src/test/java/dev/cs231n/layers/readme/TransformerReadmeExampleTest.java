package dev.cs231n.layers.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.attention.MultiHeadAttentionVertex;
import dev.cs231n.layers.attention.MultiHeadSelfAttention;
import dev.cs231n.layers.attention.PositionalEncoding;
import dev.cs231n.layers.norm.LayerNorm;
import dev.cs231n.layers.transformer.FeedForwardActivation;
import dev.cs231n.layers.transformer.TransformerDecoderLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The configuration shown in custom-layers/README-transformer.md builds, trains (with masks) and infers. */
class TransformerReadmeExampleTest {

    @Test
    void readmeTransformerConfigurationTrains() {
        int vocab = 50;
        int e = 64;
        // --- README example starts ---
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
            .graphBuilder()
            .addInputs("tokens", "memory")                     // one-hot tokens [N, vocab, T]; encoder output [N, E, S]
            .setInputTypes(InputType.recurrent(vocab), InputType.recurrent(e))
            .addLayer("embed", new TimeDistributed(new DenseLayer.Builder().nOut(e)
                .activation(Activation.IDENTITY).build(), RNNFormat.NCW), "tokens")
            .addLayer("pe", PositionalEncoding.builder().maxLength(64).dropout(0.1).build(), "embed")
            .addLayer("self", MultiHeadSelfAttention.builder().numHeads(4).causal(true).build(), "pe")
            .addLayer("norm", LayerNorm.builder().build(), "self")                  // per step over E
            .addVertex("cross", MultiHeadAttentionVertex.builder().nIn(e).numHeads(4).build(), "norm", "memory")
            .addVertex("dec", TransformerDecoderLayer.builder().nIn(e).numHeads(4).dimFeedforward(128)
                .activation(FeedForwardActivation.GELU).build(), "cross", "memory")
            .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nOut(vocab).build(), "dec")
            .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        // --- README example ends ---

        Nd4j.getRandom().setSeed(2);
        int n = 3;
        int t = 7;
        int s = 4;
        INDArray tokens = oneHot(n, vocab, t, 3);
        INDArray memory = Nd4j.rand(DataType.FLOAT, n, e, s);
        INDArray labels = oneHot(n, vocab, t, 4);
        INDArray tokenMask = Nd4j.ones(DataType.FLOAT, n, t);
        tokenMask.putScalar(2, 6, 0.0);                                   // a padded step
        INDArray memoryMask = Nd4j.ones(DataType.FLOAT, n, s);
        memoryMask.putScalar(1, 3, 0.0);
        MultiDataSet ds = new MultiDataSet(new INDArray[] {tokens, memory}, new INDArray[] {labels},
                new INDArray[] {tokenMask, memoryMask}, new INDArray[] {tokenMask});
        net.fit(ds);
        double before = net.score();
        for (int i = 0; i < 15; i++) {
            net.fit(ds);
        }
        assertTrue(net.score() < before, before + " -> " + net.score());
        INDArray out = net.output(tokens, memory)[0];
        assertArrayEquals(new long[] {n, vocab, t}, out.shape());
        assertEquals(n * t, out.sumNumber().doubleValue(), 1e-3, "softmax over the vocabulary at every step");
    }

    private static INDArray oneHot(int n, int vocab, int t, long seed) {
        java.util.Random r = new java.util.Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, vocab, t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                x.putScalar(new int[] {i, r.nextInt(vocab), j}, 1.0);
            }
        }
        return x;
    }
}
