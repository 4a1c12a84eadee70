package dev.cs231n.layers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DenseMergeVertex's input sizes are inferred from the graph's input types like a layer's {@code nIn}; explicit sizes
 * keep working and are checked against the input types.
 */
class DenseMergeVertexInferenceTest {

    /** @return {@code (a[N, 3], b[N, 2]) -> vertex "dm" -> softmax(2)}, with or without input types */
    static ComputationGraphConfiguration graph(DenseMergeVertex vertex, boolean inputTypes) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(12345)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).graphBuilder().addInputs("a", "b")
                .addVertex("dm", vertex, "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(4).nOut(2).build(), "dm")
                .setOutputs("out");
        if (inputTypes) {
            b.setInputTypes(InputType.feedForward(3), InputType.feedForward(2));
        }
        return b.build();
    }

    static DenseMergeVertex dm(ComputationGraphConfiguration conf) {
        return (DenseMergeVertex) conf.getVertices().get("dm");
    }

    @Test
    void infersBothInputSizesFromTheInputTypes() {
        ComputationGraphConfiguration inferred = graph(DenseMergeVertex.builder().nOut(4).activation(Activation.TANH)
                .build(), true);
        assertEquals(3, dm(inferred).getNInA());
        assertEquals(2, dm(inferred).getNInB());
        assertArrayEquals(new long[] {3, 4}, dm(inferred).getVertexParams().getParamShapes()
                .get(DenseMergeVertex.WEIGHT_A_KEY));
        assertArrayEquals(new long[] {2, 4}, dm(inferred).getVertexParams().getParamShapes()
                .get(DenseMergeVertex.WEIGHT_B_KEY));
        String json = inferred.toJson();
        assertTrue(json.contains("\"ninA\" : 3") && json.contains("\"ninB\" : 2"), "the sizes are stored: " + json);

        ComputationGraphConfiguration explicit = graph(DenseMergeVertex.builder().nInA(3).nInB(2).nOut(4)
                .activation(Activation.TANH).build(), true);
        assertEquals(dm(explicit), dm(inferred), "the same configuration as with explicit sizes");
        assertEquals(dm(inferred), dm(ComputationGraphConfiguration.fromJson(json)), "JSON round trip");
        ComputationGraph a = new ComputationGraph(inferred);
        a.init();
        ComputationGraph b = new ComputationGraph(explicit);
        b.init();
        assertEquals(b.params(), a.params(), "same seed, same parameters");
        INDArray[] x = {Nd4j.rand(DataType.DOUBLE, 5, 3), Nd4j.rand(DataType.DOUBLE, 5, 2)};
        assertEquals(b.outputSingle(x), a.outputSingle(x));
    }

    @Test
    void infersTheUnsetSizeWhenOnlyOneIsGiven() {
        ComputationGraphConfiguration conf = graph(DenseMergeVertex.builder().nInA(3).nOut(4).build(), true);
        assertEquals(3, dm(conf).getNInA());
        assertEquals(2, dm(conf).getNInB());
    }

    @Test
    void anExplicitSizeThatDisagreesWithItsInputTypeFailsTheBuildNamingBothSizes() {
        InvalidInputTypeException e = assertThrows(InvalidInputTypeException.class,
                () -> graph(DenseMergeVertex.builder().nInA(4).nOut(4).build(), true));
        assertTrue(e.getMessage().contains("nInA = 4") && e.getMessage().contains("size 3")
                && e.getMessage().contains("nInA(3)"), e.getMessage());
    }

    @Test
    void unsetSizesWithoutInputTypesFailAtInitWithWhatToDo() {
        ComputationGraphConfiguration conf = graph(DenseMergeVertex.builder().nOut(4).build(), false);
        ComputationGraph g = new ComputationGraph(conf);
        IllegalStateException e = assertThrows(IllegalStateException.class, g::init);
        assertTrue(e.getMessage().contains("setInputTypes") && e.getMessage().contains("nInA(...)"), e.getMessage());

        ComputationGraph explicit = new ComputationGraph(graph(DenseMergeVertex.builder().nInA(3).nInB(2).nOut(4)
                .build(), false));
        explicit.init();
        assertEquals(3 * 4 + 2 * 4 + 4 + 4 * 2 + 2, explicit.params().length(), "explicit sizes need no input types");
    }
}
