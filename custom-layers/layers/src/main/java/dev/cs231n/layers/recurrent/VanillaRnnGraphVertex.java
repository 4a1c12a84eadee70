package dev.cs231n.layers.recurrent;

import dev.cs231n.layers.samediff.CorrectedSameDiffGraphVertex;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link VanillaRnnVertex}, with two implementations of the same recurrence:
 * <ul>
 * <li>the <b>fast path</b> (default): {@link VanillaRnnKernels}, forward and closed-form backpropagation through time
 * in a few ND4J calls per time step;</li>
 * <li>the <b>reference</b>: the vertex's SameDiff definition ({@link VanillaRnnVertex#defineVertex}) on the corrected
 * SameDiff vertex, unrolled over the sequence length (rebuilt when a sequence of another length arrives). Tests hold
 * the fast path to it (1e-12 in DOUBLE); {@link #setReference(boolean)} selects it.</li>
 * </ul>
 * Both see NCW: NWC sequences are transposed on the way in (and the output and the sequence's gradient back); the
 * sequence mask is checked against the sequence. The fast path keeps what its backward pass needs from a training
 * forward pass in the activations workspace (which DL4J keeps open until the backward pass is done); a backward pass
 * for inputs other than the last training forward pass's, or after that workspace was closed, recomputes the forward
 * pass first.
 */
public class VanillaRnnGraphVertex extends CorrectedSameDiffGraphVertex {

    private static final long serialVersionUID = 1L;

    private final VanillaRnnVertex rnn;
    private long builtLength = -1;
    private boolean reference;
    private transient VanillaRnnKernels.Cache cache;

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

    /**
     * Selects the implementation (a run-time choice, not part of the configuration).
     *
     * @param reference true for the SameDiff reference, false (default) for the fast path
     */
    public void setReference(boolean reference) {
        this.reference = reference;
        this.cache = null;
    }

    /** @return true if this vertex runs the SameDiff reference instead of the fast path */
    public boolean isReference() {
        return reference;
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
        rnn.validateMask(mask(), inputs[0].size(0), t);
        if (sameDiff != null && t != builtLength) {
            // the unrolled graph has another length: the superclass builds it again
            sameDiff = null;
        }
        builtLength = t;
    }

    private INDArray mask() {
        return maskArrays == null ? null : maskArrays[0];
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        prepare();
        if (reference) {
            INDArray out = super.doForward(training, workspaceMgr);
            return nwc() ? workspaceMgr.dup(ArrayType.ACTIVATIONS, out.permute(0, 2, 1), 'c') : out;
        }
        cache = null;
        VanillaRnnKernels.Cache c = forward(workspaceMgr, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM);
        if (training) {
            cache = c;
        }
        // time-major [T, N, H] to NCW [N, H, T] or NWC [N, T, H]
        INDArray out = nwc() ? c.out.permute(1, 0, 2) : c.out.permute(1, 2, 0);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, out, 'c');
    }

    private VanillaRnnKernels.Cache forward(LayerWorkspaceMgr workspaceMgr, ArrayType where) {
        return VanillaRnnKernels.forward(inputs[0], inputs[1], mask(), paramTable.get(VanillaRnnVertex.WX_KEY),
                paramTable.get(VanillaRnnVertex.WH_KEY), paramTable.get(VanillaRnnVertex.B_KEY),
                (dt, shape) -> workspaceMgr.createUninitialized(where, dt, shape));
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        prepare();
        if (reference) {
            Pair<Gradient, INDArray[]> ret = super.doBackward(tbptt, workspaceMgr);
            if (nwc()) {
                INDArray[] d = ret.getSecond();
                d[0] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, d[0].permute(0, 2, 1), 'c');
            }
            return ret;
        }
        VanillaRnnKernels.Cache c = cache;
        if (c == null || !c.isFor(inputs[0], inputs[1], mask()) || !usable(c)) {
            c = forward(workspaceMgr, ArrayType.BP_WORKING_MEM);
        }
        cache = null;
        VanillaRnnKernels.Grads g = VanillaRnnKernels.backward(c, epsilon, paramTable.get(VanillaRnnVertex.WX_KEY),
                paramTable.get(VanillaRnnVertex.WH_KEY),
                (dt, shape) -> workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dt, shape));
        Gradient grad = new DefaultGradient();
        put(grad, VanillaRnnVertex.WX_KEY, g.dWx);
        put(grad, VanillaRnnVertex.WH_KEY, g.dWh);
        put(grad, VanillaRnnVertex.B_KEY, g.db);
        INDArray dx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, nwc() ? g.dx.permute(0, 2, 1) : g.dx, 'c');
        INDArray dh0 = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, g.dh0, 'c');
        return new Pair<>(grad, new INDArray[] {dx, dh0});
    }

    private void put(Gradient grad, String key, INDArray value) {
        INDArray view = gradTable.get(key);
        view.assign(value.reshape(view.shape()));
        grad.gradientForVariable().put(key, view);
    }

    /** @return false if an array of the cache lives in a workspace that was closed or reopened since */
    private static boolean usable(VanillaRnnKernels.Cache c) {
        for (INDArray a : new INDArray[] {c.xTm, c.c, c.hAll, c.mTm, c.out}) {
            if (a != null && a.isAttached()) {
                MemoryWorkspace ws = a.data().getParentWorkspace();
                if (ws == null || !ws.isScopeActive() || ws.getGenerationId() != a.data().getGenerationId()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void clearVertex() {
        super.clearVertex();
        cache = null;
    }
}
