package dev.cs231n.layers.globalconfig;

import static dev.cs231n.layers.globalconfig.GlobalConfigNets.assertInvertedDropout;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.net;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.positive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.cs231n.layers.norm.OneNativeThread;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * What DL4J 1.0.0-M2.1's own layers do with the network builder's global {@code dropOut}, {@code activation},
 * {@code weightInit}, {@code l2}/{@code weightDecay} and updater: the facts this library's layers are measured
 * against. (If a DL4J release changes any of them, this test says which.)
 *
 * <ul>
 * <li>{@code NeuralNetConfiguration.Builder} copies its dropout into every layer whose own is unset, and its
 * activation and weight initialisation into every {@code BaseLayer} (and {@code ActivationLayer}) whose own is
 * unset; its own defaults are sigmoid and Xavier. A layer-level value is always preferred.</li>
 * <li>{@code DenseLayer} applies the dropout to its input in training (inverted: kept entries scaled by
 * {@code 1/p}), never at inference.</li>
 * <li>{@code DropoutLayer} is its dropout: its own if set, else the global one, else it is the identity.</li>
 * <li>{@code BatchNormalization} takes the global dropout and activation into its configuration (its JSON holds
 * them) and applies neither, nor a layer-level one; it ignores any weight initialisation (gamma 1, beta 0),
 * regularises none of its parameters (not even with {@code l2} set on the layer), takes no global constraint (e.g.
 * {@code constrainBias}) and gives its running statistics a {@code NoOp} updater.</li>
 * <li>{@code ActivationLayer} takes the global activation but does not apply the dropout.</li>
 * <li>M2.1 has no layer-normalisation layer of its own (only {@code DenseLayer.hasLayerNorm}).</li>
 * </ul>
 */
@ExtendWith(OneNativeThread.class)
class BuiltInGlobalConfigTest {

    private static final InputType FF = InputType.feedForward(GlobalConfigNets.FEATURES);

    /** @return an identity dense layer, so that its training output is its (dropped-out) input */
    private static MultiLayerNetwork identityDense(NeuralNetConfiguration.Builder global, DenseLayer.Builder dense) {
        MultiLayerNetwork net = net(global, FF, dense.nOut(GlobalConfigNets.FEATURES).activation(Activation.IDENTITY)
                .build());
        net.getLayer(0).setParam("W", Nd4j.eye(GlobalConfigNets.FEATURES).castTo(DataType.DOUBLE));
        net.getLayer(0).setParam("b", Nd4j.zeros(DataType.DOUBLE, 1, GlobalConfigNets.FEATURES));
        return net;
    }

    private static Layer layerConf(MultiLayerNetwork net, int i) {
        return net.getLayerWiseConfigurations().getConf(i).getLayer();
    }

    @Test
    void denseLayerAppliesTheGlobalDropoutToItsInputInTrainingOnly() {
        INDArray x = positive();
        MultiLayerNetwork net = identityDense(new NeuralNetConfiguration.Builder().dropOut(0.5),
                new DenseLayer.Builder());
        assertEquals(new Dropout(0.5), layerConf(net, 0).getIDropout());
        assertInvertedDropout("training output", x, net.output(x, true), 0.5);
        assertEquals(x, net.output(x, false), "inference: no dropout");
    }

    @Test
    void denseLayerPrefersItsOwnDropout() {
        INDArray x = positive();
        MultiLayerNetwork net = identityDense(new NeuralNetConfiguration.Builder().dropOut(0.5),
                new DenseLayer.Builder().dropOut(0.8));
        assertInvertedDropout("layer-level 0.8 over global 0.5", x, net.output(x, true), 0.8);
    }

    @Test
    void denseLayerTakesTheGlobalActivationAndWeightInitUnlessItSetsItsOwn() {
        BaseLayer global = (BaseLayer) layerConf(net(new NeuralNetConfiguration.Builder().activation(Activation.RELU)
                .weightInit(WeightInit.ONES), FF, new DenseLayer.Builder().nOut(3).build()), 0);
        assertInstanceOf(ActivationReLU.class, global.getActivationFn());
        MultiLayerNetwork ones = net(new NeuralNetConfiguration.Builder().weightInit(WeightInit.ONES), FF,
                new DenseLayer.Builder().nOut(3).build());
        assertEquals(1.0, ones.getLayer(0).getParam("W").minNumber().doubleValue());

        MultiLayerNetwork own = net(new NeuralNetConfiguration.Builder().activation(Activation.RELU)
                .weightInit(WeightInit.ONES), FF, new DenseLayer.Builder().nOut(3).activation(Activation.TANH)
                .weightInit(WeightInit.ZERO).build());
        assertInstanceOf(ActivationTanH.class, ((BaseLayer) layerConf(own, 0)).getActivationFn());
        assertEquals(0.0, own.getLayer(0).getParam("W").maxNumber().doubleValue());

        BaseLayer defaults = (BaseLayer) layerConf(net(new NeuralNetConfiguration.Builder(), FF,
                new DenseLayer.Builder().nOut(3).build()), 0);
        assertInstanceOf(ActivationSigmoid.class, defaults.getActivationFn(), "the network builder's default");
        assertInstanceOf(WeightInitXavier.class, defaults.getWeightInitFn(), "the network builder's default");
    }

    @Test
    void batchNormalizationStoresTheGlobalDropoutAndActivationButAppliesNeither() {
        INDArray x = Nd4j.randn(DataType.DOUBLE, 40, 6);
        MultiLayerNetwork plain = net(new NeuralNetConfiguration.Builder(), InputType.feedForward(6),
                new BatchNormalization.Builder().build());
        MultiLayerNetwork global = net(new NeuralNetConfiguration.Builder().dropOut(0.5).activation(Activation.RELU),
                InputType.feedForward(6), new BatchNormalization.Builder().build());
        MultiLayerNetwork own = net(new NeuralNetConfiguration.Builder(), InputType.feedForward(6),
                new BatchNormalization.Builder().dropOut(0.5).activation(Activation.RELU).build());
        for (MultiLayerNetwork n : List.of(global, own)) {
            BatchNormalization bn = (BatchNormalization) layerConf(n, 0);
            assertEquals(new Dropout(0.5), bn.getIDropout(), "stored in the configuration");
            assertInstanceOf(ActivationReLU.class, bn.getActivationFn(), "stored in the configuration");
            assertTrue(n.getLayerWiseConfigurations().toJson().contains("org.deeplearning4j.nn.conf.dropout.Dropout"));
            assertEquals(plain.output(x, true), n.output(x, true), "training output: neither dropout nor ReLU");
            assertEquals(plain.output(x, false), n.output(x, false), "inference output");
        }
        assertTrue(plain.output(x, true).minNumber().doubleValue() < 0, "no ReLU: negative outputs remain");
    }

    @Test
    void batchNormalizationIgnoresWeightInitAndRegularisesNoneOfItsParameters() {
        MultiLayerNetwork net = net(new NeuralNetConfiguration.Builder().weightInit(WeightInit.NORMAL).l2(0.1)
                .l2Bias(0.1).updater(new Adam(0.01)), InputType.feedForward(4),
                new BatchNormalization.Builder().l2(0.2).build());
        assertEquals(Nd4j.ones(DataType.DOUBLE, 4), net.getLayer(0).getParam("gamma"), "gamma starts at 1");
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 4), net.getLayer(0).getParam("beta"), "beta starts at 0");
        Layer bn = layerConf(net, 0);
        for (String k : net.getLayer(0).paramTable().keySet()) {
            List<?> reg = bn.getRegularizationByParam(k);
            assertTrue(reg == null || reg.isEmpty(), k + " is not regularised, even with l2 set on the layer");
        }
        assertEquals(List.of("gamma", "beta", "mean", "log10stdev"), List.copyOf(net.getLayer(0).paramTable()
                .keySet()), "M2.1 stores log10 of the running standard deviation by default");
        assertInstanceOf(NoOp.class, bn.getUpdaterByParam("mean"));
        assertInstanceOf(NoOp.class, bn.getUpdaterByParam("log10stdev"));
        assertInstanceOf(Adam.class, bn.getUpdaterByParam("gamma"));
    }

    @Test
    void globalConstraintsNeverReachBatchNormalization() {
        MultiLayerNetwork net = net(new NeuralNetConfiguration.Builder().constrainBias(new NonNegativeConstraint())
                .updater(new Adam(0.1)), InputType.feedForward(3), new BatchNormalization.Builder().build(),
                new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .build());
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 3).subi(5.0);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 2);
        y.getColumn(0).assign(1.0);
        for (int i = 0; i < 3; i++) {
            net.fit(x, y);
        }
        assertNull(layerConf(net, 0).getConstraints(), "no constraint configured on any of its parameters");
        assertTrue(net.getLayer(0).getParam("mean").maxNumber().doubleValue() < 0,
                "the running mean follows the (negative) batch mean");
        assertTrue(net.getLayer(0).getParam("beta").minNumber().doubleValue() < 0, "beta is not constrained either");
    }

    @Test
    void dropoutLayerIsItsOwnDropoutElseTheGlobalOne() {
        INDArray x = positive();
        assertInvertedDropout("DropoutLayer() under global 0.5", x, net(new NeuralNetConfiguration.Builder()
                .dropOut(0.5), FF, new DropoutLayer.Builder().build()).output(x, true), 0.5);
        assertInvertedDropout("DropoutLayer(0.8) under global 0.5", x, net(new NeuralNetConfiguration.Builder()
                .dropOut(0.5), FF, new DropoutLayer.Builder(0.8).build()).output(x, true), 0.8);
        MultiLayerNetwork none = net(new NeuralNetConfiguration.Builder(), FF, new DropoutLayer.Builder().build());
        assertNull(layerConf(none, 0).getIDropout());
        assertEquals(x, none.output(x, true), "no dropout anywhere: the identity");
    }

    @Test
    void activationLayerTakesTheGlobalActivationButNotTheDropout() {
        INDArray x = Nd4j.randn(DataType.DOUBLE, 30, 5);
        MultiLayerNetwork net = net(new NeuralNetConfiguration.Builder().activation(Activation.RELU).dropOut(0.5),
                InputType.feedForward(5), new ActivationLayer.Builder().build());
        assertEquals(new Dropout(0.5), layerConf(net, 0).getIDropout(), "stored in the configuration");
        INDArray relu = x.dup();
        relu.muli(x.gt(0.0).castTo(DataType.DOUBLE));
        assertEquals(relu, net.output(x.dup(), true), "ReLU applied, no dropout in training");
    }

    @Test
    void m21HasNoLayerNormalizationLayer() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.deeplearning4j.nn.conf.layers.LayerNormalization"));
        assertTrue(new DenseLayer.Builder().nOut(2).hasLayerNorm(true).build().hasLayerNorm(),
                "layer normalisation is an option of DenseLayer");
    }
}
