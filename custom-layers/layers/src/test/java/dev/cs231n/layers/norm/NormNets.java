package dev.cs231n.layers.norm;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Small networks around a layer under test, as MultiLayerNetwork or ComputationGraph: feed-forward
 * {@code dense(3 -> 4, tanh) -> layer -> softmax(2)} and convolutional
 * {@code conv(1 -> 4 channels, 2x2, tanh) on 3x3 -> layer -> softmax(2)} (small, for gradient checks). The layer's size is inferred from the
 * input type. The layer below makes the layer's input gradient visible in its parameter gradients.
 */
public final class NormNets {

    /** Feature count of the feed-forward input. */
    public static final int FF_IN = 3;
    /** Channels reaching the layer under test in both kinds of network. */
    public static final int WIDTH = 4;

    private NormNets() {
    }

    /** Feed-forward or convolutional. */
    public enum Kind {
        /** {@code [N, 3]} input, the layer sees {@code [N, 4]}. */
        FF,
        /** {@code [N, 1, 3, 3]} input, the layer sees {@code [N, 4, 2, 2]}. */
        CNN
    }

    private static NeuralNetConfiguration.Builder base(IUpdater updater, WorkspaceMode ws, DataType dtype) {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(dtype).updater(updater)
                .trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws);
    }

    private static Layer below(Kind kind) {
        return kind == Kind.FF
                ? new DenseLayer.Builder().nOut(WIDTH).activation(Activation.TANH).build()
                : new ConvolutionLayer.Builder(2, 2).nOut(WIDTH).activation(Activation.TANH).build();
    }

    private static Layer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2)
                .build();
    }

    private static InputType inputType(Kind kind) {
        return kind == Kind.FF ? InputType.feedForward(FF_IN) : InputType.convolutional(3, 3, 1);
    }

    /**
     * @param kind    feed-forward or convolutional
     * @param layer   the layer under test (index 1)
     * @param updater the updater
     * @param ws      workspace mode for training and inference
     * @param dtype   network data type
     * @return the initialised network, seed 12345
     */
    public static MultiLayerNetwork mln(Kind kind, Layer layer, IUpdater updater, WorkspaceMode ws, DataType dtype) {
        MultiLayerConfiguration conf = base(updater, ws, dtype).list().layer(below(kind)).layer(layer)
                .layer(output()).setInputType(inputType(kind)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * @param kind    feed-forward or convolutional
     * @param layer   the layer under test, vertex "norm"
     * @param updater the updater
     * @param ws      workspace mode for training and inference
     * @param dtype   network data type
     * @return the initialised graph {@code in -> below -> norm -> out}, seed 12345
     */
    public static ComputationGraph graph(Kind kind, Layer layer, IUpdater updater, WorkspaceMode ws,
            DataType dtype) {
        ComputationGraphConfiguration conf = base(updater, ws, dtype).graphBuilder().addInputs("in")
                .setInputTypes(inputType(kind)).addLayer("below", below(kind), "in").addLayer("norm", layer, "below")
                .addLayer("out", output(), "norm").setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * @param kind  feed-forward or convolutional
     * @param n     minibatch size
     * @param dtype data type
     * @return features, uniform in [-1, 1)
     */
    public static INDArray features(Kind kind, int n, DataType dtype) {
        INDArray x = kind == Kind.FF ? Nd4j.rand(dtype, n, FF_IN) : Nd4j.rand(dtype, n, 1, 3, 3);
        return x.muli(2).subi(1);
    }

    /**
     * @param n     minibatch size
     * @param dtype data type
     * @return one-hot labels over 2 classes, alternating
     */
    public static INDArray labels(int n, DataType dtype) {
        INDArray y = Nd4j.zeros(dtype, n, 2);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 2, 1.0);
        }
        return y;
    }
}
