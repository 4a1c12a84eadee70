package dev.cs231n.layers.samediff;

import dev.cs231n.m21.M21Fixes;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base class of every SameDiff graph-vertex configuration of this library: a DL4J {@link SameDiffVertex}
 * whose backward pass is exact on every DL4J release (see {@link GradientScale}). {@link #instantiate}
 * builds a {@link CorrectedSameDiffGraphVertex}.
 *
 * <p>A vertex whose output is one of its inputs unchanged (an identity) is not supported: DL4J passes the
 * upstream gradient through such a vertex without the doubling this class corrects.
 */
public abstract class CorrectedSameDiffVertex extends SameDiffVertex {

    private static final long serialVersionUID = 1L;

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        M21Fixes.filterSameDiffStdout();
        setName(name);
        return new CorrectedSameDiffGraphVertex(this, graph, name, idx, paramsView, initializeParams,
                networkDatatype);
    }
}
