package dev.cs231n.layers.sequence;

import java.util.List;

import dev.cs231n.layers.samediff.CorrectedSameDiffVertex;
import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of this library's multi-input sequence vertices (SameDiff graph vertices over DL4J sequences): the runtime is
 * a {@link SequenceVertexImpl} (any sequence length, per-pass placeholders, exact gradients on every release). Its
 * output is a sequence aligned with its first input, so the first input's mask is the output mask.
 */
public abstract class SequenceVertex extends CorrectedSameDiffVertex implements PassPlaceholders {

    private static final long serialVersionUID = 1L;

    /** @return the names of the vertex inputs in its graph, in input order (defined in defineParametersAndInputs) */
    protected List<String> inputNames() {
        return getVertexParams().getInputs();
    }

    /**
     * @param input the index of an input
     * @param x     that input's array
     * @return its sequence length {@code T} (for its default mask of ones)
     */
    protected abstract long lengthOf(int input, INDArray x);

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new SequenceVertexImpl(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        INDArray first = maskArrays == null || maskArrays.length == 0 ? null : maskArrays[0];
        return new Pair<>(first, first == null ? null : currentMaskState);
    }

    /** A deep copy (configurations are serialisable values). */
    @Override
    public SequenceVertex clone() {
        return SerializationUtils.clone(this);
    }
}
