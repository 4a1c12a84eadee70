package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.norm.NormNets.Kind;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BatchNorm against DL4J's built-in BatchNormalization, configured to agree: {@code decay = momentum = 0.9} (DL4J's
 * {@code globalMean = decay * globalMean + (1 - decay) * batchMean}), {@code eps = 1e-5}, biased batch variance on
 * both sides (DL4J uses {@code var(false, ...)} for the normalisation and for its running variance). DL4J stores
 * the running variance as {@code var} with {@code useLogStd(false)}, or as {@code log10(std)} (its builder's
 * default), converted here. Same inference and training outputs, gradients (gamma, beta, the layers around, the
 * network input), and all parameters including the running statistics after 3 SGD steps.
 */
@ExtendWith(OneNativeThread.class)
class BatchNormBuiltInTest {

    private static final double EXACT = 1e-10;
    private static final int N = 5;

    static List<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (boolean logStd : new boolean[] {false, true}) {
                for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
                    args.add(Arguments.of(k, logStd, ws));
                }
            }
        }
        return args;
    }

    static MultiLayerNetwork builtIn(Kind kind, boolean logStd, WorkspaceMode ws) {
        return NormNets.mln(kind, new BatchNormalization.Builder().decay(0.9).eps(1e-5).useLogStd(logStd).build(),
                new Sgd(0.1), ws, DataType.DOUBLE);
    }

    static MultiLayerNetwork ours(Kind kind, WorkspaceMode ws) {
        return NormNets.mln(kind, BatchNorm.builder().momentum(0.9).eps(1e-5).build(), new Sgd(0.1), ws,
                DataType.DOUBLE);
    }

    /** DL4J's running variance, whichever way it is stored. */
    static INDArray builtInVar(Layer bn) {
        INDArray var = bn.paramTable().get(BatchNormalizationParamInitializer.GLOBAL_VAR);
        if (var != null) {
            return var;
        }
        INDArray log10Std = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        return Transforms.pow(Nd4j.valueArrayOf(log10Std.shape(), 10.0, log10Std.dataType()), log10Std.mul(2));
    }

    /** Non-trivial running statistics on the built-in, copied (with everything else) into ours. */
    static void syncParams(MultiLayerNetwork ref, MultiLayerNetwork sd, boolean logStd) {
        Layer bn = ref.getLayer(1);
        bn.setParam(BatchNorm.RUNNING_MEAN_KEY, Nd4j.createFromArray(0.3, -0.2, 0.1, 0.05));
        INDArray var = Nd4j.createFromArray(1.5, 0.4, 2.0, 0.9);
        if (logStd) {
            bn.setParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, Transforms.log(var, 10).muli(0.5));
        } else {
            bn.setParam(BatchNormalizationParamInitializer.GLOBAL_VAR, var);
        }
        for (int i : new int[] {0, 2}) {
            ref.getLayer(i).paramTable().forEach((k, v) -> sd.getLayer(i).setParam(k, v));
        }
        for (String k : new String[] {BatchNorm.GAMMA_KEY, BatchNorm.BETA_KEY, BatchNorm.RUNNING_MEAN_KEY}) {
            sd.getLayer(1).setParam(k, bn.getParam(k));
        }
        sd.getLayer(1).setParam(BatchNorm.RUNNING_VAR_KEY, builtInVar(bn));
    }

    @ParameterizedTest(name = "{0} useLogStd={1} ws={2}")
    @MethodSource("matrix")
    void matchesBuiltInBatchNormalization(Kind kind, boolean logStd, WorkspaceMode ws) {
        Nd4j.getRandom().setSeed(50);
        MultiLayerNetwork ref = builtIn(kind, logStd, ws);
        MultiLayerNetwork sd = ours(kind, ws);
        syncParams(ref, sd, logStd);
        INDArray x = NormNets.features(kind, N, DataType.DOUBLE);
        INDArray y = NormNets.labels(N, DataType.DOUBLE);

        assertClose("inference output", ref.output(x, false), sd.output(x, false), EXACT);
        // training-mode passes move our running statistics (not DL4J's, which moves them in fit): use copies
        MultiLayerNetwork refCopy = ref.clone();
        MultiLayerNetwork sdCopy = sd.clone();
        assertClose("training output", refCopy.output(x, true), sdCopy.output(x, true), EXACT);
        Pair<Gradient, INDArray> gRef = refCopy.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> gSd = sdCopy.calculateGradients(x, y, null, null);
        assertClose("input gradient", gRef.getSecond(), gSd.getSecond(), EXACT);
        for (String k : new String[] {"0_W", "0_b", "1_gamma", "1_beta", "2_W", "2_b"}) {
            assertClose("gradient " + k, gRef.getFirst().getGradientFor(k), gSd.getFirst().getGradientFor(k), EXACT);
        }

        for (int step = 0; step < 3; step++) {
            ref.fit(x, y);
            sd.fit(x, y);
        }
        for (int i : new int[] {0, 2}) {
            for (String k : ref.getLayer(i).paramTable().keySet()) {
                assertClose("after 3 steps: " + i + "_" + k, ref.getLayer(i).getParam(k), sd.getLayer(i).getParam(k),
                        EXACT);
            }
        }
        for (String k : new String[] {BatchNorm.GAMMA_KEY, BatchNorm.BETA_KEY, BatchNorm.RUNNING_MEAN_KEY}) {
            assertClose("after 3 steps: " + k, ref.getLayer(1).getParam(k), sd.getLayer(1).getParam(k), EXACT);
        }
        assertClose("after 3 steps: running var", builtInVar(ref.getLayer(1)),
                sd.getLayer(1).getParam(BatchNorm.RUNNING_VAR_KEY), EXACT);
        assertClose("inference output after 3 steps", ref.output(x, false), sd.output(x, false), EXACT);
    }
}
