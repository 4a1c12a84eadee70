package dev.cs231n.layers.attention;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.maxRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import dev.cs231n.layers.attention.corrected.SelfAttentionLayer;
import dev.cs231n.layers.samediff.GradientScale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Our {@link MultiHeadSelfAttention} against DL4J's {@code SelfAttentionLayer} (our corrected drop-in
 * {@link SelfAttentionLayer}, and DL4J's original) where the two definitions coincide: outputs, the input gradient
 * and every weight gradient, DOUBLE.
 *
 * <p>DL4J's layer with {@code projectInput(true)} computes, per head {@code h}, {@code q_h = Wq[h] x},
 * {@code k_h = Wk[h] x}, {@code v_h = Wv[h] x} ({@code Wq, Wk, Wv: [nHeads, headSize, nIn]}), scaled dot-product
 * attention {@code softmax_t(k_h^T q_h / sqrt(headSize))} over the keys, with {@code -1e9} added to the scores of
 * padded keys (the sequence mask), and {@code out = concat_h(head_h) Wo} ({@code Wo: [nHeads * headSize, nOut]},
 * heads concatenated head-major). It has <em>no biases</em>. Ours ({@link MultiHeadAttention}) is the course's:
 * {@code Q = x Wq + bq} etc. with {@code [E, E]} weights whose columns {@code h*D .. (h+1)*D - 1} are head {@code h},
 * scale {@code 1/sqrt(D)}, the same {@code -1e9} for padded keys, {@code out = concat_h(A_h V_h) Wp + bp}.
 *
 * <p>So they coincide exactly when {@code nIn = nOut = E}, {@code nHeads = H}, {@code headSize = E/H}, our four
 * biases are 0, neither is causal and there is no attention dropout; then
 * {@code Wq_dl4j = reshape(Wq^T, [H, E/H, E])} (likewise Wk, Wv) and {@code Wo = Wp}, and DL4J's weight gradients are
 * ours under the same mapping. Our bias gradients have no counterpart (DL4J keeps no biases; after a training step
 * our biases are no longer 0 and the two models part). Where they do not coincide: DL4J's {@code headSize} may be any
 * size and {@code nOut} may differ from {@code nIn} (ours: {@code D = E/H}, output width E); DL4J has no causal or
 * fixed attention mask (only key padding); its {@code dropOut} drops the layer's input, ours the attention weights;
 * DL4J's layer is NCW only. With {@code projectInput(false)} DL4J's layer is plain scaled dot-product self-attention
 * of the input with itself ({@code nHeads} 1, no parameters), i.e. ours with H = 1, identity weights and zero biases:
 * {@link #projectInputFalseIsOursWithIdentityWeights} shows outputs and input gradients equal.
 *
 * <p>The test also shows DL4J's original layer (same outputs, weight and input gradients {@code 1 /}
 * {@link GradientScale#factor()} times ours, 2x on M2.1: its input gradient is doubled too).
 */
class SelfAttentionEquivalenceTest {

    static final double TOL = 1e-12;
    static final int N = 3;
    static final int T = 5;

    @ParameterizedTest(name = "E {0}, H {1}, padding mask {2}")
    @CsvSource({"8, 1, false", "8, 2, false", "8, 4, false", "8, 1, true", "8, 2, true", "8, 4, true",
        "6, 3, true"})
    void equalToDl4jsSelfAttentionLayerWithTheWeightsMapped(int e, int h, boolean masked) {
        int d = e / h;
        Layer ours = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(h).dropout(0).build(), e, T,
                RNNFormat.NCW, DataType.DOUBLE).getLayer(0);
        Layer corrected = AttentionNets.single(new SelfAttentionLayer.Builder().nIn(e).nOut(e).nHeads(h).headSize(d)
                .projectInput(true).build(), e, T, RNNFormat.NCW, DataType.DOUBLE).getLayer(0);
        Layer original = AttentionNets.single(new org.deeplearning4j.nn.conf.layers.SelfAttentionLayer.Builder()
                .nIn(e).nOut(e).nHeads(h).headSize(d).projectInput(true).build(), e, T, RNNFormat.NCW,
                DataType.DOUBLE).getLayer(0);
        Nd4j.getRandom().setSeed(100L * e + 10L * h + (masked ? 1 : 0));
        String[][] map = {{MultiHeadAttention.WQ, SelfAttentionLayer.WEIGHT_KEY_QUERY_PROJECTION},
            {MultiHeadAttention.WK, SelfAttentionLayer.WEIGHT_KEY_KEY_PROJECTION},
            {MultiHeadAttention.WV, SelfAttentionLayer.WEIGHT_KEY_VALUE_PROJECTION}};
        for (String[] k : map) {
            INDArray w = Nd4j.rand(DataType.DOUBLE, e, e).subi(0.5);
            set(ours, k[0], w);
            set(corrected, k[1], toDl4j(w, h));
            set(original, k[1], toDl4j(w, h));
        }
        INDArray wp = Nd4j.rand(DataType.DOUBLE, e, e).subi(0.5);
        set(ours, MultiHeadAttention.WP, wp);
        set(corrected, SelfAttentionLayer.WEIGHT_KEY_OUT_PROJECTION, wp);
        set(original, SelfAttentionLayer.WEIGHT_KEY_OUT_PROJECTION, wp);
        for (String b : MultiHeadAttention.BIAS_KEYS) {
            assertEquals(0.0, ours.getParam(b).amaxNumber().doubleValue(), 0.0, b + " starts at 0");
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, e, T).subi(0.5);
        INDArray dout = Nd4j.rand(DataType.DOUBLE, N, e, T).subi(0.5);
        INDArray mask = masked ? AttentionNets.paddingMask(N, T, 0) : null;

        AttentionNets.Pass a = AttentionNets.pass(ours, x, mask, dout, true);
        AttentionNets.Pass b = AttentionNets.pass(corrected, x, mask, dout, true);
        AttentionNets.Pass c = AttentionNets.pass(original, x, mask, dout, true);
        String what = "E " + e + ", H " + h + (masked ? ", padded: " : ": ");
        double doubling = 1.0 / GradientScale.factor();
        assertClose(what + "output", a.out(), b.out(), TOL);
        assertClose(what + "output of DL4J's original", a.out(), c.out(), TOL);
        assertClose(what + "dx", a.inputGrads()[0], b.inputGrads()[0], TOL);
        assertClose(what + "dx of DL4J's original (" + doubling + " x ours)", a.inputGrads()[0].mul(doubling),
                c.inputGrads()[0], TOL);
        double err = Math.max(maxRelError(a.out(), b.out()), maxRelError(a.inputGrads()[0], b.inputGrads()[0]));
        for (String[] k : map) {
            INDArray mine = a.paramGrads().get(k[0]);
            assertClose(what + "d" + k[0], mine, fromDl4j(b.paramGrads().get(k[1]), e), TOL);
            assertClose(what + "d" + k[0] + " of DL4J's original", mine.mul(doubling),
                    fromDl4j(c.paramGrads().get(k[1]), e), TOL);
            err = Math.max(err, maxRelError(mine, fromDl4j(b.paramGrads().get(k[1]), e)));
        }
        INDArray dWp = a.paramGrads().get(MultiHeadAttention.WP);
        assertClose(what + "dWp = dWo", dWp, b.paramGrads().get(SelfAttentionLayer.WEIGHT_KEY_OUT_PROJECTION), TOL);
        assertClose(what + "dWp = dWo of DL4J's original", dWp.mul(doubling),
                c.paramGrads().get(SelfAttentionLayer.WEIGHT_KEY_OUT_PROJECTION), TOL);
        err = Math.max(err, maxRelError(dWp, b.paramGrads().get(SelfAttentionLayer.WEIGHT_KEY_OUT_PROJECTION)));
        assertEquals(4, b.paramGrads().size(), "DL4J's layer has the four weights and no biases");
        assertEquals(8, a.paramGrads().size(), "ours has four weights and four biases");
        System.out.println("[MHA vs SelfAttentionLayer] " + what + "max relative error " + err);
    }

    /**
     * DL4J's {@code projectInput(false)}: {@code softmax_t(x_t . x_s / sqrt(E))} weighting the inputs themselves, no
     * parameters; ours with one head, identity projections and zero biases.
     */
    @ParameterizedTest(name = "padding mask {0}")
    @CsvSource({"false", "true"})
    void projectInputFalseIsOursWithIdentityWeights(boolean masked) {
        int e = 6;
        Layer ours = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(1).dropout(0).build(), e, T,
                RNNFormat.NCW, DataType.DOUBLE).getLayer(0);
        Layer corrected = AttentionNets.single(new SelfAttentionLayer.Builder().nIn(e).nOut(e).nHeads(1)
                .projectInput(false).build(), e, T, RNNFormat.NCW, DataType.DOUBLE).getLayer(0);
        for (String k : MultiHeadAttention.WEIGHT_KEYS) {
            set(ours, k, Nd4j.eye(e).castTo(DataType.DOUBLE));
        }
        Nd4j.getRandom().setSeed(masked ? 7 : 8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, e, T).subi(0.5);
        INDArray dout = Nd4j.rand(DataType.DOUBLE, N, e, T).subi(0.5);
        INDArray mask = masked ? AttentionNets.paddingMask(N, T, 0) : null;
        AttentionNets.Pass a = AttentionNets.pass(ours, x, mask, dout, true);
        AttentionNets.Pass b = AttentionNets.pass(corrected, x, mask, dout, true);
        assertClose("output", a.out(), b.out(), TOL);
        assertClose("dx", a.inputGrads()[0], b.inputGrads()[0], TOL);
        assertEquals(Map.of(), b.paramGrads(), "DL4J's layer without projection has no parameters");
        System.out.println("[MHA vs SelfAttentionLayer projectInput(false)] padded " + masked
                + ": max relative error " + Math.max(maxRelError(a.out(), b.out()),
                        maxRelError(a.inputGrads()[0], b.inputGrads()[0])));
    }

    /**
     * Assigns a parameter through its view: DL4J's own {@code SameDiffLayer.setParam} checks key and shape on M2.1 and
     * then assigns nothing (ours assigns, see {@code CorrectedSameDiffLayerImpl}).
     */
    static void set(Layer layer, String key, INDArray value) {
        INDArray view = layer.paramTable().get(key);
        assertEquals(java.util.Arrays.toString(view.shape()), java.util.Arrays.toString(value.shape()), key);
        view.assign(value);
    }

    /** @return our {@code [E, E]} projection as DL4J's {@code [H, E/H, E]}: {@code W_dl4j[h, d, e] = W[e, h*D + d]} */
    static INDArray toDl4j(INDArray w, int heads) {
        long e = w.size(0);
        return w.transpose().dup('c').reshape('c', heads, e / heads, e);
    }

    /** @return DL4J's {@code [H, D, E]} projection (or its gradient) as ours {@code [E, E]} */
    static INDArray fromDl4j(INDArray w, long e) {
        return w.dup('c').reshape('c', e, e).transpose().dup('c');
    }
}
