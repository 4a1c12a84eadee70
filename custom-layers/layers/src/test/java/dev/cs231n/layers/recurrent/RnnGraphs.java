package dev.cs231n.layers.recurrent;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Graphs around {@link VanillaRnnVertex} for the tests. */
final class RnnGraphs {

    static final int D = 4;
    static final int H = 5;
    static final int F = 3;
    static final int CLASSES = 3;

    private RnnGraphs() {
    }

    /**
     * Inputs x (sequence of D) and h0 ([N, H]) straight into the vertex "rnn", which is the graph's output.
     */
    static ComputationGraph bare(int d, int h, RNNFormat format, DataType dtype) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(dtype)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE).graphBuilder()
                .addInputs("x", "h0").setInputTypes(InputType.recurrent(d, format), InputType.feedForward(h))
                .addVertex("rnn", VanillaRnnVertex.builder().nIn(d).nOut(h).rnnDataFormat(format).build(), "x", "h0")
                .setOutputs("rnn").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.initGradientsView();
        return g;
    }

    /**
     * Runs {@link #bare} forward and backpropagates {@code dout} through the vertex.
     *
     * @return the parameter gradients and {dx, dh0}, in the graph's layouts
     */
    static Pair<Gradient, INDArray[]> backprop(ComputationGraph g, INDArray x, INDArray h0, INDArray dout) {
        g.feedForward(new INDArray[] {x, h0}, true, false);
        GraphVertex v = g.getVertex("rnn");
        v.setEpsilon(dout);
        return v.doBackward(false, LayerWorkspaceMgr.noWorkspaces());
    }

    /**
     * features [N, F] -> dense "proj" -> h0; x (sequence of D) -> TimeDistributed dense "pre" (tanh) -> "rnn" ->
     * RnnOutputLayer "out" (softmax over {@link #CLASSES}). Every input gradient of the vertex reaches a
     * parameter: dh0 the projection's, dx the pre-layer's.
     */
    static ComputationGraph withLoss(RNNFormat format, IUpdater updater, WorkspaceMode ws, DataType dtype) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(dtype)
                .updater(updater).trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).graphBuilder()
                .addInputs("features", "x")
                .setInputTypes(InputType.feedForward(F), InputType.recurrent(D, format))
                .addLayer("proj", new DenseLayer.Builder().nIn(F).nOut(H).activation(Activation.IDENTITY).build(),
                        "features")
                .addLayer("pre", new TimeDistributed(new DenseLayer.Builder().nIn(D).nOut(D)
                        .activation(Activation.TANH).build(), format), "x")
                .addVertex("rnn", VanillaRnnVertex.builder().nIn(D).nOut(H).rnnDataFormat(format).build(), "pre",
                        "proj")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(H).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).dataFormat(format).build(), "rnn")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** @return features [N, F] */
    static INDArray features(int n, DataType dtype) {
        return Nd4j.rand(dtype, n, F).subi(0.5);
    }

    /** @return a sequence of D values per step, in the given layout */
    static INDArray sequence(int n, int t, RNNFormat format, DataType dtype) {
        return format == RNNFormat.NCW ? Nd4j.rand(dtype, n, D, t).subi(0.5) : Nd4j.rand(dtype, n, t, D).subi(0.5);
    }

    /** @return random one-hot labels over {@link #CLASSES}, in the given layout */
    static INDArray labels(int n, int t, RNNFormat format, DataType dtype) {
        INDArray y = Nd4j.zeros(dtype, n, CLASSES, t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                y.putScalar(new long[] {i, (i + 2L * j) % CLASSES, j}, 1.0);
            }
        }
        return format == RNNFormat.NCW ? y : y.permute(0, 2, 1).dup('c');
    }

    /**
     * @return a padding mask [N, T]: example i has T - i real steps (at least 1), then padding
     */
    static INDArray paddingMask(int n, int t, DataType dtype) {
        INDArray m = Nd4j.ones(dtype, n, t);
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(1, t - i); j < t; j++) {
                m.putScalar(i, j, 0.0);
            }
        }
        return m;
    }

    /** Copies every parameter from one graph to another of the same configuration. */
    static void copy(ComputationGraph from, ComputationGraph to) {
        to.setParams(from.params().dup());
    }

    /** @return the vertex's parameter table */
    static Map<String, INDArray> rnnParams(ComputationGraph g) {
        return g.getVertex("rnn").paramTable(false);
    }
}
