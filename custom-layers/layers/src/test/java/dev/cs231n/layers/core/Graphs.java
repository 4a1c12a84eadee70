package dev.cs231n.layers.core;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Graphs around {@link DenseMergeVertex}: inputs {@code a: [N, 3]} (through a dense layer "pre", so that the
 * vertex's input gradient shows in pre's parameter gradients) and {@code b: [N, 2]}, merged to 4 units, then a
 * softmax output over 2 classes.
 */
final class Graphs {

    static final int N_A = 3;
    static final int N_B = 2;
    static final int N_OUT = 4;

    private Graphs() {
    }

    private static ComputationGraphConfiguration.GraphBuilder base(IUpdater updater, WorkspaceMode ws,
            DataType dtype) {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(dtype).updater(updater)
                .trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).graphBuilder().addInputs("a", "b")
                .setInputTypes(InputType.feedForward(N_A), InputType.feedForward(N_B))
                .addLayer("pre", new DenseLayer.Builder().nIn(N_A).nOut(N_A).activation(Activation.TANH).build(), "a");
    }

    private static ComputationGraph init(ComputationGraphConfiguration.GraphBuilder b, String last) {
        ComputationGraph g = new ComputationGraph(b
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(N_OUT).nOut(2).build(), last)
                .setOutputs("out").build());
        g.init();
        return g;
    }

    /** @return the graph with {@link DenseMergeVertex} named "dm" */
    static ComputationGraph withVertex(IUpdater updater, WorkspaceMode ws, DataType dtype) {
        return init(base(updater, ws, dtype).addVertex("dm", DenseMergeVertex.builder().nInA(N_A).nInB(N_B)
                .nOut(N_OUT).activation(Activation.TANH).build(), "pre", "b"), "dm");
    }

    /** @return the built-in equivalent: MergeVertex "merge" then DenseLayer "dense" */
    static ComputationGraph builtIn(IUpdater updater, WorkspaceMode ws, DataType dtype) {
        return init(base(updater, ws, dtype).addVertex("merge", new MergeVertex(), "pre", "b")
                .addLayer("dense", new DenseLayer.Builder().nIn(N_A + N_B).nOut(N_OUT)
                        .activation(Activation.TANH).build(), "merge"), "dense");
    }

    /**
     * Copies the built-in graph's parameters into the vertex graph: {@code W = [Wa; Wb]}.
     *
     * @param from the built-in graph
     * @param to   the vertex graph
     */
    static void copyParams(ComputationGraph from, ComputationGraph to) {
        for (String layer : new String[] {"pre", "out"}) {
            to.getLayer(layer).paramTable().forEach((k, v) -> v.assign(from.getLayer(layer).getParam(k)));
        }
        INDArray w = from.getLayer("dense").getParam("W");
        to.getVertex("dm").paramTable(false).get(DenseMergeVertex.WEIGHT_A_KEY)
                .assign(w.get(NDArrayIndex.interval(0, N_A), NDArrayIndex.all()));
        to.getVertex("dm").paramTable(false).get(DenseMergeVertex.WEIGHT_B_KEY)
                .assign(w.get(NDArrayIndex.interval(N_A, N_A + N_B), NDArrayIndex.all()));
        to.getVertex("dm").paramTable(false).get(DenseMergeVertex.BIAS_KEY)
                .assign(from.getLayer("dense").getParam("b"));
    }

    /**
     * @param n     minibatch size
     * @param dtype data type
     * @return inputs a, b
     */
    static INDArray[] inputs(int n, DataType dtype) {
        return new INDArray[] {Nd4j.rand(dtype, n, N_A).subi(0.5), Nd4j.rand(dtype, n, N_B).subi(0.5)};
    }

    /**
     * @param n     minibatch size
     * @param dtype data type
     * @return one-hot labels over 2 classes
     */
    static INDArray[] labels(int n, DataType dtype) {
        return new INDArray[] {SameDiffDenseTest.labels(n, dtype)};
    }
}
