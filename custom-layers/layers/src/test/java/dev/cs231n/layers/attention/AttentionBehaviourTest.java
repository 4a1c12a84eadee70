package dev.cs231n.layers.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Masks change nothing they hide (bit for bit), round trips, FLOAT, any sequence length, and the messages of bad
 * configurations and inputs.
 */
class AttentionBehaviourTest {

    private static final int E = 8;

    @Test
    void perturbingAFutureTokenUnderTheCausalMaskChangesNoEarlierOutput() {
        Nd4j.getRandom().setSeed(1);
        MultiLayerNetwork net = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(2).causal(true)
                .build(), E, 6, RNNFormat.NCW, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, E, 6);
        INDArray before = net.output(x);
        INDArray x2 = x.dup();
        x2.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(4)).addi(Nd4j.rand(DataType.DOUBLE, 2, E));
        INDArray after = net.output(x2);
        INDArray early = before.get(NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        assertEquals(early, after.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)),
                "steps 0..3 bit-identical");
        assertNotEquals(before.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(4)),
                after.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(4)));
        // also in FLOAT and during training-mode passes with dropout
        MultiLayerNetwork f = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(2).causal(true)
                .dropout(0.2).build(), E, 6, RNNFormat.NCW, DataType.FLOAT);
        INDArray xf = x.castTo(DataType.FLOAT);
        INDArray a = f.output(xf, true);
        INDArray b = f.output(x2.castTo(DataType.FLOAT), true);
        assertEquals(a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)),
                b.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)));
    }

    @Test
    void perturbingAPaddedKeyChangesNothing() {
        Nd4j.getRandom().setSeed(2);
        MultiLayerNetwork net = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(2).build(), E, 5,
                RNNFormat.NCW, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, E, 5);
        INDArray mask = AttentionNets.paddingMask(3, 5, 0); // example 2 pads steps 3, 4
        INDArray before = net.output(x, false, mask, null);
        INDArray x2 = x.dup();
        x2.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(3, 5)).addi(7.0);
        INDArray after = net.output(x2, false, mask, null);
        assertEquals(before.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)),
                after.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)),
                "present steps bit-identical");
        assertEquals(before.get(NDArrayIndex.interval(0, 2)), after.get(NDArrayIndex.interval(0, 2)));

        // cross-attention: a padded memory step changes no output at all
        ComputationGraph g = AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(E).numHeads(4).build(),
                E, 3, 5, 2, RNNFormat.NCW, new Adam(1e-3), DataType.DOUBLE);
        INDArray q = Nd4j.rand(DataType.DOUBLE, 3, E, 3);
        INDArray[] masks = {null, mask};
        INDArray o1 = g.output(false, new INDArray[] {q, x}, masks)[0];
        INDArray o2 = g.output(false, new INDArray[] {q, x2}, masks)[0];
        assertEquals(o1, o2);
        assertNotEquals(o1, g.output(false, new INDArray[] {q, x2}, null)[0], "unmasked, it would change");
    }

    @Test
    void anySequenceLengthWithOneLayerAndOneVertex() {
        MultiLayerNetwork net = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(2).causal(true)
                .build(), E, 4, RNNFormat.NWC, DataType.FLOAT);
        for (int t : new int[] {4, 1, 9}) {
            assertEquals(t, net.output(Nd4j.rand(DataType.FLOAT, 2, t, E)).size(1));
        }
        ComputationGraph g = AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(E).numHeads(2).build(),
                E, 3, 5, 2, RNNFormat.NCW, new Adam(1e-3), DataType.FLOAT);
        for (int[] st : new int[][] {{3, 5}, {7, 2}, {1, 1}}) {
            INDArray o = g.output(Nd4j.rand(DataType.FLOAT, 2, E, st[0]), Nd4j.rand(DataType.FLOAT, 2, E, st[1]))[0];
            assertEquals(st[0], o.size(2));
        }
    }

    @Test
    void floatTrainingRunsAndLowersTheLoss() {
        Nd4j.getRandom().setSeed(3);
        MultiLayerNetwork net = AttentionNets.withOutput(MultiHeadSelfAttention.builder().numHeads(2).causal(true)
                .dropout(0.1).build(), E, 6, 3, RNNFormat.NCW, new Adam(1e-2), DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, E, 6);
        INDArray y = AttentionNets.fromNte(AttentionGradientCheckTest.labels(4, 6), RNNFormat.NCW)
                .castTo(DataType.FLOAT);
        net.fit(x, y);
        double before = net.score();
        for (int i = 0; i < 30; i++) {
            net.fit(x, y);
        }
        assertEquals(DataType.FLOAT, net.output(x).dataType());
        assertTrue(net.score() < before, before + " -> " + net.score());

        ComputationGraph g = AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(E).numHeads(2)
                .build(), E, 6, 4, 3, RNNFormat.NCW, new Adam(1e-2), DataType.FLOAT);
        MultiDataSet ds = new MultiDataSet(new INDArray[] {x, Nd4j.rand(DataType.FLOAT, 4, E, 4)},
                new INDArray[] {y});
        g.fit(ds);
        double b2 = g.score();
        for (int i = 0; i < 30; i++) {
            g.fit(ds);
        }
        assertTrue(g.score() < b2, b2 + " -> " + g.score());
    }

    @Test
    void roundTripsGiveIdenticalOutputsAndTraining() {
        Nd4j.getRandom().setSeed(4);
        MultiLayerNetwork net = AttentionNets.withOutput(MultiHeadSelfAttention.builder().numHeads(4).causal(true)
                .dropout(0.1).build(), E, 5, 3, RNNFormat.NCW, new Adam(1e-2), DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, E, 5);
        INDArray y = AttentionNets.fromNte(AttentionGradientCheckTest.labels(2, 5), RNNFormat.NCW);
        net.fit(x, y);
        MultiLayerNetwork restored = RoundTrip.viaModelSerializer(net);
        RoundTrip.assertSameOutput(net, restored, x);
        assertEquals(net.getLayerWiseConfigurations().getConf(0).getLayer(),
                restored.getLayerWiseConfigurations().getConf(0).getLayer());
        net.fit(x, y);
        restored.fit(x, y);
        assertEquals(net.params(), restored.params(), "one more step (dropout included): identical training");
        MultiLayerNetwork json = RoundTrip.viaJson(net);
        RoundTrip.assertSameOutput(net, json, x);
        assertEquals(net.getLayerWiseConfigurations().getConf(0).getLayer(),
                json.getLayerWiseConfigurations().getConf(0).getLayer());

        int[][] m = {{1, 1, 0}, {1, 1, 1}};
        ComputationGraph g = AttentionNets.crossGraph(MultiHeadAttentionVertex.builder().nIn(E).numHeads(2)
                .attentionMask(m).separateValues(true).build(), E, 2, 3, 3, RNNFormat.NCW, new Adam(1e-2),
                DataType.DOUBLE);
        INDArray[] in = {Nd4j.rand(DataType.DOUBLE, 2, E, 2), Nd4j.rand(DataType.DOUBLE, 2, E, 3),
                Nd4j.rand(DataType.DOUBLE, 2, E, 3)};
        ComputationGraph gs = RoundTrip.viaModelSerializer(g);
        RoundTrip.assertSameOutput(g, gs, in);
        ComputationGraph gj = RoundTrip.viaJson(g);
        RoundTrip.assertSameOutput(g, gj, in);
        assertEquals(g.getConfiguration().getVertices().get("att"), gj.getConfiguration().getVertices().get("att"));
        MultiHeadAttentionVertex v = (MultiHeadAttentionVertex) g.getConfiguration().getVertices().get("att");
        MultiHeadAttentionVertex c = (MultiHeadAttentionVertex) v.clone();
        assertEquals(v, c);
        c.getAttention().setNumHeads(4);
        assertEquals(2, v.getAttention().getNumHeads(), "clone is deep");
    }

    @Test
    void eachWeightIsInitialisedOnItsOwnAndBiasesAreZero() {
        MultiLayerNetwork net = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(2).build(), E, 3,
                RNNFormat.NCW, DataType.DOUBLE);
        INDArray wq = net.getLayer(0).getParam("Wq");
        assertNotEquals(wq, net.getLayer(0).getParam("Wk"));
        double limit = Math.sqrt(6.0 / (E + E));
        for (String k : MultiHeadAttention.WEIGHT_KEYS) {
            INDArray w = net.getLayer(0).getParam(k);
            assertTrue(w.stdNumber().doubleValue() > 0.2 * limit && w.stdNumber().doubleValue() < 1.5 * limit, k);
        }
        for (String k : MultiHeadAttention.BIAS_KEYS) {
            assertEquals(0.0, net.getLayer(0).getParam(k).sumNumber().doubleValue(), 0.0, k);
        }
    }

    @Test
    void badConfigurationAndInputFailWithTheLayerAndTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiHeadAttentionVertex.builder().nIn(10).numHeads(4).build());
        assertTrue(e.getMessage().contains("E = 10") && e.getMessage().contains("H = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionNets.single(MultiHeadSelfAttention.builder()
                .name("sa").numHeads(3).build(), E, 4, RNNFormat.NCW, DataType.FLOAT));
        assertTrue(e.getMessage().contains("'sa'") && e.getMessage().contains("E = 8")
                && e.getMessage().contains("H = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultiHeadSelfAttention.builder().dropout(1.0).build());
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultiHeadSelfAttention.builder().attentionMask(new int[][] {{1, 0}, {1}}).build());
        assertTrue(e.getMessage().contains("rows"), e.getMessage());

        MultiLayerNetwork net = AttentionNets.single(MultiHeadSelfAttention.builder().name("sa").numHeads(2).build(),
                E, 4, RNNFormat.NCW, DataType.FLOAT);
        e = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.rand(DataType.FLOAT, 2, E, 4), false, Nd4j.ones(DataType.FLOAT, 2, 5), null));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 5]"), e.getMessage());
        // (a fresh network: DL4J leaves the failed call's mask set on the layer)
        MultiLayerNetwork net2 = AttentionNets.single(MultiHeadSelfAttention.builder().name("sa").numHeads(2).build(),
                E, 4, RNNFormat.NCW, DataType.FLOAT);
        e = assertThrows(IllegalArgumentException.class, () -> net2.output(Nd4j.rand(DataType.FLOAT, 2, 6, 4)));
        assertTrue(e.getMessage().contains("E = 8") && e.getMessage().contains("[2, 6, 4]"), e.getMessage());

        MultiLayerNetwork fixed = AttentionNets.single(MultiHeadSelfAttention.builder().numHeads(2)
                .attentionMask(new int[][] {{1, 0}, {1, 1}}).build(), E, 2, RNNFormat.NCW, DataType.FLOAT);
        e = assertThrows(IllegalArgumentException.class, () -> fixed.output(Nd4j.rand(DataType.FLOAT, 1, E, 3)));
        assertTrue(e.getMessage().contains("2 x 2") && e.getMessage().contains("S = 3"), e.getMessage());

        MultiHeadAttentionVertex v = MultiHeadAttentionVertex.builder().nIn(E).numHeads(2).build();
        InvalidInputTypeException w = assertThrows(InvalidInputTypeException.class,
                () -> v.getOutputType(0, InputType.recurrent(E, 3), InputType.recurrent(6, 5)));
        assertTrue(w.getMessage().contains("memory") && w.getMessage().contains("6 features")
                && w.getMessage().contains("E = 8"), w.getMessage());
        assertFalse(v.isSeparateValues());
    }
}
