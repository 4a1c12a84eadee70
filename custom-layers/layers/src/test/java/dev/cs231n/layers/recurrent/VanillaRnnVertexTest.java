package dev.cs231n.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/** {@link VanillaRnnVertex}: masks, sequence lengths, round trips, FLOAT, and the messages of bad sizes. */
class VanillaRnnVertexTest {

    static INDArray at(INDArray seq, RNNFormat f, long t) {
        return f == RNNFormat.NCW ? seq.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                : seq.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void aPaddedStepChangesNothing(RNNFormat format) {
        Nd4j.getRandom().setSeed(7);
        int n = 3;
        int t = 5;
        ComputationGraph g = RnnGraphs.withLoss(format, new Sgd(0.1), WorkspaceMode.ENABLED, DataType.DOUBLE);
        INDArray f = RnnGraphs.features(n, DataType.DOUBLE);
        INDArray x = RnnGraphs.sequence(n, t, format, DataType.DOUBLE);
        INDArray y = RnnGraphs.labels(n, t, format, DataType.DOUBLE);
        INDArray mask = RnnGraphs.paddingMask(n, t, DataType.DOUBLE); // example 2 has steps 3, 4 padded
        g.setLayerMaskArrays(new INDArray[] {null, mask}, new INDArray[] {mask});
        INDArray before = g.feedForward(new INDArray[] {f, x}, false).get("rnn").dup();
        g.clearLayerMaskArrays();
        double scoreBefore = g.score(new MultiDataSet(new INDArray[] {f, x}, new INDArray[] {y},
                new INDArray[] {null, mask}, new INDArray[] {mask}));

        INDArray x2 = x.dup();
        for (int d = 0; d < RnnGraphs.D; d++) { // example 2, padded steps 3 and 4
            long[] i3 = format == RNNFormat.NCW ? new long[] {2, d, 3} : new long[] {2, 3, d};
            long[] i4 = format == RNNFormat.NCW ? new long[] {2, d, 4} : new long[] {2, 4, d};
            x2.putScalar(i3, x2.getDouble(i3) + 10.0);
            x2.putScalar(i4, -3.0 * x2.getDouble(i4));
        }
        g.setLayerMaskArrays(new INDArray[] {null, mask}, new INDArray[] {mask});
        INDArray after = g.feedForward(new INDArray[] {f, x2}, false).get("rnn").dup();
        g.clearLayerMaskArrays();
        double scoreAfter = g.score(new MultiDataSet(new INDArray[] {f, x2}, new INDArray[] {y},
                new INDArray[] {null, mask}, new INDArray[] {mask}));

        assertEquals(before, after, "the RNN's outputs are bit-identical");
        assertEquals(scoreBefore, scoreAfter, 0.0, "the loss is bit-identical");
        assertEquals(0.0, at(after, format, 4).dup().getRow(2).norm1Number().doubleValue(), 0.0,
                "a padded step outputs zero");
    }

    @Test
    void aLongerSequenceRebuildsTheGraphAndKeepsItsPrefix() {
        Nd4j.getRandom().setSeed(8);
        ComputationGraph g = RnnGraphs.bare(RnnGraphs.D, RnnGraphs.H, RNNFormat.NCW, DataType.DOUBLE);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 2, RnnGraphs.H);
        INDArray x = RnnGraphs.sequence(2, 6, RNNFormat.NCW, DataType.DOUBLE);
        INDArray prefix = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup();
        INDArray full = g.outputSingle(x, h0);
        INDArray shorter = g.outputSingle(prefix, h0);
        assertEquals(full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)), shorter);
        assertEquals(full, g.outputSingle(x, h0), "back to the first length");
    }

    /**
     * With workspaces on, M2.1's SameDiff graph vertex returned wrong gradients (right forward pass) from every backward
     * pass after the first: it builds the gradient function in a workspace, where the copies of the graph's scalar ops
     * ({@code 1 - m}) keep their scalars (fixed in {@code CorrectedSameDiffGraphVertex}, see
     * {@code GradientFunctionWorkspaceTest}). Compared with fresh networks, bit for bit, over N = 3, 3, 1, 3, 3, 2.
     */
    @Test
    void gradientsStayExactOverManyPassesAndMinibatchSizes() {
        Nd4j.getRandom().setSeed(11);
        ComputationGraph g = RnnGraphs.withLoss(RNNFormat.NCW, new org.nd4j.linalg.learning.config.NoOp(),
                WorkspaceMode.ENABLED, DataType.DOUBLE);
        INDArray params = g.params().dup();
        for (int n : new int[] {3, 3, 1, 3, 3, 2}) {
            INDArray[] in = {RnnGraphs.features(n, DataType.DOUBLE), RnnGraphs.sequence(n, 4, RNNFormat.NCW,
                    DataType.DOUBLE)};
            INDArray[] y = {RnnGraphs.labels(n, 4, RNNFormat.NCW, DataType.DOUBLE)};
            ComputationGraph fresh = RnnGraphs.withLoss(RNNFormat.NCW, new org.nd4j.linalg.learning.config.NoOp(),
                    WorkspaceMode.ENABLED, DataType.DOUBLE);
            fresh.setParams(params);
            g.setInputs(in);
            g.setLabels(y);
            g.computeGradientAndScore();
            fresh.setInputs(in);
            fresh.setLabels(y);
            fresh.computeGradientAndScore();
            assertEquals(fresh.gradient().gradient(), g.gradient().gradient(), "gradients at N = " + n);
        }
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void roundTripsGiveIdenticalOutputs(RNNFormat format) {
        Nd4j.getRandom().setSeed(9);
        ComputationGraph g = RnnGraphs.withLoss(format, new Adam(1e-2), WorkspaceMode.ENABLED, DataType.DOUBLE);
        INDArray[] in = {RnnGraphs.features(2, DataType.DOUBLE), RnnGraphs.sequence(2, 4, format, DataType.DOUBLE)};
        g.fit(in, new INDArray[] {RnnGraphs.labels(2, 4, format, DataType.DOUBLE)});
        RoundTrip.assertSameOutput(g, RoundTrip.viaModelSerializer(g), in);
        ComputationGraph json = RoundTrip.viaJson(g);
        RoundTrip.assertSameOutput(g, json, in);
        assertEquals(g.getConfiguration().getVertices().get("rnn"), json.getConfiguration().getVertices().get("rnn"));
        VanillaRnnVertex v = (VanillaRnnVertex) g.getConfiguration().getVertices().get("rnn");
        assertEquals(v, v.clone());
        assertEquals(v.hashCode(), v.clone().hashCode());
    }

    @Test
    void floatForwardAndBackwardRun() {
        Nd4j.getRandom().setSeed(10);
        ComputationGraph g = RnnGraphs.withLoss(RNNFormat.NCW, new Adam(1e-2), WorkspaceMode.ENABLED, DataType.FLOAT);
        INDArray mask = RnnGraphs.paddingMask(4, 5, DataType.FLOAT);
        MultiDataSet ds = new MultiDataSet(
                new INDArray[] {RnnGraphs.features(4, DataType.FLOAT), RnnGraphs.sequence(4, 5, RNNFormat.NCW,
                        DataType.FLOAT)},
                new INDArray[] {RnnGraphs.labels(4, 5, RNNFormat.NCW, DataType.FLOAT)}, new INDArray[] {null, mask},
                new INDArray[] {mask});
        double before = g.score(ds);
        for (int i = 0; i < 30; i++) {
            g.fit(ds);
        }
        double after = g.score(ds);
        assertEquals(DataType.FLOAT, g.output(false, ds.getFeatures())[0].dataType());
        assertTrue(after < before, "FLOAT training lowers the loss: " + before + " -> " + after);
    }

    @Test
    void builderRejectsBadSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VanillaRnnVertex.builder().nIn(4).build());
        assertTrue(e.getMessage().contains("nOut = 0") && e.getMessage().contains("hidden size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VanillaRnnVertex.builder().nIn(-1).nOut(3).build());
    }

    @Test
    void anH0OfAnotherWidthIsRejectedWhenTheGraphIsBuilt() {
        Exception e = assertThrows(Exception.class, () -> new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("x", "h0").setInputTypes(InputType.recurrent(4), InputType.feedForward(7))
                .addVertex("rnn", VanillaRnnVertex.builder().nIn(4).nOut(5).build(), "x", "h0").setOutputs("rnn")
                .build());
        // DL4J does not tell a vertex configuration its name before the graph is instantiated
        assertTrue(e.getMessage().contains("VanillaRnnVertex") && e.getMessage().contains("h0")
                && e.getMessage().contains("nOut = 5") && e.getMessage().contains("7"), e.getMessage());
    }

    @Test
    void badInputsAtRunTimeNameTheVertexAndTheSizes() {
        ComputationGraph g = RnnGraphs.bare(4, 5, RNNFormat.NCW, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
        Exception h0 = assertThrows(Exception.class, () -> g.outputSingle(x, Nd4j.rand(DataType.DOUBLE, 2, 6)));
        assertTrue(rootMessage(h0).contains("'rnn'") && rootMessage(h0).contains("[2, 5]")
                && rootMessage(h0).contains("[2, 6]"), rootMessage(h0));
        Exception d = assertThrows(Exception.class, () -> g.outputSingle(Nd4j.rand(DataType.DOUBLE, 2, 3, 3),
                Nd4j.rand(DataType.DOUBLE, 2, 5)));
        assertTrue(rootMessage(d).contains("D = nIn = 4"), rootMessage(d));
        g.setLayerMaskArrays(new INDArray[] {Nd4j.ones(DataType.DOUBLE, 2, 4), null}, null);
        Exception m = assertThrows(Exception.class, () -> g.feedForward(new INDArray[] {x,
                Nd4j.rand(DataType.DOUBLE, 2, 5)}, false));
        assertTrue(rootMessage(m).contains("mask") && rootMessage(m).contains("[2, 3]")
                && rootMessage(m).contains("[2, 4]"), rootMessage(m));
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage());
    }
}
