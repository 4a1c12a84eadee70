package dev.cs231n.layers.transformer;

import java.util.ArrayList;
import java.util.List;

import dev.cs231n.layers.attention.AttentionNets;
import dev.cs231n.layers.attention.PositionalEncoding;
import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.layers.norm.LayerNorm;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * GradientCheckUtil (DOUBLE, training mode) for the decoder layer (minibatch {1, 2, 3}, with and without padding of
 * target and memory, causal or not, ReLU and GELU, dropout, at initialisation and after 3 SGD steps; T = 4 target
 * steps over S = 3 memory steps), and for the sequence forms of PositionalEncoding, LayerNorm and InvertedDropout.
 */
@ExtendWith(OneNativeThread.class)
@Tag("gradcheck")
class TransformerGradientCheckTest {

    private static final int E = 4;
    private static final int H = 2;
    private static final int F = 6;
    private static final int T = 4;
    private static final int S = 3;

    @BeforeAll
    static void doubles() {
        GradCheck.useDouble();
    }

    static List<Arguments> matrix() {
        List<Arguments> a = new ArrayList<>();
        for (int n : new int[] {1, 2, 3}) {
            a.add(Arguments.of(n, false, true, false, FeedForwardActivation.RELU, 0.0));
            a.add(Arguments.of(n, true, true, true, FeedForwardActivation.RELU, 0.0));
        }
        a.add(Arguments.of(2, true, false, false, FeedForwardActivation.GELU, 0.0));
        a.add(Arguments.of(2, false, true, true, FeedForwardActivation.GELU, 0.0));
        a.add(Arguments.of(3, true, true, true, FeedForwardActivation.RELU, 0.2));
        return a;
    }

    @ParameterizedTest(name = "decoder n={0} padding={1} causal={2} trained={3} {4} dropout={5}")
    @MethodSource("matrix")
    void decoderLayer(int n, boolean padding, boolean causal, boolean trained, FeedForwardActivation act,
            double dropout) {
        Nd4j.getRandom().setSeed(300 + n);
        INDArray tgt = AttentionNets.fromNte(Nd4j.rand(DataType.DOUBLE, n, T, E).subi(0.5).muli(2), RNNFormat.NCW);
        INDArray mem = AttentionNets.fromNte(Nd4j.rand(DataType.DOUBLE, n, S, E).subi(0.5).muli(2), RNNFormat.NCW);
        INDArray y = AttentionNets.fromNte(labels(n, T, 3), RNNFormat.NCW);
        INDArray[] masks = padding ? new INDArray[] {AttentionNets.paddingMask(n, T, 1),
            AttentionNets.paddingMask(n, S, 2)} : null;
        INDArray[] labelMasks = padding ? new INDArray[] {masks[0]} : null;
        ComputationGraph g = net(causal, act, dropout, new NoOp());
        if (trained) {
            ComputationGraph sgd = net(causal, act, dropout, new Sgd(0.1));
            for (int i = 0; i < 3; i++) {
                sgd.fit(new MultiDataSet(new INDArray[] {tgt, mem}, new INDArray[] {y}, masks, labelMasks));
            }
            g.setParams(sgd.params());
        }
        GradCheck.assertPasses(GradCheck.graph(g, new INDArray[] {tgt, mem}, new INDArray[] {y}).inputMask(masks)
                .labelMask(labelMasks), "decoder n=" + n + " padding=" + padding + " trained=" + trained);
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void sequenceFormsOfPositionalEncodingLayerNormAndDropout(RNNFormat format) {
        for (org.deeplearning4j.nn.conf.layers.Layer l : new org.deeplearning4j.nn.conf.layers.Layer[] {
            PositionalEncoding.builder().dropout(0.3).maxLength(10).build(), LayerNorm.builder().build(),
            InvertedDropout.builder().keepProbability(0.6).build()}) {
            Nd4j.getRandom().setSeed(9);
            MultiLayerNetwork net = AttentionNets.withOutput(l, E, T, 3, format, new NoOp(), DataType.DOUBLE);
            INDArray x = AttentionNets.fromNte(Nd4j.rand(DataType.DOUBLE, 2, T, E).subi(0.5), format);
            INDArray y = AttentionNets.fromNte(labels(2, T, 3), format);
            INDArray m = AttentionNets.paddingMask(2, T, 0);
            GradCheck.assertPasses(GradCheck.mln(net, x, y).inputMask(m).labelMask(m), l + " " + format);
        }
    }

    private static ComputationGraph net(boolean causal, FeedForwardActivation act, double dropout, IUpdater u) {
        return AttentionNets.crossGraph(TransformerDecoderLayer.builder().nIn(E).numHeads(H).dimFeedforward(F)
                .causal(causal).activation(act).dropout(dropout).build(), E, T, S, 3, RNNFormat.NCW, u,
                DataType.DOUBLE);
    }

    static INDArray labels(int n, int t, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, t, classes);
        java.util.Random r = new java.util.Random(n * 17L + t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                y.putScalar(new int[] {i, j, r.nextInt(classes)}, 1.0);
            }
        }
        return y;
    }
}
