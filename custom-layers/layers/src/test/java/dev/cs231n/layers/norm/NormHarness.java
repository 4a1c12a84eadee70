package dev.cs231n.layers.norm;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs one layer on its own: forward in a chosen mode, then backward with a given {@code dout}. */
final class NormHarness {

    private NormHarness() {
    }

    /** Output, input gradient and parameter gradients of one forward/backward pass. */
    record Pass(INDArray out, INDArray dx, Gradient grads) {
        INDArray grad(String key) {
            return grads.getGradientFor(key);
        }
    }

    /**
     * @param conf   the layer configuration (nIn set)
     * @param dtype  data type
     * @param params parameter values to set, by key
     * @return the layer of a one-layer network, with its gradient views allocated
     */
    static Layer layer(org.deeplearning4j.nn.conf.layers.Layer conf, DataType dtype, Map<String, INDArray> params) {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(7).dataType(dtype).list().layer(conf)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        params.forEach((k, v) -> layer.setParam(k, v.castTo(dtype)));
        return layer;
    }

    /**
     * @param layer    the layer
     * @param x        input
     * @param dout     gradient of the loss with respect to the output
     * @param training the forward pass's mode
     * @return output (copied) and gradients (copied)
     */
    static Pass run(Layer layer, INDArray x, INDArray dout, boolean training) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        INDArray out = layer.activate(training, mgr).dup();
        Pair<Gradient, INDArray> g = layer.backpropGradient(dout, mgr);
        Gradient copy = new DefaultGradient();
        g.getFirst().gradientForVariable().forEach((k, v) -> copy.setGradientFor(k, v.dup()));
        return new Pass(out, g.getSecond().dup(), copy);
    }
}
