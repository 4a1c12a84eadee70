package dev.cs231n.layers.samediff;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link CorrectedSameDiffVertex}: DL4J's SameDiff graph vertex whose backward pass is
 * multiplied by {@link GradientScale#factor()}.
 */
public class CorrectedSameDiffGraphVertex extends SameDiffGraphVertex {

    private static final long serialVersionUID = 1L;

    /**
     * @param config      the vertex configuration
     * @param graph       the graph it belongs to
     * @param name        its name in the graph
     * @param vertexIndex its index in the graph
     * @param paramsView  its view of the graph's flattened parameters
     * @param initParams  whether to initialise the parameters
     * @param dataType    the network's data type
     */
    public CorrectedSameDiffGraphVertex(SameDiffVertex config, ComputationGraph graph, String name,
            int vertexIndex, INDArray paramsView, boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray[]> ret = super.doBackward(tbptt, workspaceMgr);
        double f = GradientScale.factor();
        if (f != 1.0) {
            for (INDArray g : ret.getFirst().gradientForVariable().values()) {
                g.muli(f);
            }
            INDArray[] dIn = ret.getSecond();
            for (int i = 0; i < dIn.length; i++) {
                // The superclass may hand back the incoming epsilon itself, or one array for two inputs:
                // scale a copy, never an array someone else holds.
                dIn[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dIn[i]).muli(f);
            }
        }
        return ret;
    }
}
