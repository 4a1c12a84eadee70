package dev.cs231n.layers.globalconfig;

import static dev.cs231n.layers.globalconfig.GlobalConfigNets.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cs231n.layers.core.DenseMergeVertex;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DenseMergeVertex takes the network builder's activation and weight initialisation as DL4J's DenseLayer does. */
class DenseMergeVertexGlobalConfigTest {

    static ComputationGraphConfiguration graph(NeuralNetConfiguration.Builder global, DenseMergeVertex v) {
        return global.seed(12345).dataType(DataType.DOUBLE).graphBuilder().addInputs("a", "b")
                .setInputTypes(InputType.feedForward(3), InputType.feedForward(2))
                .addVertex("dm", v, "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(2).build(), "dm")
                .setOutputs("out").build();
    }

    static DenseMergeVertex dm(ComputationGraphConfiguration c) {
        return (DenseMergeVertex) c.getVertices().get("dm");
    }

    @Test
    void takesTheGlobalActivationAndWeightInitUnlessItSetsItsOwn() {
        DenseMergeVertex global = dm(graph(new NeuralNetConfiguration.Builder().activation(Activation.RELU)
                .weightInit(WeightInit.ONES), DenseMergeVertex.builder().nOut(4).build()));
        assertEquals(Activation.RELU, global.getActivation());
        assertEquals(WeightInit.ONES, global.getWeightInit());
        DenseMergeVertex own = dm(graph(new NeuralNetConfiguration.Builder().activation(Activation.RELU)
                .weightInit(WeightInit.ONES), DenseMergeVertex.builder().nOut(4).activation(Activation.TANH)
                .weightInit(WeightInit.ZERO).build()));
        assertEquals(Activation.TANH, own.getActivation());
        assertEquals(WeightInit.ZERO, own.getWeightInit());
        DenseMergeVertex defaults = dm(graph(new NeuralNetConfiguration.Builder(),
                DenseMergeVertex.builder().nOut(4).build()));
        assertEquals(Activation.SIGMOID, defaults.getActivation(), "DL4J's default, as for DenseLayer");
        assertEquals(WeightInit.XAVIER, defaults.getWeightInit(), "DL4J's default, as for DenseLayer");

        ComputationGraph g = new ComputationGraph(graph(new NeuralNetConfiguration.Builder()
                .weightInit(WeightInit.ONES), DenseMergeVertex.builder().nOut(4).build()));
        g.init();
        assertEquals(1.0, g.getVertex("dm").paramTable(false).get(DenseMergeVertex.WEIGHT_A_KEY).minNumber()
                .doubleValue(), "initialised with the global ONES");
    }

    @Test
    void aStoredConfigurationKeepsItsValues() {
        ComputationGraphConfiguration c = graph(new NeuralNetConfiguration.Builder().activation(Activation.RELU)
                .weightInit(WeightInit.ONES), DenseMergeVertex.builder().nOut(4).build());
        DenseMergeVertex back = dm(ComputationGraphConfiguration.fromJson(c.toJson()));
        assertEquals(dm(c), back);
        DenseMergeVertex again = dm(graph(new NeuralNetConfiguration.Builder().activation(Activation.TANH)
                .weightInit(WeightInit.ZERO), (DenseMergeVertex) back.clone()));
        assertEquals(Activation.RELU, again.getActivation());
        assertEquals(WeightInit.ONES, again.getWeightInit());
    }

    @Test
    void globalSettingsItCannotStoreAreRejectedUnlessItSetsItsOwn() {
        assertRejected(() -> graph(new NeuralNetConfiguration.Builder().activation(new ActivationLReLU(0.2)),
                DenseMergeVertex.builder().nOut(4).build()), "DenseMergeVertex", ".activation(");
        assertRejected(() -> graph(new NeuralNetConfiguration.Builder().weightInit(new NormalDistribution(0, 0.1)),
                DenseMergeVertex.builder().nOut(4).build()), "DenseMergeVertex", ".weightInit(");
        assertRejected(() -> graph(new NeuralNetConfiguration.Builder().biasInit(1.0),
                DenseMergeVertex.builder().nOut(4).build()), "DenseMergeVertex", "biasInit(1.0)");
        DenseMergeVertex own = dm(graph(new NeuralNetConfiguration.Builder().activation(new ActivationLReLU(0.2))
                .weightInit(new NormalDistribution(0, 0.1)), DenseMergeVertex.builder().nOut(4)
                .activation(Activation.TANH).weightInit(WeightInit.XAVIER).build()));
        assertEquals(Activation.TANH, own.getActivation());
    }
}
