package dev.cs231n.layers.core;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.testing.GradCheck;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * GradientCheckUtil (DOUBLE, centred differences) over minibatch sizes x activations x workspace modes, at
 * initialisation and after 10 SGD steps, for {@link SameDiffDense} and {@link DenseMergeVertex}. These pass only
 * because the corrected base halves M2.1's doubled SameDiff gradients.
 */
@Tag("gradcheck")
class SameDiffGradientCheckTest {

    private static final int TRAIN_STEPS = 10;

    @BeforeAll
    static void doublePrecision() {
        GradCheck.useDouble();
    }

    static List<Arguments> denseMatrix() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 5}) {
            for (Activation a : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.IDENTITY}) {
                for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
                    for (boolean trained : new boolean[] {false, true}) {
                        args.add(Arguments.of(mb, a, ws, trained));
                    }
                }
            }
        }
        return args;
    }

    static MultiLayerNetwork dense(Activation a, WorkspaceMode ws, org.nd4j.linalg.learning.config.IUpdater u) {
        return Nets.withSoftmaxOutput(SameDiffDense.builder().nIn(4).nOut(3).activation(a).build(), 3, u, ws,
                DataType.DOUBLE);
    }

    @ParameterizedTest(name = "mb={0} {1} ws={2} trained={3}")
    @MethodSource("denseMatrix")
    void sameDiffDense(int mb, Activation a, WorkspaceMode ws, boolean trained) {
        Nd4j.getRandom().setSeed(100 + mb);
        INDArray x = SameDiffDenseTest.features(mb, DataType.DOUBLE);
        INDArray y = SameDiffDenseTest.labels(mb, DataType.DOUBLE);
        MultiLayerNetwork net = dense(a, ws, new NoOp());
        if (trained) {
            MultiLayerNetwork t = dense(a, ws, new Sgd(0.1));
            for (int i = 0; i < TRAIN_STEPS; i++) {
                t.fit(x, y);
            }
            net.setParams(t.params());
        }
        GradCheck.assertPasses(GradCheck.mln(net, x, y), "SameDiffDense mb=" + mb + " " + a + " " + ws
                + (trained ? " after training" : " at init"));
    }

    static List<Arguments> vertexMatrix() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 5}) {
            for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
                for (boolean trained : new boolean[] {false, true}) {
                    args.add(Arguments.of(mb, ws, trained));
                }
            }
        }
        return args;
    }

    @ParameterizedTest(name = "mb={0} ws={1} trained={2}")
    @MethodSource("vertexMatrix")
    void denseMergeVertex(int mb, WorkspaceMode ws, boolean trained) {
        Nd4j.getRandom().setSeed(200 + mb);
        INDArray[] x = Graphs.inputs(mb, DataType.DOUBLE);
        INDArray[] y = Graphs.labels(mb, DataType.DOUBLE);
        ComputationGraph net = Graphs.withVertex(new NoOp(), ws, DataType.DOUBLE);
        if (trained) {
            ComputationGraph t = Graphs.withVertex(new Sgd(0.1), ws, DataType.DOUBLE);
            for (int i = 0; i < TRAIN_STEPS; i++) {
                t.fit(x, y);
            }
            net.setParams(t.params());
        }
        GradCheck.assertPasses(GradCheck.graph(net, x, y), "DenseMergeVertex mb=" + mb + " " + ws
                + (trained ? " after training" : " at init"));
    }
}
