package dev.cs231n.layers.attention;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Networks and direct forward/backward calls around the attention layers, for the tests. */
public final class AttentionNets {

    private AttentionNets() {
    }

    /**
     * @param format NCW or NWC
     * @param x      a sequence {@code [N, T, E]} (the fixtures' layout)
     * @return it in {@code format}
     */
    public static INDArray fromNte(INDArray x, RNNFormat format) {
        return format == RNNFormat.NCW ? x.permute(0, 2, 1).dup('c') : x.dup('c');
    }

    /**
     * @param format NCW or NWC
     * @param x      a sequence in {@code format}
     * @return it as {@code [N, T, E]}
     */
    public static INDArray toNte(INDArray x, RNNFormat format) {
        return format == RNNFormat.NCW ? x.permute(0, 2, 1).dup('c') : x.dup('c');
    }

    /**
     * A one-layer network holding {@code layer} (for direct calls), input {@code recurrent(e, t, format)}.
     *
     * @param layer  the layer
     * @param e      features
     * @param t      a sequence length
     * @param format layout
     * @param dtype  network data type
     * @return the initialised network, seed 42
     */
    public static MultiLayerNetwork single(org.deeplearning4j.nn.conf.layers.Layer layer, long e, long t,
            RNNFormat format, DataType dtype) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(dtype).list()
                .layer(layer).setInputType(InputType.recurrent(e, t, format)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        return net;
    }

    /**
     * Self-attention, then an RNN output layer (softmax over {@code classes}, MCXENT).
     *
     * @param layer   the layer under test (placed first)
     * @param e       features
     * @param t       sequence length
     * @param classes output classes
     * @param format  layout
     * @param updater the updater
     * @param dtype   network data type
     * @return the initialised network
     */
    public static MultiLayerNetwork withOutput(org.deeplearning4j.nn.conf.layers.Layer layer, long e, long t,
            int classes, RNNFormat format, IUpdater updater, DataType dtype) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(dtype).updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED).list()
                .layer(layer)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(classes).dataFormat(format).build())
                .setInputType(InputType.recurrent(e, t, format)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A graph: inputs "q" and "kv" (and "v" when the vertex takes three) into {@code vertex} "att", then an RNN
     * output layer "out".
     *
     * @param vertex  the vertex
     * @param e       features
     * @param s       query length
     * @param t       key length
     * @param classes output classes
     * @param format  layout
     * @param updater the updater
     * @param dtype   network data type
     * @return the initialised graph
     */
    public static ComputationGraph crossGraph(GraphVertex vertex, long e, long s, long t, int classes,
            RNNFormat format, IUpdater updater, DataType dtype) {
        boolean three = vertex.minVertexInputs() == 3;
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(42).dataType(dtype)
                .updater(updater).graphBuilder();
        if (three) {
            b.addInputs("q", "kv", "v").setInputTypes(InputType.recurrent(e, s, format),
                    InputType.recurrent(e, t, format), InputType.recurrent(e, t, format));
            b.addVertex("att", vertex, "q", "kv", "v");
        } else {
            b.addInputs("q", "kv").setInputTypes(InputType.recurrent(e, s, format), InputType.recurrent(e, t, format));
            b.addVertex("att", vertex, "q", "kv");
        }
        b.addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(e).nOut(classes).dataFormat(format).build(), "att").setOutputs("out");
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        g.initGradientsView();
        return g;
    }

    /** Output and gradients of one direct forward/backward pass. */
    public record Pass(INDArray out, Map<String, INDArray> paramGrads, INDArray[] inputGrads) {
    }

    /**
     * Runs a layer forward (inference mode unless {@code training}) and backward with {@code dout}.
     *
     * @param layer    the runtime layer
     * @param x        its input
     * @param mask     its sequence mask, or null
     * @param dout     dL/dout
     * @param training training mode
     * @return output and gradients (copies)
     */
    public static Pass pass(Layer layer, INDArray x, INDArray mask, INDArray dout, boolean training) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        layer.setMaskArray(mask);
        INDArray out = layer.activate(training, mgr).dup();
        Pair<Gradient, INDArray> g = layer.backpropGradient(dout, mgr);
        Map<String, INDArray> grads = new java.util.LinkedHashMap<>();
        g.getFirst().gradientForVariable().forEach((k, v) -> grads.put(k, v.dup()));
        return new Pass(out, grads, new INDArray[] {g.getSecond().dup()});
    }

    /**
     * Runs a graph vertex forward and backward with {@code dout} (no masks).
     *
     * @param v        the runtime vertex
     * @param inputs   its inputs
     * @param masks    their masks (entries may be null), or null
     * @param dout     dL/dout
     * @param training training mode
     * @return output and gradients (copies)
     */
    public static Pass pass(org.deeplearning4j.nn.graph.vertex.GraphVertex v, INDArray[] inputs, INDArray[] masks,
            INDArray dout, boolean training) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        v.setInputs(inputs);
        v.feedForwardMaskArrays(masks, masks == null ? null : org.deeplearning4j.nn.api.MaskState.Active,
                (int) inputs[0].size(0));
        INDArray out = v.doForward(training, mgr).dup();
        v.setEpsilon(dout);
        Pair<Gradient, INDArray[]> g = v.doBackward(false, mgr);
        Map<String, INDArray> grads = new java.util.LinkedHashMap<>();
        g.getFirst().gradientForVariable().forEach((k, val) -> grads.put(k, val.dup()));
        INDArray[] dIn = new INDArray[g.getSecond().length];
        for (int i = 0; i < dIn.length; i++) {
            dIn[i] = g.getSecond()[i].dup();
        }
        return new Pass(out, grads, dIn);
    }

    /**
     * @param n     minibatch
     * @param t     length
     * @param seed  RNG seed
     * @return a padding mask {@code [N, T]}: example i has its last {@code i} steps padded (at least one present)
     */
    public static INDArray paddingMask(int n, int t, long seed) {
        INDArray m = Nd4j.ones(DataType.DOUBLE, n, t);
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(1, t - i); j < t; j++) {
                m.putScalar(i, j, 0.0);
            }
        }
        return m;
    }
}
