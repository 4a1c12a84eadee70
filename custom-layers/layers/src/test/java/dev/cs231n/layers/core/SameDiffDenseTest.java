package dev.cs231n.layers.core;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.cs231n.testing.Fixture;
import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** SameDiffDense against DL4J's DenseLayer, PyTorch golden values, and its own round trips. */
class SameDiffDenseTest {

    private static final double EXACT = 1e-12;

    static MultiLayerNetwork[] pair(WorkspaceMode ws, DataType dtype) {
        MultiLayerNetwork ref = Nets.withSoftmaxOutput(
                new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build(), 3, new Sgd(0.1), ws,
                dtype);
        MultiLayerNetwork sd = Nets.withSoftmaxOutput(
                SameDiffDense.builder().nIn(4).nOut(3).activation(Activation.TANH).build(), 3, new Sgd(0.1), ws,
                dtype);
        for (int i = 0; i < 2; i++) {
            for (Map.Entry<String, INDArray> e : ref.getLayer(i).paramTable().entrySet()) {
                sd.getLayer(i).setParam(e.getKey(), e.getValue());
            }
        }
        return new MultiLayerNetwork[] {ref, sd};
    }

    static INDArray features(int n, DataType dtype) {
        return Nd4j.rand(dtype, n, 4).subi(0.5);
    }

    static INDArray labels(int n, DataType dtype) {
        INDArray y = Nd4j.zeros(dtype, n, 2);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 2, 1.0);
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(value = WorkspaceMode.class, names = {"ENABLED", "NONE"})
    void matchesBuiltInDenseLayerToMachinePrecision(WorkspaceMode ws) {
        Nd4j.getRandom().setSeed(42);
        MultiLayerNetwork[] nets = pair(ws, DataType.DOUBLE);
        INDArray x = features(5, DataType.DOUBLE);
        INDArray y = labels(5, DataType.DOUBLE);

        assertClose("output", nets[0].output(x), nets[1].output(x), EXACT);

        Pair<Gradient, INDArray> gRef = nets[0].calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> gSd = nets[1].calculateGradients(x, y, null, null);
        assertClose("input gradient", gRef.getSecond(), gSd.getSecond(), EXACT);
        for (String k : gRef.getFirst().gradientForVariable().keySet()) {
            assertClose("gradient " + k, gRef.getFirst().getGradientFor(k), gSd.getFirst().getGradientFor(k),
                    EXACT);
        }

        for (int step = 0; step < 3; step++) {
            nets[0].fit(x, y);
            nets[1].fit(x, y);
        }
        for (int i = 0; i < 2; i++) {
            for (String k : nets[0].getLayer(i).paramTable().keySet()) {
                assertClose("layer " + i + " " + k + " after 3 SGD steps", nets[0].getLayer(i).getParam(k),
                        nets[1].getLayer(i).getParam(k), EXACT);
            }
        }
    }

    @Test
    void floatForwardAndBackwardRunAndAgreeWithBuiltIn() {
        Nd4j.getRandom().setSeed(7);
        MultiLayerNetwork[] nets = pair(WorkspaceMode.ENABLED, DataType.FLOAT);
        INDArray x = features(6, DataType.FLOAT);
        INDArray y = labels(6, DataType.FLOAT);
        Pair<Gradient, INDArray> gRef = nets[0].calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> gSd = nets[1].calculateGradients(x, y, null, null);
        assertEquals(DataType.FLOAT, gSd.getSecond().dataType());
        assertClose("FLOAT input gradient", gRef.getSecond(), gSd.getSecond(), 1e-4);
        assertClose("FLOAT W gradient", gRef.getFirst().getGradientFor("0_W"), gSd.getFirst().getGradientFor("0_W"),
                1e-4);
        nets[1].fit(x, y);
        assertFalse(nets[1].params().isNaN().any());
    }

    /** Forward output and gradients of relu(x W + b) against PyTorch float64 ({@code affine_relu.json}). */
    @Test
    void matchesPyTorchGoldenValues() {
        Fixture f = Fixture.load("affine_relu");
        INDArray w = f.input("w");
        INDArray b = f.input("b");
        long n = f.input("x").size(0);
        INDArray x = f.input("x").reshape(n, w.size(0)); // (N, d1, ..., dk) flattened row-major to (N, D)
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(SameDiffDense.builder().nIn(w.size(0)).nOut(w.size(1)).activation(Activation.RELU).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        layer.setParam(SameDiffDense.WEIGHT_KEY, w);
        layer.setParam(SameDiffDense.BIAS_KEY, b);

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        INDArray out = layer.activate(true, mgr);
        assertClose("out", f.output("out"), out, 1e-12);

        Pair<Gradient, INDArray> g = layer.backpropGradient(f.input("dout"), mgr);
        assertClose("dx", f.grad("x").reshape(x.shape()), g.getSecond(), 1e-12);
        assertClose("dw", f.grad("w"), g.getFirst().getGradientFor(SameDiffDense.WEIGHT_KEY), 1e-12);
        assertClose("db", f.grad("b"), g.getFirst().getGradientFor(SameDiffDense.BIAS_KEY), 1e-12);
    }

    @Test
    void modelSerializerAndJsonRoundTripsGiveIdenticalOutputs() {
        MultiLayerNetwork net = pair(WorkspaceMode.ENABLED, DataType.DOUBLE)[1];
        INDArray x = features(4, DataType.DOUBLE);
        net.fit(x, labels(4, DataType.DOUBLE));
        RoundTrip.assertSameOutput(net, RoundTrip.viaModelSerializer(net), x);
        MultiLayerNetwork viaJson = RoundTrip.viaJson(net);
        RoundTrip.assertSameOutput(net, viaJson, x);
        assertEquals(net.getLayerWiseConfigurations().getConf(0).getLayer(),
                viaJson.getLayerWiseConfigurations().getConf(0).getLayer());
    }

    @Test
    void infersNInFromConvolutionalInputLikeTheBuiltIn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(SameDiffDense.builder().nOut(5).build())
                .setInputType(InputType.convolutional(2, 2, 3)).build();
        SameDiffDense layer = (SameDiffDense) conf.getConf(0).getLayer();
        assertEquals(12, layer.getNIn());
        assertTrue(conf.getInputPreProcess(0) != null, "a CNN-to-feed-forward preprocessor is added");
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertEquals(5, net.output(Nd4j.rand(DataType.DOUBLE, 7, 3, 2, 2)).size(1));

        MultiLayerConfiguration ff = new NeuralNetConfiguration.Builder().list()
                .layer(SameDiffDense.builder().nOut(5).build()).setInputType(InputType.feedForward(9)).build();
        assertEquals(9, ((SameDiffDense) ff.getConf(0).getLayer()).getNIn());
        assertNull(ff.getInputPreProcess(0));
    }

    @Test
    void rejectsRecurrentInputWithTheLayerName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeuralNetConfiguration.Builder().list()
                        .layer(SameDiffDense.builder().name("dense0").nOut(5).build())
                        .setInputType(InputType.recurrent(3)).build());
        assertTrue(e.getMessage().contains("dense0"), e.getMessage());
    }

    @Test
    void builderValidatesWithActionableMessages() {
        IllegalArgumentException noOut = assertThrows(IllegalArgumentException.class,
                () -> SameDiffDense.builder().nIn(3).build());
        assertTrue(noOut.getMessage().contains("nOut"), noOut.getMessage());
        IllegalArgumentException negIn = assertThrows(IllegalArgumentException.class,
                () -> SameDiffDense.builder().nIn(-2).nOut(3).build());
        assertTrue(negIn.getMessage().contains("nIn"), negIn.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SameDiffDense.builder().nOut(3).activation(null).build());
    }

    @Test
    void weightsAreInitialisedFromTheirOwnFanInAndFanOut() {
        // XAVIER: N(0, 2 / (fanIn + fanOut)); with nIn 400, nOut 100 the std is sqrt(2/500) = 0.0632.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
                .layer(SameDiffDense.builder().nIn(400).nOut(100).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        double std = net.getLayer(0).getParam(SameDiffDense.WEIGHT_KEY).stdNumber().doubleValue();
        assertEquals(Math.sqrt(2.0 / 500), std, 0.002);
        assertEquals(0.0, net.getLayer(0).getParam(SameDiffDense.BIAS_KEY).sumNumber().doubleValue());
    }
}
