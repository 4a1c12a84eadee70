package dev.cs231n.layers.compat;

import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the generator and the test do alike to a MultiLayerNetwork or ComputationGraph: outputs in inference or
 * training mode, and fit steps, with inputs and labels as lists (one entry per network input; MultiLayerNetworks
 * have one).
 */
final class CompatNets {

    private CompatNets() {
    }

    /**
     * @param net      a MultiLayerNetwork or ComputationGraph
     * @param inputs   its inputs
     * @param training training-mode forward pass (dropout masks, batch statistics) or inference
     * @return the outputs, detached copies
     */
    static List<INDArray> output(Model net, List<INDArray> inputs, boolean training) {
        if (net instanceof MultiLayerNetwork m) {
            return List.of(m.output(inputs.get(0), training).dup());
        }
        INDArray[] out = ((ComputationGraph) net).output(training, inputs.toArray(new INDArray[0]));
        return java.util.Arrays.stream(out).map(INDArray::dup).toList();
    }

    /**
     * One fit step on one minibatch.
     *
     * @param net    a MultiLayerNetwork or ComputationGraph
     * @param inputs its inputs
     * @param labels the labels of its (single) output
     */
    static void fit(Model net, List<INDArray> inputs, INDArray labels) {
        if (net instanceof MultiLayerNetwork m) {
            m.fit(inputs.get(0), labels);
        } else {
            ((ComputationGraph) net).fit(inputs.toArray(new INDArray[0]), new INDArray[] {labels});
        }
    }
}
