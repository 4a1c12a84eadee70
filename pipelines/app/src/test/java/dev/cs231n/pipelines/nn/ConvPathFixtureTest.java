package dev.cs231n.pipelines.nn;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution and max-pooling layers the {@code cnn} job is built from (DL4J's built-ins, on oneDNN through
 * {@link OneDnnHelpers} or on DL4J's Java path) against PyTorch's golden values in {@code conv.json} (3x3
 * kernel, stride 2, zero padding 1) and {@code maxpool.json} (2x2, stride 2): outputs and the gradients of the
 * input, the weights and the bias for {@code L = sum(out * dout)}.
 *
 * <p>The jobs use {@link ConvolutionMode#Same}; on the fixture's 5x5 input with stride 2 it pads one pixel on
 * every side, the fixture's explicit padding, so both modes are checked. Float64 runs on DL4J's Java path (oneDNN
 * has no float64 convolution); float32, the jobs' type, runs with and without the oneDNN helpers.
 */
class ConvPathFixtureTest {

    @AfterEach
    void restoreHelpers() {
        System.clearProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY);
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of(DataType.DOUBLE, false, ConvolutionMode.Truncate, 1e-10),
                Arguments.of(DataType.DOUBLE, false, ConvolutionMode.Same, 1e-10),
                Arguments.of(DataType.FLOAT, false, ConvolutionMode.Same, 1e-4),
                Arguments.of(DataType.FLOAT, true, ConvolutionMode.Truncate, 1e-4),
                Arguments.of(DataType.FLOAT, true, ConvolutionMode.Same, 1e-4));
    }

    @ParameterizedTest(name = "{0}, oneDNN {1}, {2}")
    @MethodSource("paths")
    void convolutionMatchesTheFixture(DataType dtype, boolean helpers, ConvolutionMode mode, double tol) {
        Fixture f = Fixture.load("conv");
        int stride = (int) f.param("stride");
        int pad = (int) f.param("pad");
        INDArray w = f.input("w");
        long[] ws = w.shape(); // [F, C, HH, WW]: PyTorch's layout is DL4J's
        long[] xs = f.input("x").shape();
        ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder((int) ws[2], (int) ws[3]).stride(stride, stride)
                .nOut(ws[0]).activation(Activation.IDENTITY).convolutionMode(mode);
        if (mode == ConvolutionMode.Truncate) {
            conv.padding(pad, pad);
        }
        MultiLayerNetwork net = net(conv.build(), dtype, helpers, xs);
        net.setParam("0_W", w.castTo(dtype));
        net.setParam("0_b", f.input("b").reshape(1, -1).castTo(dtype));

        Pair<Gradient, INDArray> g = forwardBackward(net, f, dtype, tol);
        assertClose("dx", f.grad("x"), g.getSecond(), tol);
        assertClose("dw", f.grad("w"), g.getFirst().getGradientFor("W"), tol);
        assertClose("db", f.grad("b"), g.getFirst().getGradientFor("b").reshape(-1), tol);
    }

    @ParameterizedTest(name = "{0}, oneDNN {1}, {2}")
    @MethodSource("paths")
    void maxPoolingMatchesTheFixture(DataType dtype, boolean helpers, ConvolutionMode mode, double tol) {
        Fixture f = Fixture.load("maxpool");
        int ph = (int) f.param("pool_height");
        int pw = (int) f.param("pool_width");
        int stride = (int) f.param("stride");
        SubsamplingLayer pool = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(ph, pw)
                .stride(stride, stride).convolutionMode(mode).build();
        MultiLayerNetwork net = net(pool, dtype, helpers, f.input("x").shape());

        Pair<Gradient, INDArray> g = forwardBackward(net, f, dtype, tol);
        assertClose("dx", f.grad("x"), g.getSecond(), tol);
    }

    private static MultiLayerNetwork net(Layer layer, DataType dtype, boolean helpers, long[] xs) {
        System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, Boolean.toString(!helpers));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dtype).list()
                .layer(layer).setInputType(InputType.convolutional(xs[2], xs[3], xs[1])).build());
        net.init();
        net.initGradientsView(); // the layer's gradient views, which a fit would set up
        if (helpers) {
            assertNotNull(net.getLayer(0).getHelper(), "oneDNN helper of " + layer.getClass().getSimpleName());
        } else {
            assertNull(net.getLayer(0).getHelper(), "no helper on the Java path");
        }
        return net;
    }

    /** The layer's forward pass in training mode, checked against the fixture's output, then its backward pass of the fixture's dout. */
    private static Pair<Gradient, INDArray> forwardBackward(MultiLayerNetwork net, Fixture f, DataType dtype,
            double tol) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        layer.setInput(f.input("x").castTo(dtype), mgr);
        INDArray out = layer.activate(true, mgr);
        assertEquals(dtype, out.dataType());
        assertClose("out", f.output("out"), out, tol);
        return layer.backpropGradient(f.input("dout").castTo(dtype), mgr);
    }
}
