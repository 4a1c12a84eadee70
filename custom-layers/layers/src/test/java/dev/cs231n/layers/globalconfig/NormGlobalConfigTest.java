package dev.cs231n.layers.globalconfig;

import static dev.cs231n.layers.globalconfig.GlobalConfigNets.assertRejected;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.conf;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.net;
import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.assertCloseAbs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.GroupNorm;
import dev.cs231n.layers.norm.LayerNorm;
import dev.cs231n.layers.norm.NormalizationLayer;
import dev.cs231n.layers.norm.OneNativeThread;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The normalisation layers under the network builder's global settings, against what DL4J's BatchNormalization does
 * ({@link BuiltInGlobalConfigTest}): a global activation or weight initialisation does not apply, as in the built-in;
 * a global dropout, which the built-in stores and ignores, is rejected with the layer's name and what to do; the
 * running statistics are never regularised, updated by the updater or constrained, whatever is set globally.
 */
@ExtendWith(OneNativeThread.class)
class NormGlobalConfigTest {

    private static Layer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX)
                .build();
    }

    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 2);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 2, 1.0);
        }
        return y;
    }

    @Test
    void aGlobalDropoutIsRejectedNamingTheLayerAndWhatToDo() {
        NormalizationLayer[] layers = {BatchNorm.builder().name("bn1").build(), LayerNorm.builder().name("ln1").build()};
        for (NormalizationLayer l : layers) {
            assertRejected(() -> conf(new NeuralNetConfiguration.Builder().dropOut(0.5), InputType.feedForward(4),
                    new DenseLayer.Builder().nOut(4).build(), l.clone()), "'" + l.getLayerName() + "'",
                    "dropOut(0.5)", ".dropOut(p)", "InvertedDropout");
        }
        assertRejected(() -> conf(new NeuralNetConfiguration.Builder().dropOut(new GaussianDropout(0.1)),
                InputType.convolutional(4, 4, 4), GroupNorm.builder().name("gn1").groups(2).build()), "GroupNorm 'gn1'",
                "GaussianDropout");
        assertRejected(() -> new NeuralNetConfiguration.Builder().dropOut(0.5).graphBuilder().addInputs("in")
                .addLayer("bn", BatchNorm.builder().nIn(4).build(), "in").setOutputs("bn").build(), "BatchNorm",
                "dropOut(0.5)");
        assertRejected(() -> BatchNorm.builder().name("bn2").dropOut(0.5).build(), "BatchNorm 'bn2'",
                "InvertedDropout");
    }

    /** As DL4J's BatchNormalization: same outputs and parameters under a global activation and weight init. */
    @Test
    void aGlobalActivationAndWeightInitDoNotApplyAsInTheBuiltIn() {
        NeuralNetConfiguration.Builder g = new NeuralNetConfiguration.Builder().activation(Activation.RELU)
                .weightInit(WeightInit.NORMAL).updater(new Sgd(0.1));
        MultiLayerNetwork ref = net(g.clone(), InputType.feedForward(4), new BatchNormalization.Builder().decay(0.9)
                .eps(1e-5).useLogStd(false).build(), output());
        MultiLayerNetwork ours = net(g.clone(), InputType.feedForward(4), BatchNorm.builder().build(), output());
        ours.getLayer(1).setParams(ref.getLayer(1).params());
        assertEquals(Nd4j.ones(DataType.DOUBLE, 4), ours.getLayer(0).getParam(BatchNorm.GAMMA_KEY), "gamma 1");
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 4), ours.getLayer(0).getParam(BatchNorm.BETA_KEY), "beta 0");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 10, 4);
        // on clones: a training-mode pass moves our running statistics (the built-in's move only in fit)
        MultiLayerNetwork oursCopy = ours.clone();
        INDArray bnOut = oursCopy.feedForwardToLayer(0, x, true).get(1);
        assertTrue(bnOut.minNumber().doubleValue() < 0, "no ReLU");
        assertClose("training output", ref.clone().output(x, true), ours.clone().output(x, true), 1e-10);
        assertClose("inference output", ref.output(x, false), ours.output(x, false), 1e-10);
        for (int i = 0; i < 3; i++) {
            ref.fit(x, labels(10));
            ours.fit(x, labels(10));
        }
        // absolute: the output bias stays within 1e-17 of zero on these balanced labels
        assertCloseAbs("parameters after 3 steps", ref.params(), ours.params(), 1e-12);
        MultiLayerNetwork layerNorm = net(g.clone(), InputType.feedForward(4), LayerNorm.builder().build());
        assertEquals(Nd4j.ones(DataType.DOUBLE, 4), layerNorm.getLayer(0).getParam(LayerNorm.GAMMA_KEY));
        assertTrue(layerNorm.output(x).minNumber().doubleValue() < 0, "no ReLU");
    }

    /**
     * The running statistics follow {@code running = m * running + (1 - m) * batch} (the input's own statistics,
     * BatchNorm being the first layer) whatever updater, regularisation, gradient normalisation and constraints are
     * set globally, while gamma and beta are trained.
     */
    @Test
    void runningStatisticsAreNeverRegularisedUpdatedOrConstrained() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 3).subi(2.0).muli(Nd4j.createFromArray(1.0, 2.0, 3.0));
        INDArray mu = x.mean(0);
        INDArray s2 = x.var(false, 0);
        NeuralNetConfiguration.Builder[] globals = {
            new NeuralNetConfiguration.Builder().updater(new Adam(0.1)).biasUpdater(new Sgd(10.0)).l1(0.5).l2(0.5)
                    .l1Bias(0.5).l2Bias(0.5),
            new NeuralNetConfiguration.Builder().updater(new Sgd(0.5)).weightDecay(0.5).weightDecayBias(0.5)
                    .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(1e-3),
            new NeuralNetConfiguration.Builder().updater(new Adam(0.1)).constrainBias(new NonNegativeConstraint())
                    .constrainWeights(new MaxNormConstraint(0.1, 0)),
        };
        double m = 0.9;
        int steps = 3;
        for (NeuralNetConfiguration.Builder g : globals) {
            MultiLayerNetwork net = net(g, InputType.feedForward(3), BatchNorm.builder().momentum(m).build(), output());
            Layer bn = net.getLayerWiseConfigurations().getConf(0).getLayer();
            for (String k : BatchNorm.RUNNING_KEYS) {
                assertEquals(List.of(), bn.getRegularizationByParam(k), k + " regularisation");
                assertInstanceOf(NoOp.class, bn.getUpdaterByParam(k), k + " updater");
            }
            INDArray gamma = net.getLayer(0).getParam(BatchNorm.GAMMA_KEY).dup();
            for (int i = 0; i < steps; i++) {
                net.fit(x, labels(16));
            }
            double decay = Math.pow(m, steps);
            assertClose("running mean", mu.mul(1 - decay), net.getLayer(0).getParam(BatchNorm.RUNNING_MEAN_KEY), 1e-12);
            assertClose("running var", s2.mul(1 - decay).addi(decay),
                    net.getLayer(0).getParam(BatchNorm.RUNNING_VAR_KEY), 1e-12);
            assertTrue(!gamma.equals(net.getLayer(0).getParam(BatchNorm.GAMMA_KEY)), "gamma is trained");
        }
        Layer l2 = net(new NeuralNetConfiguration.Builder().l2(0.5), InputType.feedForward(3),
                BatchNorm.builder().build()).getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(List.of(new L2Regularization(0.5)), l2.getRegularizationByParam(BatchNorm.GAMMA_KEY),
                "gamma, a weight parameter, takes the global l2 (DL4J's BatchNormalization regularises nothing)");
    }
}
