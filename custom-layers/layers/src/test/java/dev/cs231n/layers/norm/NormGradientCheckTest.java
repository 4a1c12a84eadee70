package dev.cs231n.layers.norm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.cs231n.layers.norm.NormNets.Kind;
import dev.cs231n.testing.GradCheck;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * GradientCheckUtil (DOUBLE, centred differences, training mode) for BatchNorm, LayerNorm and GroupNorm between a
 * dense or convolutional layer and a softmax output, over minibatch sizes {1, 2, 5}, input kinds, options and
 * workspace modes, at initialisation and after 10 SGD steps (which also move BatchNorm's running statistics; they
 * are excluded, as they do not enter a training-mode pass). These pass only because the corrected base halves
 * M2.1's doubled SameDiff gradients.
 *
 * <p>Feed-forward BatchNorm with one example is degenerate: the batch variance is zero, the output is beta whatever
 * the input, so the gradients reaching the dense layer below and gamma are exactly zero, numerically and
 * analytically. The check there confirms that (and beta's and the output layer's gradients); the convolutional
 * case with one example is not degenerate (statistics over 3x3 positions).
 */
@ExtendWith(OneNativeThread.class)
@Tag("gradcheck")
class NormGradientCheckTest {

    private static final int TRAIN_STEPS = 10;

    @BeforeAll
    static void doublePrecision() {
        GradCheck.useDouble();
    }

    static MultiLayerNetwork trainedOrNot(Kind kind, NormLayers.Factory layer, WorkspaceMode ws, boolean trained,
            INDArray x, INDArray y) {
        MultiLayerNetwork net = NormNets.mln(kind, layer.create(), new NoOp(), ws, DataType.DOUBLE);
        if (trained) {
            MultiLayerNetwork t = NormNets.mln(kind, layer.create(), new Sgd(0.1), ws, DataType.DOUBLE);
            for (int i = 0; i < TRAIN_STEPS; i++) {
                t.fit(x, y);
            }
            net.setParams(t.params());
        }
        return net;
    }

    static void check(Kind kind, NormLayers.Factory layer, int mb, WorkspaceMode ws, boolean trained, String what) {
        Nd4j.getRandom().setSeed(1000 + 10L * mb + kind.ordinal());
        INDArray x = NormNets.features(kind, mb, DataType.DOUBLE);
        INDArray y = NormNets.labels(mb, DataType.DOUBLE);
        MultiLayerNetwork net = trainedOrNot(kind, layer, ws, trained, x, y);
        GradCheck.assertPasses(GradCheck.mln(net, x, y).excludeParams(Set.of("1_" + BatchNorm.RUNNING_MEAN_KEY,
                "1_" + BatchNorm.RUNNING_VAR_KEY)), what + " " + kind + " mb=" + mb + " " + ws
                + (trained ? " after training" : " at init"));
    }

    /** mb x kind x option x trained; the two options also alternate the workspace mode. */
    static List<Arguments> batchNormMatrix() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 5}) {
            for (Kind k : Kind.values()) {
                for (double eps : new double[] {1e-5, 0.1}) {
                    for (boolean trained : new boolean[] {false, true}) {
                        args.add(Arguments.of(mb, k, eps, eps < 0.01 ? WorkspaceMode.ENABLED : WorkspaceMode.NONE,
                                trained));
                    }
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "mb={0} {1} eps={2} ws={3} trained={4}")
    @MethodSource("batchNormMatrix")
    void batchNorm(int mb, Kind kind, double eps, WorkspaceMode ws, boolean trained) {
        check(kind, () -> BatchNorm.builder().eps(eps).momentum(eps < 0.01 ? 0.9 : 0.5).build(), mb, ws, trained,
                "BatchNorm eps=" + eps);
    }

    static List<Arguments> layerNormMatrix() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 5}) {
            for (double eps : new double[] {1e-5, 0.1}) {
                for (boolean trained : new boolean[] {false, true}) {
                    args.add(Arguments.of(mb, eps, eps < 0.01 ? WorkspaceMode.ENABLED : WorkspaceMode.NONE, trained));
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "mb={0} eps={1} ws={2} trained={3}")
    @MethodSource("layerNormMatrix")
    void layerNorm(int mb, double eps, WorkspaceMode ws, boolean trained) {
        check(Kind.FF, () -> LayerNorm.builder().eps(eps).build(), mb, ws, trained, "LayerNorm eps=" + eps);
    }

    static List<Arguments> groupNormMatrix() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 5}) {
            for (int g : new int[] {1, 2, NormNets.WIDTH}) {
                for (boolean trained : new boolean[] {false, true}) {
                    args.add(Arguments.of(mb, g, g == 2 ? WorkspaceMode.NONE : WorkspaceMode.ENABLED, trained));
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "mb={0} G={1} ws={2} trained={3}")
    @MethodSource("groupNormMatrix")
    void groupNorm(int mb, int groups, WorkspaceMode ws, boolean trained) {
        check(Kind.CNN, () -> GroupNorm.builder().groups(groups).build(), mb, ws, trained, "GroupNorm G=" + groups);
    }

    static List<Arguments> graphMatrix() {
        List<Arguments> args = new ArrayList<>();
        for (String layer : new String[] {"BatchNorm FF", "BatchNorm CNN", "LayerNorm", "GroupNorm"}) {
            for (boolean trained : new boolean[] {false, true}) {
                args.add(Arguments.of(layer, trained));
            }
        }
        return args;
    }

    @ParameterizedTest(name = "{0} trained={1}")
    @MethodSource("graphMatrix")
    void inComputationGraph(String which, boolean trained) {
        Kind kind = which.endsWith("FF") || which.equals("LayerNorm") ? Kind.FF : Kind.CNN;
        NormLayers.Factory layer = () -> which.startsWith("BatchNorm") ? BatchNorm.builder().build()
                : which.equals("LayerNorm") ? LayerNorm.builder().build() : GroupNorm.builder().groups(2).build();
        Nd4j.getRandom().setSeed(2000 + which.length());
        INDArray[] x = {NormNets.features(kind, 3, DataType.DOUBLE)};
        INDArray[] y = {NormNets.labels(3, DataType.DOUBLE)};
        ComputationGraph g = NormNets.graph(kind, layer.create(), new NoOp(), WorkspaceMode.ENABLED, DataType.DOUBLE);
        if (trained) {
            ComputationGraph t = NormNets.graph(kind, layer.create(), new Sgd(0.1), WorkspaceMode.ENABLED,
                    DataType.DOUBLE);
            for (int i = 0; i < TRAIN_STEPS; i++) {
                t.fit(x, y);
            }
            g.setParams(t.params());
        }
        GradCheck.assertPasses(GradCheck.graph(g, x, y).excludeParams(Set.of("norm_" + BatchNorm.RUNNING_MEAN_KEY,
                "norm_" + BatchNorm.RUNNING_VAR_KEY)), which + " in a ComputationGraph"
                + (trained ? " after training" : " at init"));
    }
}
