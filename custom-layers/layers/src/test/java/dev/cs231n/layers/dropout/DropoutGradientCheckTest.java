package dev.cs231n.layers.dropout;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.norm.NormNets;
import dev.cs231n.layers.norm.NormNets.Kind;
import dev.cs231n.layers.norm.OneNativeThread;
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
 * GradientCheckUtil for InvertedDropout in training mode, with no RNG reset between passes: the check can only
 * pass because the mask is a function of (seed, layer, iteration, epoch), the same for the analytic pass and every
 * perturbed pass. Minibatch sizes {1, 2, 5}, feed-forward and convolutional, keep probabilities 0.6 and 1, workspaces
 * on and off, at initialisation and after 10 SGD steps; MultiLayerNetwork and ComputationGraph.
 */
@ExtendWith(OneNativeThread.class)
@Tag("gradcheck")
class DropoutGradientCheckTest {

    private static final int TRAIN_STEPS = 10;

    @BeforeAll
    static void doublePrecision() {
        GradCheck.useDouble();
    }

    static List<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 5}) {
            for (Kind k : Kind.values()) {
                for (boolean trained : new boolean[] {false, true}) {
                    double p = mb == 2 ? 1.0 : 0.6;
                    WorkspaceMode ws = trained ? WorkspaceMode.NONE : WorkspaceMode.ENABLED;
                    args.add(Arguments.of(mb, k, p, ws, trained));
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "mb={0} {1} p={2} ws={3} trained={4}")
    @MethodSource("matrix")
    void multiLayerNetwork(int mb, Kind kind, double p, WorkspaceMode ws, boolean trained) {
        Nd4j.getRandom().setSeed(3000 + mb);
        INDArray x = NormNets.features(kind, mb, DataType.DOUBLE);
        INDArray y = NormNets.labels(mb, DataType.DOUBLE);
        MultiLayerNetwork net = NormNets.mln(kind, InvertedDropout.builder().keepProbability(p).build(), new NoOp(),
                ws, DataType.DOUBLE);
        if (trained) {
            MultiLayerNetwork t = NormNets.mln(kind, InvertedDropout.builder().keepProbability(p).build(),
                    new Sgd(0.1), ws, DataType.DOUBLE);
            for (int i = 0; i < TRAIN_STEPS; i++) {
                t.fit(x, y);
            }
            net.setParams(t.params());
        }
        GradCheck.assertPasses(GradCheck.mln(net, x, y), "InvertedDropout p=" + p + " " + kind + " mb=" + mb + " "
                + ws + (trained ? " after training" : " at init"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void computationGraph(Kind kind) {
        Nd4j.getRandom().setSeed(3100);
        INDArray[] x = {NormNets.features(kind, 4, DataType.DOUBLE)};
        INDArray[] y = {NormNets.labels(4, DataType.DOUBLE)};
        ComputationGraph g = NormNets.graph(kind, InvertedDropout.builder().keepProbability(0.5).build(), new NoOp(),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        GradCheck.assertPasses(GradCheck.graph(g, x, y), "InvertedDropout in a ComputationGraph " + kind);
    }

    static Kind[] kinds() {
        return Kind.values();
    }
}
