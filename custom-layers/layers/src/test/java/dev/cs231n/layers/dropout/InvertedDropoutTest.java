package dev.cs231n.layers.dropout;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.cs231n.layers.norm.NormNets;
import dev.cs231n.layers.norm.NormNets.Kind;
import dev.cs231n.layers.norm.OneNativeThread;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.config.Sgd;

/** The course's inverted dropout: masks, scaling, reproducibility, identity at inference, validation. */
@ExtendWith(OneNativeThread.class)
class InvertedDropoutTest {

    static Layer layer(double p, long seed, DataType dtype) {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(seed).dataType(dtype).list()
                .layer(InvertedDropout.builder().keepProbability(p).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        return net.getLayer(0);
    }

    /** Positive inputs, so that {@code mask = out / x}. */
    static INDArray positive(DataType dtype, long... shape) {
        return Nd4j.rand(dtype, shape).addi(0.5);
    }

    static INDArray trainingOutput(Layer layer, INDArray x) {
        return layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces()).dup();
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(doubles = {0.3, 0.5, 0.8})
    void keepsAboutPScaledByOneOverPAndBackpropagatesTheSameMask(double p) {
        Layer drop = layer(p, 1, DataType.DOUBLE);
        INDArray x = positive(DataType.DOUBLE, 200, 5, 100);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 200, 5, 100);
        INDArray out = trainingOutput(drop, x);
        Pair<Gradient, INDArray> g = drop.backpropGradient(dout, LayerWorkspaceMgr.noWorkspaces());
        INDArray mask = out.div(x);

        // m (m - 1/p) = 0 exactly where m is 0 or 1/p
        assertEquals(0.0, mask.mul(mask.sub(1.0 / p)).amaxNumber().doubleValue(), 1e-12,
                "every mask entry is 0 or 1/p");
        long kept = mask.gt(0.5 / p).castTo(DataType.DOUBLE).sumNumber().longValue();
        double frac = kept / (double) x.length();
        // binomial standard deviation sqrt(p(1-p)/n) < 0.0016 here: 5 sigma
        assertEquals(p, frac, 0.008, "fraction kept");
        assertClose("dx = dout * mask (the forward pass's mask)", dout.mul(mask), g.getSecond(), 1e-12);
    }

    @Test
    void inferenceIsTheIdentityForwardAndBackward() {
        Layer drop = layer(0.5, 1, DataType.DOUBLE);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3, 2, 2);
        assertEquals(x, drop.activate(x, false, LayerWorkspaceMgr.noWorkspaces()));
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 4, 3, 2, 2);
        assertEquals(dout, drop.backpropGradient(dout, LayerWorkspaceMgr.noWorkspaces()).getSecond());
    }

    @Test
    void keepProbabilityOneKeepsEverythingInTraining() {
        Layer drop = layer(1.0, 1, DataType.DOUBLE);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 7);
        assertEquals(x, trainingOutput(drop, x));
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 6, 7);
        assertEquals(dout, drop.backpropGradient(dout, LayerWorkspaceMgr.noWorkspaces()).getSecond());
    }

    /** The mask is a function of (network seed, layer index, iteration, epoch): reproducible, fresh per step. */
    @Test
    void masksAreReproducibleFromSeedAndCountersAndChangeEveryIteration() {
        INDArray x = positive(DataType.DOUBLE, 8, 20);
        Layer a = layer(0.5, 123, DataType.DOUBLE);
        INDArray first = trainingOutput(a, x);
        assertEquals(first, trainingOutput(a, x), "same iteration: same mask (what gradient checks need)");
        assertEquals(first, trainingOutput(layer(0.5, 123, DataType.DOUBLE), x), "same seed: same mask");
        assertNotEquals(first, trainingOutput(layer(0.5, 124, DataType.DOUBLE), x), "other seed: other mask");
        a.setIterationCount(1);
        INDArray second = trainingOutput(a, x);
        assertNotEquals(first, second, "next iteration: new mask");
        a.setEpochCount(1);
        assertNotEquals(second, trainingOutput(a, x), "next epoch: new mask");
    }

    @Test
    void fitDrawsANewMaskEveryMinibatch() {
        MultiLayerNetwork net = NormNets.mln(Kind.FF, InvertedDropout.builder().keepProbability(0.5).build(),
                new Sgd(0.1), WorkspaceMode.ENABLED, DataType.DOUBLE);
        INDArray x = NormNets.features(Kind.FF, 16, DataType.DOUBLE);
        INDArray y = NormNets.labels(16, DataType.DOUBLE);
        INDArray before = mask(net, x);
        assertEquals(before, mask(net, x));
        net.fit(x, y);
        assertNotEquals(before, mask(net, x));
    }

    private static INDArray mask(MultiLayerNetwork net, INDArray x) {
        List<INDArray> acts = net.feedForward(x, true);
        return acts.get(2).div(acts.get(1)).castTo(DataType.DOUBLE);
    }

    @Test
    void leavesTheGlobalRandomGeneratorAlone() {
        Layer drop = layer(0.5, 9, DataType.DOUBLE);
        INDArray x = positive(DataType.DOUBLE, 10, 10);
        Nd4j.getRandom().setSeed(77);
        INDArray expected = Nd4j.rand(DataType.DOUBLE, 5);
        Nd4j.getRandom().setSeed(77);
        trainingOutput(drop, x);
        assertEquals(expected, Nd4j.rand(DataType.DOUBLE, 5));
    }

    @Test
    void floatMatchesDoubleMask() {
        INDArray x = positive(DataType.DOUBLE, 12, 9);
        INDArray d = trainingOutput(layer(0.6, 5, DataType.DOUBLE), x);
        INDArray f = trainingOutput(layer(0.6, 5, DataType.FLOAT), x.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, f.dataType());
        assertClose("FLOAT vs DOUBLE", d, f, 1e-6);
        assertTrue(f.cond(Conditions.isNan()).castTo(DataType.INT).sumNumber().intValue() == 0);
    }

    @Test
    void builderValidatesTheKeepProbability() {
        for (double bad : new double[] {0.0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InvertedDropout.builder().name("drop1").keepProbability(bad).build());
            assertTrue(e.getMessage().contains("(0, 1]") && e.getMessage().contains("drop1"), e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> InvertedDropout.builder().dropOut(0.5).build());
        assertTrue(twice.getMessage().contains("dropOut"), twice.getMessage());
        assertEquals(InvertedDropout.DEFAULT_KEEP_PROBABILITY, InvertedDropout.builder().build().getKeepProbability());
    }
}
