package dev.cs231n.searches.spaces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cs231n.layers.attention.MultiHeadAttention;
import dev.cs231n.layers.attention.MultiHeadSelfAttention;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.RnnOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.BooleanSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MultiHeadSelfAttentionSpaceTest {

    /** T = 5: a fixed mask letting each step see itself and the step before. */
    static int[][] band() {
        int[][] m = new int[5][5];
        for (int i = 0; i < 5; i++) {
            m[i][i] = 1;
            if (i > 0) {
                m[i][i - 1] = 1;
            }
        }
        return m;
    }

    static MultiHeadSelfAttentionSpace.Builder builder() {
        return new MultiHeadSelfAttentionSpace.Builder()
                .nIn(8)
                .numHeads(new DiscreteParameterSpace<>(1, 2, 4))
                .dropout(new ContinuousParameterSpace(0.05, 0.2))
                .causal(new BooleanSpace())
                .dataFormat(new DiscreteParameterSpace<>(RNNFormat.NCW, RNNFormat.NWC))
                .weightInit(new DiscreteParameterSpace<>(WeightInit.LECUN_NORMAL, WeightInit.RELU))
                .updater(AdamSpace.withLR(new ContinuousParameterSpace(1e-3, 1e-2)))
                .biasUpdater(new Sgd(0.03))
                .l2(new ContinuousParameterSpace(1e-4, 1e-3));
    }

    static MultiLayerSpace net(MultiHeadSelfAttentionSpace attention) {
        return new MultiLayerSpace.Builder().seed(5)
                .addLayer(attention)
                .addLayer(new RnnOutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.recurrent(8, 5))
                .build();
    }

    @Test
    void jsonRoundTripInAMultiLayerSpaceKeepsTheMask() {
        MultiLayerSpace space = net(builder().attentionMask(band()).build());
        List<double[]> points = SpaceChecks.points(space, 5, 16);
        MultiLayerSpace back = SpaceChecks.roundTrip(space, points);
        MultiHeadSelfAttention l = SpaceChecks.layer(back, points.get(0), 0, MultiHeadSelfAttention.class);
        assertArrayEquals(band(), l.getAttention().getAttentionMask());
    }

    @Test
    void masksCompareByContent() {
        assertEquals(builder().attentionMask(band()).build(), builder().attentionMask(band()).build());
        assertEquals(builder().attentionMask(band()).build().hashCode(),
                builder().attentionMask(band()).build().hashCode());
        int[][] other = band();
        other[4][0] = 1;
        assertNotEquals(builder().attentionMask(band()).build(), builder().attentionMask(other).build());
        assertTrue(builder().attentionMask(band()).build().toString().contains("[[1, 0, 0, 0, 0], [1, 1, 0"));
    }

    @Test
    void randomPointsGiveLayersInsideTheRangesAndTheNetworkRuns() {
        MultiHeadSelfAttentionSpace attention = builder().attentionMask(band()).build();
        MultiLayerSpace space = net(attention);
        List<double[]> points = SpaceChecks.points(space, 16, 10);
        List<MultiHeadSelfAttention> layers = points.stream()
                .map(p -> SpaceChecks.layer(space, p, 0, MultiHeadSelfAttention.class)).toList();
        List<MultiHeadAttention> opts = layers.stream().map(MultiHeadSelfAttention::getAttention).toList();
        Set<Integer> heads = opts.stream().map(MultiHeadAttention::getNumHeads).collect(Collectors.toSet());
        assertTrue(Set.of(1, 2, 4).containsAll(heads) && heads.size() > 1, heads.toString());
        assertEquals(Set.of(true, false), opts.stream().map(MultiHeadAttention::isCausal).collect(Collectors.toSet()));
        assertEquals(Set.of(WeightInit.LECUN_NORMAL, WeightInit.RELU),
                opts.stream().map(MultiHeadAttention::getWeightInit).collect(Collectors.toSet()));
        SpaceChecks.inRangeAndVaries("dropout", opts.stream().map(MultiHeadAttention::getDropout).toList(), 0.05, 0.2);
        SpaceChecks.inRangeAndVaries("lr", layers.stream()
                .map(l -> SpaceChecks.lr(assertInstanceOf(Adam.class, l.getUpdaterByParam(MultiHeadAttention.WQ))))
                .toList(), 1e-3, 1e-2);
        SpaceChecks.inRangeAndVaries("l2", layers.stream().map(l -> SpaceChecks.coefficient(
                l.getRegularizationByParam(MultiHeadAttention.WK), L2Regularization.class,
                r -> r.getL2().valueAt(0, 0))).toList(), 1e-4, 1e-3);
        for (MultiHeadSelfAttention l : layers) {
            assertEquals(8, l.getAttention().getEmbedDim());
            assertEquals(new Sgd(0.03), l.getUpdaterByParam(MultiHeadAttention.BP));
            assertArrayEquals(band(), l.getAttention().getAttentionMask());
        }
        // the data format as the space builds the layer (the network's recurrent input type sets NCW)
        assertEquals(Set.of(RNNFormat.NCW, RNNFormat.NWC),
                points.stream().map(p -> attention.getValue(p).getDataFormat()).collect(Collectors.toSet()));
        SpaceChecks.forward(space.getValue(points.get(0)), SpaceChecks.randn(3, 2, 8, 5), 2, 3, 5);
    }
}
