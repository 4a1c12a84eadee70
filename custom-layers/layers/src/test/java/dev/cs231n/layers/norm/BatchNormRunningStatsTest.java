package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.norm.NormNets.Kind;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * BatchNorm's running statistics: {@code fit} updates them exactly once per minibatch with the course's formula
 * (MultiLayerNetwork and ComputationGraph, workspaces on and off), inference leaves them alone, and neither the
 * updater nor regularisation ever touches them.
 */
@ExtendWith(OneNativeThread.class)
class BatchNormRunningStatsTest {

    private static final double EXACT = 1e-12;
    private static final int N = 6;

    static List<Arguments> kindsAndWorkspaces() {
        List<Arguments> args = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
                args.add(Arguments.of(k, ws));
            }
        }
        return args;
    }

    /** The batch statistics of the input BatchNorm sees: the output of the layer below (same in both modes). */
    static INDArray[] batchStats(Layer below, Kind kind, INDArray x) {
        INDArray a = below.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        int[] axes = kind == Kind.FF ? new int[] {0} : new int[] {0, 2, 3};
        return new INDArray[] {a.mean(axes), a.var(false, axes)};
    }

    /** Expected running statistics after one training pass. */
    static INDArray[] expected(INDArray[] running, INDArray[] batch, double momentum) {
        return new INDArray[] {CourseNorms.runningUpdate(running[0], batch[0], momentum),
            CourseNorms.runningUpdate(running[1], batch[1], momentum)};
    }

    static INDArray[] running(Layer bn) {
        return new INDArray[] {bn.getParam(BatchNorm.RUNNING_MEAN_KEY).dup(), bn.getParam(BatchNorm.RUNNING_VAR_KEY)
                .dup()};
    }

    static void assertRunning(String what, INDArray[] expected, Layer bn) {
        assertClose(what + ": running mean", expected[0], bn.getParam(BatchNorm.RUNNING_MEAN_KEY), EXACT);
        assertClose(what + ": running var", expected[1], bn.getParam(BatchNorm.RUNNING_VAR_KEY), EXACT);
    }

    @ParameterizedTest(name = "{0} ws={1}")
    @MethodSource("kindsAndWorkspaces")
    void multiLayerFitUpdatesOncePerMinibatch(Kind kind, WorkspaceMode ws) {
        Nd4j.getRandom().setSeed(40);
        MultiLayerNetwork net = NormNets.mln(kind, BatchNorm.builder().momentum(0.8).build(), new Sgd(0.1), ws,
                DataType.DOUBLE);
        INDArray[] run = running(net.getLayer(1));
        for (int step = 0; step < 3; step++) {
            INDArray x = NormNets.features(kind, N, DataType.DOUBLE);
            run = expected(run, batchStats(net.getLayer(0), kind, x), 0.8);
            net.fit(x, NormNets.labels(N, DataType.DOUBLE));
            assertRunning("after fit " + (step + 1), run, net.getLayer(1));
        }
    }

    @ParameterizedTest(name = "{0} ws={1}")
    @MethodSource("kindsAndWorkspaces")
    void graphFitUpdatesOncePerMinibatch(Kind kind, WorkspaceMode ws) {
        Nd4j.getRandom().setSeed(41);
        ComputationGraph g = NormNets.graph(kind, BatchNorm.builder().build(), new Sgd(0.1), ws, DataType.DOUBLE);
        INDArray[] run = running(g.getLayer("norm"));
        for (int step = 0; step < 3; step++) {
            INDArray x = NormNets.features(kind, N, DataType.DOUBLE);
            run = expected(run, batchStats(g.getLayer("below"), kind, x), 0.9);
            g.fit(new INDArray[] {x}, new INDArray[] {NormNets.labels(N, DataType.DOUBLE)});
            assertRunning("after fit " + (step + 1), run, g.getLayer("norm"));
        }
    }

    @Test
    void inferenceLeavesThemAloneAndTrainingModeOutputUpdatesOnce() {
        Nd4j.getRandom().setSeed(42);
        MultiLayerNetwork net = NormNets.mln(Kind.CNN, BatchNorm.builder().build(), new Sgd(0.1),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        INDArray x = NormNets.features(Kind.CNN, N, DataType.DOUBLE);
        INDArray[] before = running(net.getLayer(1));
        net.output(x, false);
        net.output(x);
        assertRunning("after inference", before, net.getLayer(1));
        net.output(x, true);
        assertRunning("after one training-mode output", expected(before, batchStats(net.getLayer(0), Kind.CNN, x),
                0.9), net.getLayer(1));
    }

    /** Adam and L2 on every parameter: the running statistics still follow the course's formula exactly. */
    @Test
    void updaterAndRegularisationNeverTouchThem() {
        Nd4j.getRandom().setSeed(43);
        IUpdater adam = new Adam(0.05);
        BatchNorm conf = BatchNorm.builder().l2(0.5).l2Bias(0.5).build();
        MultiLayerNetwork net = NormNets.mln(Kind.FF, conf, adam, WorkspaceMode.ENABLED, DataType.DOUBLE);
        BatchNorm used = (BatchNorm) net.getLayerWiseConfigurations().getConf(1).getLayer();
        assertInstanceOf(NoOp.class, used.getUpdaterByParam(BatchNorm.RUNNING_MEAN_KEY));
        assertInstanceOf(NoOp.class, used.getUpdaterByParam(BatchNorm.RUNNING_VAR_KEY));
        assertInstanceOf(Adam.class, used.getUpdaterByParam(BatchNorm.GAMMA_KEY));
        assertTrue(used.getRegularizationByParam(BatchNorm.RUNNING_VAR_KEY).isEmpty());
        assertEquals(1, used.getRegularizationByParam(BatchNorm.GAMMA_KEY).size(), "gamma: the weight L2");

        INDArray[] run = running(net.getLayer(1));
        INDArray gamma0 = net.getLayer(1).getParam(BatchNorm.GAMMA_KEY).dup();
        for (int step = 0; step < 3; step++) {
            INDArray x = NormNets.features(Kind.FF, N, DataType.DOUBLE);
            run = expected(run, batchStats(net.getLayer(0), Kind.FF, x), 0.9);
            net.fit(x, NormNets.labels(N, DataType.DOUBLE));
        }
        assertRunning("after 3 Adam steps with L2", run, net.getLayer(1));
        assertNotEquals(gamma0, net.getLayer(1).getParam(BatchNorm.GAMMA_KEY), "gamma is trained");

        net.computeGradientAndScore();
        assertEquals(0.0, net.gradient().getGradientFor("1_" + BatchNorm.RUNNING_MEAN_KEY).norm1Number()
                .doubleValue(), "running mean gradient");
        assertEquals(0.0, net.gradient().getGradientFor("1_" + BatchNorm.RUNNING_VAR_KEY).norm1Number()
                .doubleValue(), "running var gradient");
    }
}
