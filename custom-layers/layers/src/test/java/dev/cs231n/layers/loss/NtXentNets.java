package dev.cs231n.layers.loss;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/** Networks, inputs and direct layer calls the NT-Xent tests share. */
final class NtXentNets {

    private NtXentNets() {
    }

    /** @return {@code [rows, d]} uniform in [-1, 1) from the seed, 'c' order */
    static INDArray input(long seed, int rows, int d, DataType dtype) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[rows * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return Nd4j.create(v, new long[] {rows, d}, 'c').castTo(dtype);
    }

    static double[][] toArray(INDArray x) {
        return x.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** @return a network of only the loss, input {@code [2N, d]} */
    static MultiLayerNetwork lossOnly(NtXentLoss loss, int d, DataType dtype) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(dtype).list()
                .layer(loss).setInputType(InputType.feedForward(d)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** @return {@code dense(nIn -> d, tanh) -> loss} */
    static MultiLayerNetwork withDense(NtXentLoss loss, int nIn, int d, IUpdater updater, DataType dtype) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dtype)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nOut(d).activation(Activation.TANH).build())
                .layer(loss).setInputType(InputType.feedForward(nIn)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * The loss ignores labels, but DL4J M2.1's MultiLayerNetwork takes the minibatch size for the updater from the
     * labels array: a zero column of 2N rows stands in.
     *
     * @return {@code zeros [rows, 1]} of x's type
     */
    static INDArray unusedLabels(INDArray x) {
        return Nd4j.zeros(x.dataType(), x.size(0), 1);
    }

    /** One fit step on x. */
    static void fit(MultiLayerNetwork net, INDArray x) {
        net.fit(new org.nd4j.linalg.dataset.DataSet(x, unusedLabels(x)));
    }

    /** @return the score (mean loss) of the loss-only network on x */
    static double score(MultiLayerNetwork lossOnly, INDArray x) {
        lossOnly.setInput(x);
        lossOnly.setLabels(null);
        lossOnly.computeGradientAndScore();
        return lossOnly.score();
    }

    /** @return the layer's gradient of the mean loss with respect to its input, {@code [2N, D]} */
    static INDArray meanLossGradient(MultiLayerNetwork lossOnly, INDArray x) {
        NtXentLossImpl layer = (NtXentLossImpl) lossOnly.getLayer(0);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        Pair<Gradient, INDArray> p = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        return p.getSecond().div(x.size(0));
    }
}
