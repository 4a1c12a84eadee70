package dev.cs231n.layers.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.cs231n.layers.norm.NormNets.Kind;
import dev.cs231n.layers.norm.fast.FastNorm;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
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

/**
 * The fast path ({@link FastNorm}) against the layers' SameDiff graphs ({@code -Dcs231n.norm.fast=false}), the
 * reference: in DOUBLE, outputs, the input gradient, every parameter gradient and BatchNorm's running statistics
 * agree to {@value #EXACT} relative to the largest magnitude of each array (the two compute the same formulas in
 * different orders of rounding), over minibatch sizes, input shapes (including ones that split the work over two
 * threads and tiles), groups and options; two training passes in a row (the running statistics accumulate); and
 * whole networks after 3 Adam steps with workspaces on and off. In FLOAT they agree to float precision. The fast
 * path's results do not depend on its thread count (bit for bit).
 */
@ExtendWith(OneNativeThread.class)
class FastPathEquivalenceTest {

    static final double EXACT = 1e-12;

    /** Runs {@code body} with the fast path on or off (and optionally a thread count), restoring the properties. */
    static <T> T withPath(boolean fastPath, String threads, Supplier<T> body) {
        String saved = System.getProperty(FastNorm.PROPERTY);
        String savedThreads = System.getProperty(FastNorm.THREADS_PROPERTY);
        System.setProperty(FastNorm.PROPERTY, Boolean.toString(fastPath));
        if (threads != null) {
            System.setProperty(FastNorm.THREADS_PROPERTY, threads);
        }
        try {
            return body.get();
        } finally {
            restore(FastNorm.PROPERTY, saved);
            restore(FastNorm.THREADS_PROPERTY, savedThreads);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** {@code max |a - b| / max(max |expected|, floor)} (the difference itself when that is 0). */
    static double scaledError(INDArray expected, INDArray actual, double floor) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), floor);
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        return scale == 0 ? diff : diff / scale;
    }

    static void assertSame(String what, INDArray expected, INDArray actual, double tol) {
        assertSame(what, expected, actual, tol, 0);
    }

    static void assertSame(String what, INDArray expected, INDArray actual, double tol, double floor) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double err = scaledError(expected, actual, floor);
        if (!(err <= tol)) {
            fail(what + ": max |difference| / max |reference| = " + err + " > " + tol);
        }
    }

    /** One layer's two training passes and one inference pass: everything that comes out, by name. */
    static Map<String, INDArray> passes(org.deeplearning4j.nn.conf.layers.Layer conf, DataType dtype,
            Map<String, INDArray> params, INDArray x, INDArray dout) {
        Layer layer = NormHarness.layer(conf, dtype, params);
        Map<String, INDArray> r = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            int pass = i;
            INDArray xi = pass == 0 ? x : x.mul(0.5).addi(0.3);
            NormHarness.Pass p = NormHarness.run(layer, xi.castTo(dtype), dout.castTo(dtype), true);
            r.put(pass + " out", p.out());
            r.put(pass + " dx", p.dx());
            p.grads().gradientForVariable().forEach((k, v) -> r.put(pass + " d" + k, v));
            for (String k : layer.paramTable().keySet()) {
                r.put(pass + " param " + k, layer.getParam(k).dup());
            }
        }
        NormHarness.Pass inf = NormHarness.run(layer, x.castTo(dtype), dout.castTo(dtype), false);
        r.put("inference out", inf.out());
        r.put("inference dx", inf.dx());
        inf.grads().gradientForVariable().forEach((k, v) -> r.put("inference d" + k, v));
        r.put("inference out, no backward", layer.activate(x.castTo(dtype), false, LayerWorkspaceMgr.noWorkspaces())
                .dup());
        return r;
    }

    /**
     * @param dxFloor the smallest scale dx is measured against: feed-forward batch norm of one or two examples has
     *                {@code dx} of the order {@code eps / var} of {@code dout} (exactly zero for one example, up to
     *                rounding), the cancellation of terms the size of {@code dout}, so there it is compared at the
     *                scale of {@code dout}
     */
    static void assertAllSame(String what, Map<String, INDArray> expected, Map<String, INDArray> actual, double tol,
            double dxFloor) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": the same outputs and gradients");
        for (String k : expected.keySet()) {
            assertSame(what + ": " + k, expected.get(k), actual.get(k), tol, k.endsWith(" dx") ? dxFloor : 0);
        }
    }

    static double dxFloor(String name, long[] shape, INDArray dout) {
        return name.startsWith("BatchNorm FF") && shape[0] <= 2 ? dout.amaxNumber().doubleValue() : 0;
    }

    static Map<String, INDArray> randomParams(long c, boolean runningStats) {
        Map<String, INDArray> p = new HashMap<>();
        p.put(NormalizationLayer.GAMMA_KEY, Nd4j.rand(DataType.DOUBLE, c).addi(0.5));
        p.put(NormalizationLayer.BETA_KEY, Nd4j.randn(DataType.DOUBLE, c));
        if (runningStats) {
            p.put(BatchNorm.RUNNING_MEAN_KEY, Nd4j.randn(DataType.DOUBLE, c).muli(0.3));
            p.put(BatchNorm.RUNNING_VAR_KEY, Nd4j.rand(DataType.DOUBLE, c).addi(0.5));
        }
        return p;
    }

    /** Layer, input shape, whether it has running statistics. */
    static List<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (int mb : new int[] {1, 2, 5, 16}) {
            for (double eps : new double[] {1e-5, 0.1}) {
                double momentum = eps < 0.01 ? 0.9 : 0.5;
                args.add(Arguments.of("BatchNorm FF eps=" + eps, new long[] {mb, 6}, (Supplier<?>) () ->
                        BatchNorm.builder().nIn(6).eps(eps).momentum(momentum).build()));
                args.add(Arguments.of("BatchNorm CNN eps=" + eps, new long[] {mb, 3, 4, 5}, (Supplier<?>) () ->
                        BatchNorm.builder().nIn(3).eps(eps).momentum(momentum).build()));
                args.add(Arguments.of("LayerNorm eps=" + eps, new long[] {mb, 7}, (Supplier<?>) () ->
                        LayerNorm.builder().nIn(7).eps(eps).build()));
            }
            for (int g : new int[] {1, 2, 3, 6}) {
                args.add(Arguments.of("GroupNorm G=" + g, new long[] {mb, 6, 3, 4}, (Supplier<?>) () ->
                        GroupNorm.builder().nIn(6).groups(g).build()));
            }
        }
        // shapes that take two threads, several column blocks (D > 256) or several tiles per channel (H*W > 4096)
        args.add(Arguments.of("BatchNorm FF wide", new long[] {40, 600}, (Supplier<?>) () ->
                BatchNorm.builder().nIn(600).build()));
        args.add(Arguments.of("BatchNorm CNN large", new long[] {6, 8, 32, 32}, (Supplier<?>) () ->
                BatchNorm.builder().nIn(8).build()));
        args.add(Arguments.of("BatchNorm CNN big planes", new long[] {2, 2, 70, 70}, (Supplier<?>) () ->
                BatchNorm.builder().nIn(2).build()));
        args.add(Arguments.of("LayerNorm large", new long[] {64, 1100}, (Supplier<?>) () ->
                LayerNorm.builder().nIn(1100).build()));
        args.add(Arguments.of("GroupNorm large", new long[] {6, 16, 24, 24}, (Supplier<?>) () ->
                GroupNorm.builder().nIn(16).groups(4).build()));
        // 1x1 planes: one element per channel, in two groups of 12 (the FLOAT kernel's layer-norm loops, which
        // index channels from 0, must not take them)
        args.add(Arguments.of("GroupNorm 1x1 planes", new long[] {5, 24, 1, 1}, (Supplier<?>) () ->
                GroupNorm.builder().nIn(24).groups(2).build()));
        return args;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer conf(Supplier<?> s) {
        return (org.deeplearning4j.nn.conf.layers.Layer) s.get();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fastPathEqualsSameDiffInDouble(String name, long[] shape, Supplier<?> layer) {
        Nd4j.getRandom().setSeed(500 + shape[0]);
        INDArray x = Nd4j.randn(DataType.DOUBLE, shape).muli(2).addi(0.7);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, shape);
        Map<String, INDArray> params = randomParams(shape[1], conf(layer) instanceof BatchNorm);
        Map<String, INDArray> reference = withPath(false, null,
                () -> passes(conf(layer), DataType.DOUBLE, params, x, dout));
        Map<String, INDArray> fast = withPath(true, "2", () -> passes(conf(layer), DataType.DOUBLE, params, x, dout));
        assertAllSame(name, reference, fast, EXACT, dxFloor(name, shape, dout));

        Map<String, INDArray> oneThread = withPath(true, "1",
                () -> passes(conf(layer), DataType.DOUBLE, params, x, dout));
        for (String k : fast.keySet()) {
            assertEquals(oneThread.get(k), fast.get(k), name + ": " + k + " on 1 and 2 threads");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fastPathEqualsSameDiffInFloat(String name, long[] shape, Supplier<?> layer) {
        Nd4j.getRandom().setSeed(600 + shape[0]);
        INDArray x = Nd4j.randn(DataType.DOUBLE, shape).muli(2).addi(0.7);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, shape);
        Map<String, INDArray> params = randomParams(shape[1], conf(layer) instanceof BatchNorm);
        Map<String, INDArray> reference = withPath(false, null,
                () -> passes(conf(layer), DataType.FLOAT, params, x, dout));
        Map<String, INDArray> fast = withPath(true, "2", () -> passes(conf(layer), DataType.FLOAT, params, x, dout));
        for (INDArray v : fast.values()) {
            assertEquals(DataType.FLOAT, v.dataType());
        }
        assertAllSame(name, reference, fast, 1e-5, dxFloor(name, shape, dout));
    }

    static List<Arguments> networks() {
        List<Arguments> args = new ArrayList<>();
        for (String which : new String[] {"BatchNorm FF", "BatchNorm CNN", "LayerNorm", "GroupNorm"}) {
            for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
                args.add(Arguments.of(which, ws));
            }
        }
        return args;
    }

    @ParameterizedTest(name = "{0} ws={1}")
    @MethodSource("networks")
    void networksTrainTheSameOnBothPaths(String which, WorkspaceMode ws) {
        Kind kind = which.endsWith("FF") || which.equals("LayerNorm") ? Kind.FF : Kind.CNN;
        Supplier<org.deeplearning4j.nn.conf.layers.Layer> layer = () -> which.startsWith("BatchNorm")
                ? BatchNorm.builder().build()
                : which.equals("LayerNorm") ? LayerNorm.builder().build() : GroupNorm.builder().groups(2).build();
        Nd4j.getRandom().setSeed(700);
        INDArray x = NormNets.features(kind, 7, DataType.DOUBLE);
        INDArray y = NormNets.labels(7, DataType.DOUBLE);
        INDArray[] results = new INDArray[2];
        for (boolean fastPath : new boolean[] {false, true}) {
            results[fastPath ? 1 : 0] = withPath(fastPath, "2", () -> {
                MultiLayerNetwork net = NormNets.mln(kind, layer.get(), new Adam(0.01), ws, DataType.DOUBLE);
                for (int i = 0; i < 3; i++) {
                    net.fit(x, y);
                }
                return Nd4j.concat(1, net.params().reshape(1, -1), net.output(x, false).reshape(1, -1),
                        net.gradient().gradient().reshape(1, -1));
            });
        }
        assertSame(which + ": parameters, inference output and last gradient after 3 Adam steps", results[0],
                results[1], 1e-10);
    }

    @Test
    void propertyForcesTheSameDiffPath() {
        assertTrue(FastNorm.enabled(), "the fast path is the default");
        assertTrue(withPath(false, null, () -> !FastNorm.enabled()));
    }
}
