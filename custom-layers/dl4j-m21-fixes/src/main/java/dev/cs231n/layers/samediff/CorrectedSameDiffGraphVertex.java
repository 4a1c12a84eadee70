package dev.cs231n.layers.samediff;

import java.util.List;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime side of {@link CorrectedSameDiffVertex}: DL4J's SameDiff graph vertex whose backward pass is
 * multiplied by {@link GradientScale#factor()}, and whose gradient function is built outside every workspace.
 *
 * <p>The second correction: DL4J M2.1's {@code SameDiffGraphVertex.doBackward} builds the vertex's gradient function
 * ({@code createGradFunction}) on the first backward pass <em>inside</em> the network's backprop working-memory
 * workspace (its comment says "create when scoped out", its code does not scope out; DL4J's SameDiff layer does).
 * Building that function copies the forward ops, and a copied scalar op ({@code x.rsub(1.0)}, {@code x.mul(2.0)},
 * ...) allocates its scalar in that workspace. The first backward pass is right; the workspace is then reset, and
 * every later pass reads whatever the network has since written there as the scalar: wrong gradients with a right
 * forward pass, garbage after a change of minibatch size, and nothing wrong with workspaces off. Graphs without
 * scalar ops (a dense merge) do not show it. {@link #doBackward} therefore builds the graph and its gradient function
 * scoped out of workspaces before DL4J's backward pass runs ({@code GradientFunctionWorkspaceTest}).
 *
 * <p>The third: DL4J's SameDiff graph vertex keeps the last masks it was given, and a ComputationGraph clears the
 * masks of its layers but never those of its vertices: a pass without masks after a masked one used the stale masks
 * (silently when they broadcast, an op failure when the minibatch size changed). {@link #clear()}, which the graph
 * calls when a pass is done, drops them too.
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
        ensureGradientFunction();
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

    @Override
    public void clear() {
        super.clear();
        maskArrays = null;
    }

    /**
     * Builds the vertex's graph (if the forward pass has not) and its gradient function outside every workspace, so
     * that no array the gradient function keeps lives in memory the network reuses. DL4J's {@code doBackward} then
     * finds the function and does not build it in its working-memory workspace.
     */
    protected void ensureGradientFunction() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (sameDiff == null) {
                doInit();
            }
            if (!sameDiff.hasGradientFunction()) {
                List<String> inputs = config.getVertexParams().getInputs();
                sameDiff.createGradFunction(inputs.toArray(new String[0]));
            }
        }
    }
}
