package dev.cs231n.layers.core;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

/** DenseMergeVertex against MergeVertex + DenseLayer, and its own round trips. */
class DenseMergeVertexTest {

    private static final double EXACT = 1e-12;

    @ParameterizedTest
    @EnumSource(value = WorkspaceMode.class, names = {"ENABLED", "NONE"})
    void matchesMergeVertexPlusDenseLayerToMachinePrecision(WorkspaceMode ws) {
        Nd4j.getRandom().setSeed(11);
        ComputationGraph ref = Graphs.builtIn(new Sgd(0.1), ws, DataType.DOUBLE);
        ComputationGraph sd = Graphs.withVertex(new Sgd(0.1), ws, DataType.DOUBLE);
        Graphs.copyParams(ref, sd);
        INDArray[] x = Graphs.inputs(5, DataType.DOUBLE);
        INDArray[] y = Graphs.labels(5, DataType.DOUBLE);

        assertClose("output", ref.outputSingle(x), sd.outputSingle(x), EXACT);

        ref.setInputs(x);
        ref.setLabels(y);
        ref.computeGradientAndScore();
        sd.setInputs(x);
        sd.setLabels(y);
        sd.computeGradientAndScore();
        Gradient gr = ref.gradient();
        Gradient gs = sd.gradient();
        // "pre" sits below the vertex: its gradients carry the vertex's gradient with respect to input a.
        for (String k : new String[] {"pre_W", "pre_b", "out_W", "out_b"}) {
            assertClose(k, gr.getGradientFor(k), gs.getGradientFor(k), EXACT);
        }
        INDArray dW = gr.getGradientFor("dense_W");
        assertClose("dWa", dW.get(NDArrayIndex.interval(0, Graphs.N_A), NDArrayIndex.all()),
                gs.getGradientFor("dm_" + DenseMergeVertex.WEIGHT_A_KEY), EXACT);
        assertClose("dWb", dW.get(NDArrayIndex.interval(Graphs.N_A, Graphs.N_A + Graphs.N_B), NDArrayIndex.all()),
                gs.getGradientFor("dm_" + DenseMergeVertex.WEIGHT_B_KEY), EXACT);
        assertClose("dbias", gr.getGradientFor("dense_b"), gs.getGradientFor("dm_" + DenseMergeVertex.BIAS_KEY),
                EXACT);

        for (int step = 0; step < 3; step++) {
            ref.fit(x, y);
            sd.fit(x, y);
        }
        assertClose("pre_W after 3 SGD steps", ref.getParam("pre_W"), sd.getParam("pre_W"), EXACT);
        assertClose("Wa after 3 SGD steps",
                ref.getParam("dense_W").get(NDArrayIndex.interval(0, Graphs.N_A), NDArrayIndex.all()),
                sd.getVertex("dm").paramTable(false).get(DenseMergeVertex.WEIGHT_A_KEY), EXACT);
        assertClose("output after 3 SGD steps", ref.outputSingle(x), sd.outputSingle(x), EXACT);
    }

    @Test
    void floatForwardAndBackwardRun() {
        ComputationGraph sd = Graphs.withVertex(new Sgd(0.1), WorkspaceMode.ENABLED, DataType.FLOAT);
        INDArray[] x = Graphs.inputs(4, DataType.FLOAT);
        double before = sd.score(new org.nd4j.linalg.dataset.MultiDataSet(x, Graphs.labels(4, DataType.FLOAT)));
        for (int i = 0; i < 20; i++) {
            sd.fit(x, Graphs.labels(4, DataType.FLOAT));
        }
        double after = sd.score(new org.nd4j.linalg.dataset.MultiDataSet(x, Graphs.labels(4, DataType.FLOAT)));
        assertEquals(DataType.FLOAT, sd.outputSingle(x).dataType());
        assertTrue(after < before, "FLOAT training lowers the loss: " + before + " -> " + after);
    }

    @Test
    void roundTripsGiveIdenticalOutputs() {
        ComputationGraph sd = Graphs.withVertex(new Sgd(0.1), WorkspaceMode.ENABLED, DataType.DOUBLE);
        INDArray[] x = Graphs.inputs(3, DataType.DOUBLE);
        sd.fit(x, Graphs.labels(3, DataType.DOUBLE));
        RoundTrip.assertSameOutput(sd, RoundTrip.viaModelSerializer(sd), x);
        ComputationGraph json = RoundTrip.viaJson(sd);
        RoundTrip.assertSameOutput(sd, json, x);
        assertEquals(sd.getConfiguration().getVertices().get("dm"), json.getConfiguration().getVertices().get("dm"));
    }

    @Test
    void cloneIsEqualButIndependent() {
        DenseMergeVertex v = DenseMergeVertex.builder().nInA(2).nInB(3).nOut(4).build();
        DenseMergeVertex c = (DenseMergeVertex) v.clone();
        assertEquals(v, c);
        assertEquals(v.hashCode(), c.hashCode());
        assertNotSame(v, c);
        c.setNOut(5);
        assertEquals(4, v.getNOut());
    }

    @Test
    void validatesSizesAndInputTypes() {
        IllegalArgumentException noOut = assertThrows(IllegalArgumentException.class,
                () -> DenseMergeVertex.builder().nInA(2).build());
        assertTrue(noOut.getMessage().contains("nOut"), noOut.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> DenseMergeVertex.builder().nInB(-2).nOut(3).build());
        assertTrue(negative.getMessage().contains("nInB"), negative.getMessage());
        DenseMergeVertex v = DenseMergeVertex.builder().nInA(2).nInB(3).nOut(4).build();
        assertEquals(InputType.feedForward(4), v.getOutputType(0, InputType.feedForward(2), InputType.feedForward(3)));
        InvalidInputTypeException bad = assertThrows(InvalidInputTypeException.class,
                () -> v.getOutputType(0, InputType.feedForward(2), InputType.feedForward(5)));
        assertTrue(bad.getMessage().contains("input 1"), bad.getMessage());
        assertTrue(bad.getMessage().contains("nInB = 3") && bad.getMessage().contains("size 5"), bad.getMessage());
        InvalidInputTypeException rnn = assertThrows(InvalidInputTypeException.class,
                () -> v.getOutputType(0, InputType.feedForward(2), InputType.recurrent(3)));
        assertTrue(rnn.getMessage().contains("feed-forward"), rnn.getMessage());
    }
}
