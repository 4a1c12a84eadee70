package dev.cs231n.layers.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cs231n.layers.dropout.DropoutMasks;
import dev.cs231n.layers.samediff.GradientScale;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.DL4JSameDiffMemoryMgr;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.util.SameDiffUtils;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of a {@link SequenceVertex}: DL4J's SameDiff graph vertex with three differences.
 * <ul>
 * <li>Input placeholders fix no dimension of a sequence (DL4J fixes all but the first from the first minibatch), so
 * one vertex takes any sequence lengths; each input {@code x} has a mask placeholder {@code x_mask: [N, T]}, fed
 * with the input's DL4J mask or ones.</li>
 * <li>Every pass feeds the configuration's extra placeholders ({@link PassPlaceholders}); a training pass and its
 * backward pass use the same dropout seed (network seed, vertex index, iteration, epoch).</li>
 * <li>The backward pass is multiplied by {@link GradientScale#factor()}, exact where DL4J M2.1 doubles it.</li>
 * </ul>
 * Memory is managed as in DL4J's SameDiff vertex: working arrays in the working-memory workspaces, the output and
 * input gradients in the activation (gradient) workspaces.
 */
public class SequenceVertexImpl extends SameDiffGraphVertex {

    private static final long serialVersionUID = 1L;
    /** Suffix of an input's mask placeholder. */
    public static final String MASK_SUFFIX = "_mask";

    private final SequenceVertex sequenceConfig;
    private transient DropoutMasks dropout;
    private INDArray[] currentMasks;
    private boolean trainingForward = true;

    /**
     * @param config      the vertex configuration
     * @param graph       the graph it belongs to
     * @param name        its name in the graph
     * @param vertexIndex its index in the graph
     * @param paramsView  its view of the graph's flattened parameters
     * @param initParams  whether to initialise the parameters
     * @param dataType    the network's data type
     */
    public SequenceVertexImpl(SequenceVertex config, ComputationGraph graph, String name, int vertexIndex,
            INDArray paramsView, boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
        this.sequenceConfig = config;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        this.currentMasks = maskArrays;
        return sequenceConfig.feedForwardMaskArrays(maskArrays, currentMaskState, minibatchSize);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        ensureGraph();
        trainingForward = training;
        sequenceConfig.validateInput(inputs);
        String wsOutput = workspaceMgr.getWorkspaceName(ArrayType.ACTIVATIONS);
        boolean scopedOut = workspaceMgr.isScopedOut(ArrayType.ACTIVATIONS);
        Preconditions.checkState(scopedOut || wsOutput != null, "Activations must have a workspace or be scoped out");
        InferenceSession session = sameDiff.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> SameDiff.getInferenceFactory().create(sameDiff));
        session.setMmgr(new DL4JSameDiffMemoryMgr(workspaceMgr.getWorkspaceName(ArrayType.FF_WORKING_MEM), wsOutput,
                workspaceMgr.getConfiguration(ArrayType.FF_WORKING_MEM),
                workspaceMgr.getConfiguration(ArrayType.ACTIVATIONS)));
        INDArray result = sameDiff.outputSingle(placeholders(training), outputKey);
        if (!scopedOut && (!result.isAttached() || !wsOutput.equals(result.data().getParentWorkspace().getId()))) {
            result = workspaceMgr.dup(ArrayType.ACTIVATIONS, result);
        } else if (scopedOut && result.isAttached()) {
            result = result.detach();
        }
        sameDiff.clearPlaceholders(true);
        sameDiff.clearOpInputs();
        return result;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        List<String> names = sequenceConfig.inputNames();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            ensureGraph();
            if (!sameDiff.hasGradientFunction()) {
                sameDiff.createGradFunction(names.toArray(new String[0]));
            }
        }
        sequenceConfig.validateInput(inputs);
        SameDiff grad = sameDiff.getFunction("grad");
        InferenceSession session = grad.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> SameDiff.getInferenceFactory().create(grad));
        String wsActGrad = workspaceMgr.getWorkspaceName(ArrayType.ACTIVATION_GRAD);
        Preconditions.checkState(workspaceMgr.isScopedOut(ArrayType.ACTIVATION_GRAD) || wsActGrad != null,
                "Activation gradients must have a workspace or be scoped out");
        session.setMmgr(new DL4JSameDiffMemoryMgr(workspaceMgr.getWorkspaceName(ArrayType.BP_WORKING_MEM),
                wsActGrad, workspaceMgr.getConfiguration(ArrayType.BP_WORKING_MEM),
                workspaceMgr.getConfiguration(ArrayType.ACTIVATION_GRAD)));

        Map<String, INDArray> ph = placeholders(trainingForward);
        ph.put(fn.getGradPlaceholderName(), epsilon);
        List<String> required = new ArrayList<>(names);
        required.addAll(paramTable.keySet());
        Map<String, INDArray> m = sameDiff.calculateGradients(ph, required);

        double f = GradientScale.factor();
        Gradient g = new DefaultGradient();
        for (String k : paramTable.keySet()) {
            INDArray view = gradTable.get(k);
            INDArray sd = m.get(k);
            if (sd == null) {
                view.assign(0.0);
            } else {
                view.assign(sd);
                if (f != 1.0) {
                    view.muli(f);
                }
            }
            g.gradientForVariable().put(k, view);
        }
        INDArray[] dIn = new INDArray[names.size()];
        for (int i = 0; i < dIn.length; i++) {
            INDArray d = m.get(names.get(i));
            dIn[i] = d == null ? workspaceMgr.create(ArrayType.ACTIVATION_GRAD, inputs[i].dataType(), inputs[i].shape())
                    : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, d);
            if (f != 1.0) {
                dIn[i].muli(f);
            }
        }
        sameDiff.clearPlaceholders(true);
        sameDiff.clearOpInputs();
        return new Pair<>(g, dIn);
    }

    private Map<String, INDArray> placeholders(boolean training) {
        List<String> names = sequenceConfig.inputNames();
        INDArray[] masks = new INDArray[inputs.length];
        Map<String, INDArray> ph = new HashMap<>();
        // DL4J's ComputationGraph.clearLayerMaskArrays() clears the layers' masks and its own, never a vertex's: a
        // vertex's masks are current only while the graph has input masks (set for this pass)
        INDArray[] active = graph.getInputMaskArrays() == null ? null : currentMasks;
        for (int i = 0; i < inputs.length; i++) {
            masks[i] = active != null && i < active.length ? active[i] : null;
            ph.put(names.get(i), inputs[i]);
            ph.put(names.get(i) + MASK_SUFFIX, masks[i] != null ? masks[i].castTo(dataType)
                    : Nd4j.ones(dataType, inputs[i].size(0), sequenceConfig.lengthOf(i, inputs[i])));
        }
        if (dropout == null) {
            dropout = new DropoutMasks();
        }
        ComputationGraphConfiguration c = graph.getConfiguration();
        long seed = DropoutMasks.seed(c.getDefaultConfiguration().getSeed(), vertexIndex, c.getIterationCount(),
                c.getEpochCount());
        ph.putAll(sequenceConfig.placeholderValues(inputs, masks, training, seed, dropout, dataType));
        return ph;
    }

    private void ensureGraph() {
        if (sameDiff == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                doInit();
            }
        }
    }

    /** Builds the graph with free sequence dimensions and {@code [N, T]} mask placeholders. */
    @Override
    protected void doInit() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            sameDiff = SameDiff.create();
            sameDiff.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
            inputVars = new LinkedHashMap<>();
            Map<String, SDVariable> maskVars = new LinkedHashMap<>();
            int i = 0;
            for (String s : sequenceConfig.inputNames()) {
                long[] shape = new long[inputs[i].rank()];
                java.util.Arrays.fill(shape, -1);
                inputVars.put(s, sameDiff.placeHolder(s, dataType, shape));
                maskVars.put(s, sameDiff.placeHolder(s + MASK_SUFFIX, dataType, -1, -1));
                i++;
            }
            Map<String, SDVariable> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : sequenceConfig.getVertexParams().getParamShapes().entrySet()) {
                params.put(e.getKey(), sameDiff.var(e.getKey(), dataType, e.getValue()));
            }
            SDVariable out = sequenceConfig.defineVertex(sameDiff, inputVars, params, maskVars);
            Preconditions.checkNotNull(out, "Invalid output: vertex output is null");
            outputVar = out;
            for (Map.Entry<String, INDArray> e : paramTable.entrySet()) {
                sameDiff.associateArrayWithVariable(e.getValue(), sameDiff.getVariable(e.getKey()));
            }
            fn = SameDiffUtils.externalErrors(sameDiff, null, out);
            fn.outputVariable();
            outputKey = outputVar.name();
        }
    }
}
