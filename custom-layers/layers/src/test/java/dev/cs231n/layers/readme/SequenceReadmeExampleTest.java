package dev.cs231n.layers.readme;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.attention.corrected.SelfAttentionLayer;
import dev.cs231n.layers.samediff.GradientScale;
import dev.cs231n.layers.transformer.CaptioningTransformer;
import dev.cs231n.layers.transformer.FeedForwardActivation;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The usage examples of the README's corrected-DL4J-attention and captioning-transformer paragraphs (drafted in
 * {@code docs-drafts/sequence-layers.md}), verbatim between the markers.
 */
class SequenceReadmeExampleTest {

    /**
     * The drop-in: the same configuration with DL4J's import gives the same output for the same parameters and
     * gradients {@code 1 / GradientScale.factor()} times ours (2x on M2.1).
     */
    @Test
    void correctedSelfAttentionIsADropIn() {
        MultiLayerConfiguration ours = correctedExample();
        MultiLayerConfiguration dl4j = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.SelfAttentionLayer.Builder().nIn(16).nOut(16).nHeads(4)
                        .projectInput(true).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(3).build())
                .setInputType(InputType.recurrent(16)).build();
        MultiLayerNetwork a = new MultiLayerNetwork(ours);
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(dl4j);
        b.init();
        b.setParams(a.params().dup());
        assertEquals(SelfAttentionLayer.class, a.getLayerWiseConfigurations().getConf(0).getLayer().getClass());
        assertTrue(ours.toJson().contains(SelfAttentionLayer.class.getName()), "the JSON names the corrected class");

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 16, 7).subi(0.5);         // [N, nIn, T]
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        assertClose("output", b.output(x), a.output(x), 1e-5);
        a.setInput(x);
        a.setLabels(y);
        a.computeGradientAndScore();
        b.setInput(x);
        b.setLabels(y);
        b.computeGradientAndScore();
        INDArray oursW = a.gradient().getGradientFor("0_" + SelfAttentionLayer.WEIGHT_KEY_QUERY_PROJECTION);
        INDArray theirsW = b.gradient().getGradientFor("0_" + SelfAttentionLayer.WEIGHT_KEY_QUERY_PROJECTION);
        assertClose("DL4J's Wq gradient is 1/factor times ours", oursW.mul(1.0 / GradientScale.factor()), theirsW,
                1e-4);
        a.fit(x, y);
        assertTrue(Double.isFinite(a.score()));
    }

    private static MultiLayerConfiguration correctedExample() {
        // --- README example: corrected attention ---
        // import dev.cs231n.layers.attention.corrected.SelfAttentionLayer;   // instead of org.deeplearning4j...
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new SelfAttentionLayer.Builder().nIn(16).nOut(16).nHeads(4).projectInput(true).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(3).build())
                .setInputType(InputType.recurrent(16)).build();
        // --- end ---
        return conf;
    }

    /** The whole captioning transformer: one Adam step on two captions lowers the loss; it infers every step. */
    @Test
    void captioningTransformer() {
        Nd4j.getRandom().setSeed(4);
        INDArray imageFeatures = Nd4j.rand(DataType.FLOAT, 2, 6);
        INDArray captions = Nd4j.createFromArray(new long[][] {{1, 4, 5, 2, 0}, {1, 7, 2, 0, 0}});
        // --- README example: captioning transformer ---
        ComputationGraph model = new ComputationGraph(CaptioningTransformer.configuration(6, 8, 2, 2, 32, 9,
                CaptioningTransformer.DEFAULT_MAX_LENGTH, 0.1, FeedForwardActivation.RELU, new Adam(1e-2),
                DataType.FLOAT, 42));                     // F 6, W 8, 2 heads, 2 layers, FFN 32, V 9
        model.init();
        // captions [N, T + 1]: <START> w1 ... <END> <NULL>...; the model reads captions[:, :-1] and predicts
        // captions[:, 1:], masked where the target is <NULL>
        MultiDataSet batch = CaptioningTransformer.trainingData(imageFeatures, captions, 9, DataType.FLOAT);
        model.fit(batch);
        double loss = model.score(batch);                  // the course's loss: summed over time, divided by N
        INDArray scores = model.outputSingle(imageFeatures, batch.getFeatures(1));   // [N, V, T] softmax
        // --- end ---
        assertArrayEquals(new long[] {2, 9, 4}, scores.shape());
        ComputationGraph fresh = new ComputationGraph(model.getConfiguration().clone());
        fresh.init();                                      // the same seed: the model's initial parameters
        double initialLoss = fresh.score(batch);
        assertTrue(loss < initialLoss, "one Adam step lowers the loss " + initialLoss + " -> " + loss);
    }
}
