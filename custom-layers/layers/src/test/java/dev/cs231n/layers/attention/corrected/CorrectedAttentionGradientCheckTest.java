package dev.cs231n.layers.attention.corrected;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.attention.corrected.AttentionNets.Kind;
import dev.cs231n.layers.norm.OneNativeThread;
import dev.cs231n.testing.GradCheck;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * GradientCheckUtil (DOUBLE) for the corrected attention drop-ins: each component x {minibatch 1 without mask,
 * minibatch 3 without and with a padding mask} x {at initialisation, after 3 SGD steps} (a padding mask on one example
 * would pad nothing: {@link AttentionNets#data} pads the last {@code i} steps of example {@code i}). (DL4J's originals fail it: their gradients are doubled, see
 * {@link CorrectedAttentionTest}.)
 */
@ExtendWith(OneNativeThread.class)
@Tag("gradcheck")
class CorrectedAttentionGradientCheckTest {

    @BeforeAll
    static void doublePrecision() {
        GradCheck.useDouble();
    }

    static List<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int mb : new int[] {1, 3}) {
                for (boolean masked : new boolean[] {false, true}) {
                    if (mb == 1 && masked) {
                        continue; // the padding of AttentionNets.data leaves example 0 whole: mb 1 has nothing padded
                    }
                    for (boolean trained : new boolean[] {false, true}) {
                        args.add(Arguments.of(kind, mb, masked, trained));
                    }
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "{0} mb={1} masked={2} trained={3}")
    @MethodSource("matrix")
    void passes(Kind kind, int mb, boolean masked, boolean trained) {
        MultiDataSet ds = AttentionNets.data(kind, mb, masked, 70 + mb);
        ComputationGraph net = AttentionNets.graph(kind, true, new NoOp(), WorkspaceMode.ENABLED);
        if (trained) {
            ComputationGraph tr = AttentionNets.graph(kind, true, new Sgd(0.1), WorkspaceMode.ENABLED);
            for (int i = 0; i < 3; i++) {
                tr.fit(ds);
            }
            net.setParams(tr.params());
        }
        GradCheck.assertPasses(GradCheck.graph(net, ds.getFeatures(), ds.getLabels())
                .inputMask(ds.getFeaturesMaskArrays()), "corrected " + kind + " mb=" + mb + " masked=" + masked
                + (trained ? " after training" : " at init"));
    }
}
