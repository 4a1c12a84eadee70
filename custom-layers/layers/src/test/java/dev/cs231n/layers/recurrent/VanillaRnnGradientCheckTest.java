package dev.cs231n.layers.recurrent;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.norm.OneNativeThread;
import dev.cs231n.testing.GradCheck;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * GradientCheckUtil (DOUBLE) for {@link VanillaRnnVertex} between a projection that makes h0 and a per-step dense
 * layer that feeds the sequence, under a softmax output: minibatch {1, 2, 3} x {no mask, padding mask} x {NCW, NWC}
 * x {at initialisation, after 5 SGD steps}; the sequence length varies with the minibatch (T = 3 + N), so the
 * unrolled graph is rebuilt between cases. The projection's and pre-layer's gradients carry the vertex's dh0 and dx.
 */
@ExtendWith(OneNativeThread.class)
@Tag("gradcheck")
class VanillaRnnGradientCheckTest {

    private static final int TRAIN_STEPS = 5;

    @BeforeAll
    static void doublePrecision() {
        GradCheck.useDouble();
    }

    static List<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 3}) {
            for (boolean masked : new boolean[] {false, true}) {
                for (RNNFormat format : RNNFormat.values()) {
                    for (boolean trained : new boolean[] {false, true}) {
                        args.add(Arguments.of(mb, masked, format, trained));
                    }
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "mb={0} masked={1} {2} trained={3}")
    @MethodSource("matrix")
    void rnnWithH0(int mb, boolean masked, RNNFormat format, boolean trained) {
        Nd4j.getRandom().setSeed(300 + 10L * mb + (masked ? 1 : 0));
        int t = 3 + mb;
        INDArray[] in = {RnnGraphs.features(mb, DataType.DOUBLE), RnnGraphs.sequence(mb, t, format, DataType.DOUBLE)};
        INDArray[] y = {RnnGraphs.labels(mb, t, format, DataType.DOUBLE)};
        INDArray mask = masked ? RnnGraphs.paddingMask(Math.max(mb, 2), t, DataType.DOUBLE)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(Math.max(mb, 2) - mb, Math.max(mb, 2)),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup() : null;
        INDArray[] fMask = masked ? new INDArray[] {null, mask} : null;
        INDArray[] lMask = masked ? new INDArray[] {mask} : null;
        WorkspaceMode ws = mb == 2 ? WorkspaceMode.NONE : WorkspaceMode.ENABLED;
        ComputationGraph net = RnnGraphs.withLoss(format, new NoOp(), ws, DataType.DOUBLE);
        if (trained) {
            ComputationGraph tr = RnnGraphs.withLoss(format, new Sgd(0.1), ws, DataType.DOUBLE);
            for (int i = 0; i < TRAIN_STEPS; i++) {
                tr.fit(new MultiDataSet(in, y, fMask, lMask));
            }
            net.setParams(tr.params());
        }
        GradCheck.assertPasses(GradCheck.graph(net, in, y).inputMask(fMask).labelMask(lMask),
                "VanillaRnnVertex mb=" + mb + " T=" + t + " masked=" + masked + " " + format
                        + (trained ? " after training" : " at init"));
    }
}
