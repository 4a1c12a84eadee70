package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * LayerNorm and InvertedDropout on sequences {@code [N, D, T]} / {@code [N, T, D]}: LayerNorm equals the
 * feed-forward LayerNorm applied to every step (outputs and gradients, to machine precision), any length; dropout
 * keeps or drops each entry; both round-trip and take DL4J sequence masks.
 */
class SequenceInputTest {

    private static final int D = 6;

    static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer layer, InputType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).list().layer(layer)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).dataFormat(((InputType.InputTypeRecurrent) type).getFormat()).build())
                .setInputType(type).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.initGradientsView();
        return n;
    }

    static MultiLayerNetwork ffNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).list()
                .layer(LayerNorm.builder().build()).setInputType(InputType.feedForward(D)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.initGradientsView();
        return n;
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void layerNormOnSequencesIsPerStepLayerNorm(RNNFormat format) {
        Nd4j.getRandom().setSeed(5);
        MultiLayerNetwork seq = net(LayerNorm.builder().build(), InputType.recurrent(D, 4, format));
        MultiLayerNetwork ff = ffNet();
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, D).addi(0.5);
        INDArray beta = Nd4j.rand(DataType.DOUBLE, D);
        for (MultiLayerNetwork n : new MultiLayerNetwork[] {seq, ff}) {
            n.getLayer(0).setParam(LayerNorm.GAMMA_KEY, gamma);
            n.getLayer(0).setParam(LayerNorm.BETA_KEY, beta);
        }
        for (int t : new int[] {4, 1, 7}) {
            INDArray ntd = Nd4j.rand(DataType.DOUBLE, 3, t, D).muli(3);
            INDArray dout = Nd4j.rand(DataType.DOUBLE, 3, t, D).subi(0.5);
            INDArray x = format == RNNFormat.NCW ? ntd.permute(0, 2, 1).dup() : ntd;
            INDArray g = format == RNNFormat.NCW ? dout.permute(0, 2, 1).dup() : dout;
            Pair<INDArray, Pair<Gradient, INDArray>> a = pass(seq.getLayer(0), x, g);
            Pair<INDArray, Pair<Gradient, INDArray>> b = pass(ff.getLayer(0), ntd.reshape(3L * t, D),
                    dout.reshape(3L * t, D));
            INDArray out = format == RNNFormat.NCW ? a.getFirst().permute(0, 2, 1) : a.getFirst();
            INDArray dx = format == RNNFormat.NCW ? a.getSecond().getSecond().permute(0, 2, 1)
                    : a.getSecond().getSecond();
            assertClose("out T=" + t, b.getFirst(), out.dup().reshape(3L * t, D), 1e-12);
            assertClose("dx T=" + t, b.getSecond().getSecond(), dx.dup().reshape(3L * t, D), 1e-10);
            for (String k : new String[] {LayerNorm.GAMMA_KEY, LayerNorm.BETA_KEY}) {
                assertClose("d" + k, b.getSecond().getFirst().getGradientFor(k),
                        a.getSecond().getFirst().getGradientFor(k), 1e-11);
            }
        }
        LayerNorm conf = (LayerNorm) seq.getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(format, conf.getDataFormat(), "layout from the input type");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> seq.output(Nd4j.rand(DataType.DOUBLE, 2, D + 1, D + 1)));
        assertTrue(e.getMessage().contains("D = " + D), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void sequenceLayersRoundTripAndTakeMasks(RNNFormat format) {
        Nd4j.getRandom().setSeed(6);
        InputType type = InputType.recurrent(D, 5, format);
        for (org.deeplearning4j.nn.conf.layers.Layer l : new org.deeplearning4j.nn.conf.layers.Layer[] {
            LayerNorm.builder().build(), InvertedDropout.builder().keepProbability(0.7).build()}) {
            MultiLayerNetwork n = net(l, type);
            INDArray x = format == RNNFormat.NCW ? Nd4j.rand(DataType.DOUBLE, 2, D, 5)
                    : Nd4j.rand(DataType.DOUBLE, 2, 5, D);
            INDArray y = format == RNNFormat.NCW ? Nd4j.rand(DataType.DOUBLE, 2, 2, 5)
                    : Nd4j.rand(DataType.DOUBLE, 2, 5, 2);
            INDArray mask = Nd4j.ones(DataType.DOUBLE, 2, 5);
            mask.putScalar(1, 4, 0.0);
            n.fit(x, y, mask, mask);
            n.fit(x, y);
            RoundTrip.assertSameOutput(n, RoundTrip.viaModelSerializer(n), x);
            MultiLayerNetwork json = RoundTrip.viaJson(n);
            RoundTrip.assertSameOutput(n, json, x);
            assertEquals(n.getLayerWiseConfigurations().getConf(0).getLayer(),
                    json.getLayerWiseConfigurations().getConf(0).getLayer());
            assertEquals(x.shape().length, n.feedForward(x, true).get(1).rank());
        }
    }

    private static Pair<INDArray, Pair<Gradient, INDArray>> pass(Layer layer, INDArray x, INDArray dout) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        INDArray out = layer.activate(true, mgr).dup();
        Pair<Gradient, INDArray> g = layer.backpropGradient(dout, mgr);
        Gradient copy = new org.deeplearning4j.nn.gradient.DefaultGradient();
        g.getFirst().gradientForVariable().forEach((k, v) -> copy.setGradientFor(k, v.dup()));
        return new Pair<>(out, new Pair<>(copy, g.getSecond().dup()));
    }
}
