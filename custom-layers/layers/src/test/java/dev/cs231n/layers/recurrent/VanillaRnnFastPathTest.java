package dev.cs231n.layers.recurrent;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.maxRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The fast path of {@link VanillaRnnVertex} ({@link VanillaRnnKernels}) against its SameDiff definition (the reference,
 * {@link VanillaRnnGraphVertex#setReference}) in DOUBLE, to 1e-12 (the course's relative error): the outputs, the
 * gradients of Wx, Wh and b, and the gradients of the sequence and of h0, over {NCW, NWC} x {no mask, padding mask} x
 * N {1, 3}; at the vertex (a given upstream gradient) and in a network with workspaces on (every parameter of the
 * network, whose layers below the vertex carry dx and dh0), over repeated passes, and after SGD steps taken by each.
 *
 * <p>The two paths sum the same products in different orders (one GEMM over all T*N rows against T per-step matrix
 * products added up), so they agree to rounding, not bit for bit. An element that is a sum of cancelling terms can
 * then differ by more than 1e-12 <em>of itself</em> while differing by 1e-16 of the array: gradients are held to
 * {@code max |fast - ref| <= 1e-12 max |ref|} (normwise) and, element by element, to the course's relative error of
 * 1e-10.
 */
class VanillaRnnFastPathTest {

    static final double TOL = 1e-12;
    static final double ELEMENTWISE_TOL = 1e-10;

    /** Asserts {@code max |actual - expected| <= TOL * max |expected|} and the course's relative error <= 1e-10. */
    static void assertEquivalent(String what, INDArray expected, INDArray actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double scale = expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= TOL * scale, what + ": max |difference| " + diff + " > 1e-12 x max |reference| " + scale);
        assertClose(what, expected, actual, ELEMENTWISE_TOL);
    }

    /** @return {@code max |a - b| / max |a|} */
    static double normwise(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / Math.max(1e-300, a.amaxNumber().doubleValue());
    }

    static List<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (RNNFormat format : RNNFormat.values()) {
            for (boolean masked : new boolean[] {false, true}) {
                for (int n : new int[] {1, 3}) {
                    args.add(Arguments.of(format, masked, n));
                }
            }
        }
        return args;
    }

    static VanillaRnnGraphVertex vertex(ComputationGraph g) {
        return (VanillaRnnGraphVertex) g.getVertex("rnn");
    }

    /** A padding mask [n, t] whose last example has its last two steps padded (and others none), or null. */
    static INDArray mask(boolean masked, int n, int t) {
        if (!masked) {
            return null;
        }
        INDArray m = Nd4j.ones(DataType.DOUBLE, n, t);
        m.putScalar(n - 1, t - 1, 0.0);
        m.putScalar(n - 1, t - 2, 0.0);
        return m;
    }

    @ParameterizedTest(name = "{0} masked={1} N={2}")
    @MethodSource("matrix")
    void vertexGradientsEqualTheReference(RNNFormat format, boolean masked, int n) {
        Nd4j.getRandom().setSeed(500 + n + (masked ? 10 : 0));
        int t = 5;
        ComputationGraph fast = RnnGraphs.bare(RnnGraphs.D, RnnGraphs.H, format, DataType.DOUBLE);
        ComputationGraph ref = RnnGraphs.bare(RnnGraphs.D, RnnGraphs.H, format, DataType.DOUBLE);
        ref.setParams(Nd4j.rand(DataType.DOUBLE, fast.params().shape()).subi(0.5));
        fast.setParams(ref.params().dup());
        vertex(ref).setReference(true);
        assertTrue(vertex(ref).isReference());
        assertFalse(vertex(fast).isReference());
        INDArray x = RnnGraphs.sequence(n, t, format, DataType.DOUBLE);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, n, RnnGraphs.H).subi(0.5);
        INDArray dout = format == RNNFormat.NCW ? Nd4j.rand(DataType.DOUBLE, n, RnnGraphs.H, t).subi(0.5)
                : Nd4j.rand(DataType.DOUBLE, n, t, RnnGraphs.H).subi(0.5);
        INDArray m = mask(masked, n, t);

        INDArray[] out = new INDArray[2];
        List<Pair<Gradient, INDArray[]>> grads = new ArrayList<>();
        ComputationGraph[] gs = {fast, ref};
        for (int i = 0; i < 2; i++) {
            gs[i].setLayerMaskArrays(new INDArray[] {m, null}, null);
            out[i] = gs[i].feedForward(new INDArray[] {x, h0}, false, false).get("rnn").dup();
            grads.add(RnnGraphs.backprop(gs[i], x, h0, dout));
        }
        String what = format + " masked=" + masked + " N=" + n + " ";
        assertClose(what + "output", out[1], out[0], TOL);
        List<INDArray[]> pairs = new ArrayList<>();
        for (String k : new String[] {VanillaRnnVertex.WX_KEY, VanillaRnnVertex.WH_KEY, VanillaRnnVertex.B_KEY}) {
            pairs.add(new INDArray[] {grads.get(1).getFirst().getGradientFor(k),
                    grads.get(0).getFirst().getGradientFor(k)});
            assertEquivalent(what + "d" + k, pairs.get(pairs.size() - 1)[0], pairs.get(pairs.size() - 1)[1]);
        }
        for (int j = 0; j < 2; j++) {
            pairs.add(new INDArray[] {grads.get(1).getSecond()[j], grads.get(0).getSecond()[j]});
            assertEquivalent(what + (j == 0 ? "dx" : "dh0"), grads.get(1).getSecond()[j],
                    grads.get(0).getSecond()[j]);
        }
        double worstNorm = 0;
        double worstElem = maxRelError(out[1], out[0]);
        for (INDArray[] p : pairs) {
            worstNorm = Math.max(worstNorm, normwise(p[0], p[1]));
            worstElem = Math.max(worstElem, maxRelError(p[0], p[1]));
        }
        System.out.println("fast path vs SameDiff reference, vertex, " + what + ": output max relative error "
                + maxRelError(out[1], out[0]) + "; gradients normwise " + worstNorm + ", elementwise " + worstElem);
    }

    @ParameterizedTest(name = "{0} masked={1} N={2}")
    @MethodSource("matrix")
    void networkGradientsEqualTheReferenceOverRepeatedPassesAndTraining(RNNFormat format, boolean masked, int n) {
        ComputationGraph fast = RnnGraphs.withLoss(format, new Sgd(0.1), WorkspaceMode.ENABLED, DataType.DOUBLE);
        ComputationGraph ref = RnnGraphs.withLoss(format, new Sgd(0.1), WorkspaceMode.ENABLED, DataType.DOUBLE);
        ref.setParams(fast.params().dup());
        vertex(ref).setReference(true);
        int t = 4;
        for (int pass = 0; pass < 3; pass++) {
            int mb = pass == 1 ? n + 1 : n; // the minibatch size changes between passes
            Nd4j.getRandom().setSeed(600 + 10L * pass + n);
            INDArray[] in = {RnnGraphs.features(mb, DataType.DOUBLE), RnnGraphs.sequence(mb, t, format,
                    DataType.DOUBLE)};
            INDArray[] y = {RnnGraphs.labels(mb, t, format, DataType.DOUBLE)};
            INDArray m = mask(masked, mb, t);
            MultiDataSet ds = new MultiDataSet(in, y, masked ? new INDArray[] {null, m} : null,
                    masked ? new INDArray[] {m} : null);
            for (ComputationGraph g : new ComputationGraph[] {fast, ref}) {
                g.setLayerMaskArrays(ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
                g.setInputs(in);
                g.setLabels(y);
                g.computeGradientAndScore();
            }
            String what = format + " masked=" + masked + " N=" + mb + " pass " + pass + " ";
            assertEquals(ref.score(), fast.score(), 1e-12 * Math.abs(ref.score()), what + "score");
            double worstNorm = 0;
            double worstElem = 0;
            for (String k : ref.gradient().gradientForVariable().keySet()) {
                INDArray r = ref.gradient().getGradientFor(k);
                INDArray f = fast.gradient().getGradientFor(k);
                assertEquivalent(what + k, r, f);
                worstNorm = Math.max(worstNorm, normwise(r, f));
                worstElem = Math.max(worstElem, maxRelError(r, f));
            }
            System.out.println("fast path vs SameDiff reference, network, " + what + ": gradients normwise "
                    + worstNorm + ", elementwise " + worstElem);
            fast.clearLayerMaskArrays();
            ref.clearLayerMaskArrays();
            fast.fit(ds);
            ref.fit(ds);
            assertEquivalent(what + "parameters after an SGD step", ref.params(), fast.params());
        }
    }

    @Test
    void floatFastPathRunsAndAgreesWithTheReference() {
        Nd4j.getRandom().setSeed(700);
        ComputationGraph fast = RnnGraphs.bare(RnnGraphs.D, RnnGraphs.H, RNNFormat.NCW, DataType.FLOAT);
        ComputationGraph ref = RnnGraphs.bare(RnnGraphs.D, RnnGraphs.H, RNNFormat.NCW, DataType.FLOAT);
        ref.setParams(fast.params().dup());
        vertex(ref).setReference(true);
        INDArray x = RnnGraphs.sequence(3, 6, RNNFormat.NCW, DataType.FLOAT);
        INDArray h0 = Nd4j.rand(DataType.FLOAT, 3, RnnGraphs.H);
        INDArray dout = Nd4j.rand(DataType.FLOAT, 3, RnnGraphs.H, 6);
        Pair<Gradient, INDArray[]> gf = RnnGraphs.backprop(fast, x, h0, dout);
        Pair<Gradient, INDArray[]> gr = RnnGraphs.backprop(ref, x, h0, dout);
        assertEquals(DataType.FLOAT, gf.getSecond()[0].dataType());
        assertClose("FLOAT output", ref.outputSingle(x, h0), fast.outputSingle(x, h0), 1e-5);
        assertClose("FLOAT dx", gr.getSecond()[0], gf.getSecond()[0], 1e-4);
        assertClose("FLOAT dWh", gr.getFirst().getGradientFor(VanillaRnnVertex.WH_KEY),
                gf.getFirst().getGradientFor(VanillaRnnVertex.WH_KEY), 1e-4);
    }
}
