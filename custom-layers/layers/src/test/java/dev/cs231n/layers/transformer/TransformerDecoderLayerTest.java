package dev.cs231n.layers.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.attention.AttentionNets;
import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** The decoder layer's masks, lengths, FLOAT training, round trips, initialisation and messages. */
class TransformerDecoderLayerTest {

    private static final int E = 8;

    private static ComputationGraph graph(double dropout, DataType dtype) {
        return AttentionNets.crossGraph(TransformerDecoderLayer.builder().nIn(E).numHeads(2).dimFeedforward(16)
                .dropout(dropout).build(), E, 5, 3, 4, RNNFormat.NCW, new Adam(1e-2), dtype);
    }

    @Test
    void maskedPositionsChangeNothing() {
        Nd4j.getRandom().setSeed(11);
        ComputationGraph g = graph(0.1, DataType.DOUBLE);
        INDArray tgt = Nd4j.rand(DataType.DOUBLE, 2, E, 5);
        INDArray mem = Nd4j.rand(DataType.DOUBLE, 2, E, 3);
        INDArray out = g.outputSingle(tgt, mem);
        // a future target step (causal) changes no earlier output
        INDArray tgt2 = tgt.dup();
        tgt2.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(3)).addi(5.0);
        INDArray out2 = g.outputSingle(tgt2, mem);
        assertEquals(out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)),
                out2.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)));
        // a padded memory step changes nothing, in training mode (dropout) too
        INDArray memMask = Nd4j.ones(DataType.DOUBLE, 2, 3);
        memMask.putScalar(1, 2, 0.0);
        INDArray mem2 = mem.dup();
        mem2.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(2)).addi(3.0);
        INDArray[] masks = {null, memMask};
        assertEquals(g.output(false, new INDArray[] {tgt, mem}, masks)[0],
                g.output(false, new INDArray[] {tgt, mem2}, masks)[0]);
        assertEquals(g.output(true, new INDArray[] {tgt, mem}, masks)[0],
                g.output(true, new INDArray[] {tgt, mem2}, masks)[0]);
        assertNotEquals(g.output(false, new INDArray[] {tgt, mem}, null)[0],
                g.output(false, new INDArray[] {tgt, mem2}, null)[0]);
        // any lengths
        assertEquals(9, g.outputSingle(Nd4j.rand(DataType.DOUBLE, 1, E, 9), Nd4j.rand(DataType.DOUBLE, 1, E, 1))
                .size(2));
    }

    @Test
    void floatTrainingAndRoundTrips() {
        Nd4j.getRandom().setSeed(12);
        ComputationGraph g = graph(0.1, DataType.FLOAT);
        INDArray tgt = Nd4j.rand(DataType.FLOAT, 3, E, 5);
        INDArray mem = Nd4j.rand(DataType.FLOAT, 3, E, 3);
        INDArray y = AttentionNets.fromNte(TransformerGradientCheckTest.labels(3, 5, 4), RNNFormat.NCW)
                .castTo(DataType.FLOAT);
        MultiDataSet ds = new MultiDataSet(new INDArray[] {tgt, mem}, new INDArray[] {y});
        g.fit(ds);
        double before = g.score();
        for (int i = 0; i < 40; i++) {
            g.fit(ds);
        }
        assertTrue(g.score() < before, before + " -> " + g.score());
        assertEquals(DataType.FLOAT, g.outputSingle(tgt, mem).dataType());

        ComputationGraph s = RoundTrip.viaModelSerializer(g);
        RoundTrip.assertSameOutput(g, s, tgt, mem);
        g.fit(ds);
        s.fit(ds);
        assertEquals(g.params(), s.params(), "identical training after restore (dropout masks included)");
        ComputationGraph j = RoundTrip.viaJson(g);
        RoundTrip.assertSameOutput(g, j, tgt, mem);
        assertEquals(g.getConfiguration().getVertices().get("att"), j.getConfiguration().getVertices().get("att"));
    }

    @Test
    void initialisationPerParameter() {
        ComputationGraph g = graph(0, DataType.DOUBLE);
        var p = g.getVertex("att").paramTable(false);
        double w1 = p.get(TransformerDecoderLayer.FF_W1).stdNumber().doubleValue();
        assertEquals(Math.sqrt(2.0 / (E + 16)), w1, 0.35 * Math.sqrt(2.0 / (E + 16)), "ff_W1 from (8, 16)");
        assertEquals(1.0, p.get("n2g").meanNumber().doubleValue(), 0.0);
        assertEquals(0.0, p.get("cabq").sumNumber().doubleValue(), 0.0);
        assertNotEquals(p.get("saWq"), p.get("caWq"));
    }

    @Test
    void badConfigurationAndInputFailWithTheLayerAndTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformerDecoderLayer.builder().nIn(10).numHeads(4).build());
        assertTrue(e.getMessage().contains("E = 10") && e.getMessage().contains("H = 4"), e.getMessage());
        TransformerDecoderLayer d = TransformerDecoderLayer.builder().nIn(E).numHeads(2).build();
        InvalidInputTypeException t = assertThrows(InvalidInputTypeException.class,
                () -> d.getOutputType(0, InputType.recurrent(E, 4), InputType.recurrent(6, 3)));
        assertTrue(t.getMessage().contains("memory") && t.getMessage().contains("6 features")
                && t.getMessage().contains("E = 8"), t.getMessage());
        ComputationGraph g = graph(0, DataType.FLOAT);
        e = assertThrows(IllegalArgumentException.class,
                () -> g.outputSingle(Nd4j.rand(DataType.FLOAT, 2, E, 5), Nd4j.rand(DataType.FLOAT, 2, 6, 3)));
        assertTrue(e.getMessage().contains("TransformerDecoderLayer 'att'") && e.getMessage().contains("6 features")
                && e.getMessage().contains("E = 8"), e.getMessage());
        ComputationGraph g2 = graph(0, DataType.FLOAT);
        e = assertThrows(IllegalArgumentException.class, () -> g2.output(false,
                new INDArray[] {Nd4j.rand(DataType.FLOAT, 2, E, 5), Nd4j.rand(DataType.FLOAT, 2, E, 3)},
                new INDArray[] {null, Nd4j.ones(DataType.FLOAT, 2, 4)}));
        assertTrue(e.getMessage().contains("memory") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[2, 4]"), e.getMessage());
    }
}
