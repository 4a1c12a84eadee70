package dev.cs231n.layers.attention;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.norm.OneNativeThread;
import dev.cs231n.testing.GradCheck;
import org.deeplearning4j.nn.conf.RNNFormat;
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
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * GradientCheckUtil (DOUBLE, centred differences, training mode) for the self-attention layer and the
 * cross-attention vertex followed by a softmax RNN output layer, over minibatch {1, 2, 3} x {no mask, padding mask,
 * causal} x {self, cross}, at initialisation and after 3 SGD steps; attention-weight dropout (seeded masks) and
 * NWC on two of the cells ({@link #matrix()}). The padding mask pads the last steps of the later examples: as keys (no query attends to them) and in the
 * labels. Cross-attention has S = 3 queries over T = 5 keys.
 */
@ExtendWith(OneNativeThread.class)
@Tag("gradcheck")
class AttentionGradientCheckTest {

    private static final int E = 8;
    private static final int H = 2;
    private static final int T = 5;
    private static final int S = 3;
    private static final int CLASSES = 3;

    enum MaskKind { NONE, PADDING, CAUSAL }

    @BeforeAll
    static void doubles() {
        GradCheck.useDouble();
    }

    /**
     * The grid, 18 cells per form: minibatch {1, 2, 3} x {no mask, padding, causal} x {at init, after 3 SGD
     * steps}. Attention dropout and NWC ride on two of the cells (n 2 causal at init: dropout 0.3; n 3 padding after
     * training: dropout 0.3 and NWC) instead of adding cases: every case costs about 4 s.
     */
    static List<Arguments> matrix() {
        List<Arguments> a = new ArrayList<>();
        for (int n : new int[] {1, 2, 3}) {
            for (MaskKind m : MaskKind.values()) {
                for (boolean trained : new boolean[] {false, true}) {
                    boolean dropoutCell = n == 2 && m == MaskKind.CAUSAL && !trained;
                    boolean nwcCell = n == 3 && m == MaskKind.PADDING && trained;
                    a.add(Arguments.of(n, m, trained, dropoutCell || nwcCell ? 0.3 : 0.0,
                            nwcCell ? RNNFormat.NWC : RNNFormat.NCW));
                }
            }
        }
        return a;
    }

    @ParameterizedTest(name = "self n={0} {1} trained={2} dropout={3} {4}")
    @MethodSource("matrix")
    void selfAttention(int n, MaskKind mask, boolean trained, double dropout, RNNFormat format) {
        Nd4j.getRandom().setSeed(100 + n);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, T, E).subi(0.5).muli(2);
        INDArray y = labels(n, T);
        INDArray m = mask == MaskKind.PADDING ? AttentionNets.paddingMask(n, T, 1) : null;
        INDArray xf = AttentionNets.fromNte(x, format);
        INDArray yf = AttentionNets.fromNte(y, format);
        MultiLayerNetwork net = selfNet(mask, dropout, format, new NoOp());
        if (trained) {
            MultiLayerNetwork sgd = selfNet(mask, dropout, format, new Sgd(0.1));
            for (int i = 0; i < 3; i++) {
                sgd.fit(xf, yf, m, m);
            }
            net.setParams(sgd.params());
        }
        GradCheck.assertPasses(GradCheck.mln(net, xf, yf).inputMask(m).labelMask(m),
                "self-attention n=" + n + " " + mask + " trained=" + trained);
    }

    @ParameterizedTest(name = "cross n={0} {1} trained={2} dropout={3} {4}")
    @MethodSource("matrix")
    void crossAttention(int n, MaskKind mask, boolean trained, double dropout, RNNFormat format) {
        Nd4j.getRandom().setSeed(200 + n);
        INDArray q = AttentionNets.fromNte(Nd4j.rand(DataType.DOUBLE, n, S, E).subi(0.5).muli(2), format);
        INDArray kv = AttentionNets.fromNte(Nd4j.rand(DataType.DOUBLE, n, T, E).subi(0.5).muli(2), format);
        INDArray y = AttentionNets.fromNte(labels(n, S), format);
        INDArray[] masks = mask == MaskKind.PADDING
                ? new INDArray[] {AttentionNets.paddingMask(n, S, 2), AttentionNets.paddingMask(n, T, 3)} : null;
        INDArray[] labelMasks = masks == null ? null : new INDArray[] {masks[0]};
        ComputationGraph g = crossNet(mask, dropout, format, new NoOp());
        if (trained) {
            ComputationGraph sgd = crossNet(mask, dropout, format, new Sgd(0.1));
            for (int i = 0; i < 3; i++) {
                sgd.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {q, kv}, new INDArray[] {y}, masks,
                        labelMasks));
            }
            g.setParams(sgd.params());
        }
        GradCheck.assertPasses(GradCheck.graph(g, new INDArray[] {q, kv}, new INDArray[] {y}).inputMask(masks)
                .labelMask(labelMasks), "cross-attention n=" + n + " " + mask + " trained=" + trained);
    }

    private static MultiLayerNetwork selfNet(MaskKind mask, double dropout, RNNFormat format, IUpdater u) {
        return AttentionNets.withOutput(MultiHeadSelfAttention.builder().numHeads(H).dropout(dropout)
                .causal(mask == MaskKind.CAUSAL).build(), E, T, CLASSES, format, u, DataType.DOUBLE);
    }

    private static ComputationGraph crossNet(MaskKind mask, double dropout, RNNFormat format, IUpdater u) {
        return AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(E).numHeads(H).dropout(dropout)
                .causal(mask == MaskKind.CAUSAL).dataFormat(format).build(), E, S, T, CLASSES, format, u,
                DataType.DOUBLE);
    }

    /** @return one-hot labels {@code [N, t, CLASSES]} */
    static INDArray labels(int n, int t) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, t, CLASSES);
        java.util.Random r = new java.util.Random(n * 31L + t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                y.putScalar(new int[] {i, j, r.nextInt(CLASSES)}, 1.0);
            }
        }
        return y;
    }
}
