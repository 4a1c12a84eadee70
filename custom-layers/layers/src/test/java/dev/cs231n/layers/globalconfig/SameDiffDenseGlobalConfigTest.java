package dev.cs231n.layers.globalconfig;

import static dev.cs231n.layers.globalconfig.GlobalConfigNets.assertInvertedDropout;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.assertRejected;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.conf;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.net;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.positive;
import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;

import dev.cs231n.layers.core.SameDiffDense;
import dev.cs231n.layers.norm.OneNativeThread;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * SameDiffDense takes the network builder's dropout, activation and weight initialisation exactly as DL4J's
 * DenseLayer does ({@link BuiltInGlobalConfigTest}), and rejects the global settings it cannot honour.
 */
@ExtendWith(OneNativeThread.class)
class SameDiffDenseGlobalConfigTest {

    private static final InputType FF = InputType.feedForward(GlobalConfigNets.FEATURES);

    private static SameDiffDense layer(MultiLayerConfiguration c) {
        return (SameDiffDense) c.getConf(0).getLayer();
    }

    private static SameDiffDense layer(MultiLayerNetwork n) {
        return layer(n.getLayerWiseConfigurations());
    }

    /** @return an identity SameDiffDense (W = I, b = 0, no activation): its training output is its dropped input */
    private static MultiLayerNetwork identity(NeuralNetConfiguration.Builder global, SameDiffDense.Builder b) {
        MultiLayerNetwork net = net(global, FF, b.nOut(GlobalConfigNets.FEATURES).activation(Activation.IDENTITY)
                .build());
        net.getLayer(0).setParam(SameDiffDense.WEIGHT_KEY, Nd4j.eye(GlobalConfigNets.FEATURES)
                .castTo(DataType.DOUBLE));
        return net;
    }

    @Test
    void appliesTheGlobalDropoutToItsInputInTrainingOnly() {
        INDArray x = positive();
        MultiLayerNetwork net = identity(new NeuralNetConfiguration.Builder().dropOut(0.5), SameDiffDense.builder());
        assertInvertedDropout("training output", x, net.output(x, true), 0.5);
        assertEquals(x, net.output(x, false), "inference: no dropout");
    }

    @Test
    void prefersItsOwnDropout() {
        INDArray x = positive();
        assertInvertedDropout("layer-level 0.8 over global 0.5", x, identity(new NeuralNetConfiguration.Builder()
                .dropOut(0.5), SameDiffDense.builder().dropOut(0.8)).output(x, true), 0.8);
        assertInvertedDropout("layer-level 0.8 alone", x, identity(new NeuralNetConfiguration.Builder(),
                SameDiffDense.builder().dropOut(0.8)).output(x, true), 0.8);
    }

    /** Same parameters, same RNG state: DL4J's dropout draws the same mask, so everything must agree exactly. */
    @Test
    void underDropoutItsOutputAndGradientsEqualDenseLayers() {
        NeuralNetConfiguration.Builder g = new NeuralNetConfiguration.Builder().dropOut(0.6);
        Layer out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                .activation(Activation.SOFTMAX).build();
        MultiLayerNetwork ref = net(g.clone(), InputType.feedForward(6), new DenseLayer.Builder().nOut(5)
                .activation(Activation.TANH).build(), out.clone());
        MultiLayerNetwork sd = net(g.clone(), InputType.feedForward(6), SameDiffDense.builder().nOut(5)
                .activation(Activation.TANH).build(), out.clone());
        sd.getLayer(0).setParam(SameDiffDense.WEIGHT_KEY, ref.getLayer(0).getParam("W"));
        sd.getLayer(0).setParam(SameDiffDense.BIAS_KEY, ref.getLayer(0).getParam("b").reshape(5));
        sd.getLayer(1).setParam("W", ref.getLayer(1).getParam("W"));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 6);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        Nd4j.getRandom().setSeed(5);
        INDArray refOut = ref.output(x, true);
        Nd4j.getRandom().setSeed(5);
        assertClose("training output", refOut, sd.output(x, true), 1e-12);

        ref.setInput(x);
        ref.setLabels(y);
        sd.setInput(x);
        sd.setLabels(y);
        Nd4j.getRandom().setSeed(9);
        ref.computeGradientAndScore();
        Nd4j.getRandom().setSeed(9);
        sd.computeGradientAndScore();
        Gradient gr = ref.gradient();
        Gradient gs = sd.gradient();
        assertClose("dW", gr.getGradientFor("0_W"), gs.getGradientFor("0_W"), 1e-12);
        assertClose("db", gr.getGradientFor("0_b").reshape(5), gs.getGradientFor("0_b"), 1e-12);
        assertClose("output layer dW (its input was dropped too)", gr.getGradientFor("1_W"),
                gs.getGradientFor("1_W"), 1e-12);
        assertEquals(ref.score(), sd.score(), 1e-12);
    }

    @Test
    void takesTheGlobalActivationUnlessItSetsItsOwn() {
        assertEquals(Activation.RELU, layer(conf(new NeuralNetConfiguration.Builder().activation(Activation.RELU), FF,
                SameDiffDense.builder().nOut(3).build())).getActivation());
        assertEquals(Activation.TANH, layer(conf(new NeuralNetConfiguration.Builder().activation(Activation.RELU), FF,
                SameDiffDense.builder().nOut(3).activation(Activation.TANH).build())).getActivation());
        assertEquals(Activation.SIGMOID, layer(conf(new NeuralNetConfiguration.Builder(), FF,
                SameDiffDense.builder().nOut(3).build())).getActivation(), "DL4J's default, as for DenseLayer");

        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, GlobalConfigNets.FEATURES);
        INDArray out = net(new NeuralNetConfiguration.Builder().activation(Activation.RELU), FF,
                SameDiffDense.builder().nOut(3).build()).output(x);
        assertEquals(0.0, out.minNumber().doubleValue(), "ReLU applied");
        assertNull(SameDiffDense.builder().nOut(3).build().getActivation(), "unset until built into a network");
    }

    @Test
    void aGlobalActivationWithParametersIsRejectedUnlessTheLayerSetsItsOwn() {
        assertRejected(() -> conf(new NeuralNetConfiguration.Builder().activation(new ActivationLReLU(0.2)), FF,
                SameDiffDense.builder().name("fc1").nOut(3).build()), "SameDiffDense 'fc1'", ".activation(");
        assertEquals(Activation.TANH, layer(conf(new NeuralNetConfiguration.Builder()
                .activation(new ActivationLReLU(0.2)), FF, SameDiffDense.builder().nOut(3)
                .activation(Activation.TANH).build())).getActivation());
    }

    @Test
    void everyActivationConstantIsTakenFromTheNetworkBuilder() {
        for (Activation a : Activation.values()) {
            org.nd4j.linalg.activations.IActivation fn;
            try {
                fn = a.getActivationFunction();
            } catch (RuntimeException e) {
                continue;
            }
            Activation taken = layer(conf(new NeuralNetConfiguration.Builder().activation(a), FF,
                    SameDiffDense.builder().nOut(3).build())).getActivation();
            assertEquals(fn, taken.getActivationFunction(), a + " is taken as an equal activation");
        }
    }

    @Test
    void takesTheGlobalWeightInitUnlessItSetsItsOwn() {
        MultiLayerNetwork ones = net(new NeuralNetConfiguration.Builder().weightInit(WeightInit.ONES), FF,
                SameDiffDense.builder().nOut(3).build());
        assertEquals(WeightInit.ONES, layer(ones).getWeightInit());
        assertEquals(1.0, ones.getLayer(0).getParam(SameDiffDense.WEIGHT_KEY).minNumber().doubleValue());
        assertEquals(1.0, ones.getLayer(0).getParam(SameDiffDense.WEIGHT_KEY).maxNumber().doubleValue());
        assertEquals(0.0, ones.getLayer(0).getParam(SameDiffDense.BIAS_KEY).maxNumber().doubleValue(), "bias 0");
        MultiLayerNetwork own = net(new NeuralNetConfiguration.Builder().weightInit(WeightInit.ONES), FF,
                SameDiffDense.builder().nOut(3).weightInit(WeightInit.ZERO).build());
        assertEquals(0.0, own.getLayer(0).getParam(SameDiffDense.WEIGHT_KEY).maxNumber().doubleValue());
        assertEquals(WeightInit.XAVIER, layer(conf(new NeuralNetConfiguration.Builder(), FF,
                SameDiffDense.builder().nOut(3).build())).getWeightInit(), "DL4J's default, as for DenseLayer");
    }

    /** The same initialiser on the same seed draws the same numbers (DenseLayer fills 'f' order, so compare sorted). */
    @Test
    void globalWeightInitDrawsWhatDenseLayerDraws() {
        for (NeuralNetConfiguration.Builder g : new NeuralNetConfiguration.Builder[] {
            new NeuralNetConfiguration.Builder(),
            new NeuralNetConfiguration.Builder().weightInit(WeightInit.RELU),
            new NeuralNetConfiguration.Builder().weightInit(new NormalDistribution(0, 0.01))}) {
            INDArray ref = net(g.clone(), InputType.feedForward(40), new DenseLayer.Builder().nOut(30).build())
                    .getLayer(0).getParam("W");
            MultiLayerNetwork sd = net(g.clone(), InputType.feedForward(40), SameDiffDense.builder().nOut(30).build());
            double[] a = ref.dup().data().asDouble();
            double[] b = sd.getLayer(0).getParam(SameDiffDense.WEIGHT_KEY).dup().data().asDouble();
            Arrays.sort(a);
            Arrays.sort(b);
            assertEquals(Arrays.toString(a), Arrays.toString(b), "weights under " + g.getWeightInitFn());
        }
        SameDiffDense distribution = layer(conf(new NeuralNetConfiguration.Builder()
                .weightInit(new NormalDistribution(0, 0.01)), FF, SameDiffDense.builder().nOut(3).build()));
        assertNull(distribution.getWeightInit(), "no WeightInit constant holds a distribution ...");
        assertEquals(new WeightInitDistribution(new NormalDistribution(0, 0.01)),
                distribution.getParamWeightInit().get(SameDiffDense.WEIGHT_KEY), "... so it is set per parameter");
    }

    @Test
    void aConfigurationReadFromJsonKeepsItsStoredValues() {
        MultiLayerConfiguration c = conf(new NeuralNetConfiguration.Builder().activation(Activation.RELU)
                .weightInit(WeightInit.ONES).dropOut(0.7), FF, SameDiffDense.builder().nOut(3).build());
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(c.toJson());
        assertEquals(layer(c), layer(back));
        assertEquals(Activation.RELU, layer(back).getActivation());
        assertEquals(WeightInit.ONES, layer(back).getWeightInit());
        assertEquals(c.getConf(0).getLayer().getIDropout(), back.getConf(0).getLayer().getIDropout());
        // built again into a network with other global settings, the stored ones stay, as for DL4J's own layers
        SameDiffDense again = layer(conf(new NeuralNetConfiguration.Builder().activation(Activation.TANH)
                .weightInit(WeightInit.ZERO), FF, layer(back).clone()));
        assertEquals(Activation.RELU, again.getActivation());
        assertEquals(WeightInit.ONES, again.getWeightInit());
    }

    @Test
    void globalBiasInitAndWeightNoiseAreRejected() {
        assertRejected(() -> conf(new NeuralNetConfiguration.Builder().biasInit(0.1), FF,
                SameDiffDense.builder().name("fc").nOut(3).build()), "SameDiffDense 'fc'", "biasInit(0.1)");
        assertRejected(() -> conf(new NeuralNetConfiguration.Builder().weightNoise(new DropConnect(0.5)), FF,
                SameDiffDense.builder().name("fc").nOut(3).build()), "SameDiffDense 'fc'", "weightNoise");
    }
}
