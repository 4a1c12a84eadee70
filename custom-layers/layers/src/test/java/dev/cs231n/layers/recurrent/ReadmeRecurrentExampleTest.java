package dev.cs231n.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The usage examples of {@code custom-layers/README-recurrent.md}, verbatim. */
class ReadmeRecurrentExampleTest {

    @Test
    void vertexInAGraph() {
        int features = 6;
        int wordDim = 4;
        int hidden = 5;
        int vocab = 9;
        // --- README example 1 ---
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Adam(5e-3))
                .graphBuilder()
                .addInputs("features", "captions_in")               // [N, F] and [N, T] token indices
                .setInputTypes(InputType.feedForward(features), InputType.recurrent(vocab))
                .addLayer("proj", new DenseLayer.Builder().nOut(hidden).activation(Activation.IDENTITY).build(),
                        "features")                                   // h0 = features W_proj + b_proj
                .addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(wordDim).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "captions_in")   // W_embed[x], NCW [N, W, T]
                .addVertex("rnn", VanillaRnnVertex.builder().nIn(wordDim).nOut(hidden).build(), "embed", "proj")
                .addLayer("vocab", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(vocab)
                        .activation(Activation.SOFTMAX).build(), "rnn")  // temporal affine + masked softmax loss
                .setOutputs("vocab").build();
        // --- end ---
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray out = g.outputSingle(Nd4j.rand(3, features), Nd4j.createFromArray(new double[][] {{1, 4, 5}, {1, 2, 0},
            {1, 7, 2}}));
        assertArrayEquals(new long[] {3, vocab, 3}, out.shape());
    }

    @Test
    void wholeModel() {
        INDArray imageFeatures = Nd4j.rand(DataType.FLOAT, 2, 6);
        INDArray captions = Nd4j.createFromArray(new long[][] {{1, 4, 5, 2, 0}, {1, 7, 2, 0, 0}});
        // --- README example 2 ---
        ComputationGraph model = new ComputationGraph(CaptioningRnn.configuration(6, 4, 5, 9, new Adam(5e-3),
                DataType.FLOAT, 42));
        model.init();
        // captions [N, T + 1]: <START> w1 ... <END> <NULL>...; the model reads captions[:, :-1] and predicts
        // captions[:, 1:], masked where the target is <NULL>
        MultiDataSet batch = CaptioningRnn.trainingData(imageFeatures, captions, 9, DataType.FLOAT);
        model.fit(batch);
        double loss = model.score(batch);                  // the course's loss: summed over time, divided by N
        // --- end ---
        assertTrue(loss > 0 && Double.isFinite(loss));
    }
}
