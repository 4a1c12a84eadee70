package dev.cs231n.layers.recurrent;

import dev.cs231n.layers.samediff.CorrectedSameDiffGraphVertex;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link VanillaRnnVertex}: the corrected SameDiff vertex, plus what the unrolled recurrence
 * needs. Its graph is built for one sequence length and rebuilt when a sequence of another length arrives; NWC
 * sequences are transposed to NCW on the way in (and the output and the sequence's gradient back), so that the graph
 * only knows NCW; the sequence mask is checked against the sequence.
 */
public class VanillaRnnGraphVertex extends CorrectedSameDiffGraphVertex {

    private static final long serialVersionUID = 1L;

    private final VanillaRnnVertex rnn;
    private long builtLength = -1;

    /**
     * @param config      the vertex configuration
     * @param graph       the graph it belongs to
     * @param name        its name in the graph
     * @param vertexIndex its index in the graph
     * @param paramsView  its view of the graph's flattened parameters
     * @param initParams  whether to initialise the parameters
     * @param dataType    the network's data type
     */
    public VanillaRnnGraphVertex(VanillaRnnVertex config, ComputationGraph graph, String name, int vertexIndex,
            INDArray paramsView, boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
        this.rnn = config;
    }

    private boolean nwc() {
        return rnn.getRnnDataFormat() == RNNFormat.NWC;
    }

    @Override
    public void setInput(int inputNumber, INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(inputNumber, inputNumber == 0 && nwc() && input.rank() == 3 ? input.permute(0, 2, 1) : input,
                workspaceMgr);
    }

    @Override
    public void setEpsilon(INDArray epsilon) {
        super.setEpsilon(nwc() && epsilon != null && epsilon.rank() == 3 ? epsilon.permute(0, 2, 1) : epsilon);
    }

    private void prepare() {
        rnn.validateInput(inputs);
        long t = inputs[0].size(2);
        rnn.validateMask(maskArrays == null ? null : maskArrays[0], inputs[0].size(0), t);
        if (sameDiff != null && t != builtLength) {
            // the unrolled graph has another length: the superclass builds it again
            sameDiff = null;
        }
        builtLength = t;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        prepare();
        INDArray out = super.doForward(training, workspaceMgr);
        return nwc() ? workspaceMgr.dup(ArrayType.ACTIVATIONS, out.permute(0, 2, 1), 'c') : out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        prepare();
        Pair<Gradient, INDArray[]> ret = super.doBackward(tbptt, workspaceMgr);
        if (nwc()) {
            INDArray[] d = ret.getSecond();
            d[0] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, d[0].permute(0, 2, 1), 'c');
        }
        return ret;
    }
}
