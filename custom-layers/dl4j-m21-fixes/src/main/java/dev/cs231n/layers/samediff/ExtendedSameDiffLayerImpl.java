package dev.cs231n.layers.samediff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.DL4JSameDiffMemoryMgr;
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
 * A {@link CorrectedSameDiffLayerImpl} for layers that need more from their SameDiff graph than DL4J's SameDiff
 * layer offers, with the same exact (probed, {@link GradientScale}) backward pass:
 * <ul>
 * <li>extra placeholders fed on every forward and backward pass (e.g. a dropout mask), see
 * {@link #forward(Map, LayerWorkspaceMgr, String...)} and {@link #backward(INDArray, Map, LayerWorkspaceMgr)};</li>
 * <li>extra graph outputs fetched with the layer's output in one execution (e.g. batch statistics);</li>
 * <li>non-trainable parameters ({@link #nonTrainableParams()}, e.g. running statistics): parameters of the
 * network like any other (saved, restored, in {@code params()}), but not variables of the graph; their gradient is
 * exactly zero, so that with a {@code NoOp} updater the network's optimiser never moves them, no constraint touches
 * them ({@link #applyConstraints}), and the layer updates or uses them itself;</li>
 * <li>placeholder shapes that fix only dimension 1 (features or channels): {@code [-1, C]}, {@code [-1, C, -1, -1]},
 * so one layer accepts any minibatch size and any spatial size (DL4J fixes every dimension but the first from the
 * first input it sees); sequences (rank 3, NCW or NWC) fix no dimension, and their mask placeholder is DL4J's
 * {@code [N, T]}.</li>
 * </ul>
 * The default {@link #activate} and {@link #backpropGradient} use none of the extras (and apply the layer's
 * dropout to its input in training, as {@link CorrectedSameDiffLayerImpl} does); layer-specific subclasses override
 * them and call {@link #forward} and {@link #backward}. Memory is managed exactly as in DL4J's SameDiff
 * layer: working arrays in the layer's working-memory workspace, outputs in the activations (gradients) workspace.
 */
public class ExtendedSameDiffLayerImpl extends CorrectedSameDiffLayerImpl {

    private static final long serialVersionUID = 1L;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public ExtendedSameDiffLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Parameters that no gradient trains: their gradient is set to zero and never computed by the graph. The
     * configuration must give them a {@code NoOp} updater and no regularisation.
     *
     * @return the keys of the non-trainable parameters; none by default
     */
    protected Set<String> nonTrainableParams() {
        return Collections.emptySet();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        applyDropOutIfNecessary(training, workspaceMgr);
        return forward(Collections.emptyMap(), workspaceMgr).get(outputKey);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> ret = backward(epsilon, Collections.emptyMap(), workspaceMgr);
        ret.setSecond(backpropDropOut(ret.getSecond()));
        return ret;
    }

    /**
     * Applies the configured constraints, except to the {@link #nonTrainableParams()}: DL4J gives a global
     * {@code constrainBias(...)} (or {@code constrainAllParameters(...)}) to every bias parameter of a SameDiff
     * layer, and a constraint would otherwise clip, e.g., a running mean after every update.
     */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        Set<String> frozen = nonTrainableParams();
        if (frozen.isEmpty() || layerConf().getConstraints() == null || layerConf().getConstraints().isEmpty()) {
            super.applyConstraints(iteration, epoch);
            return;
        }
        Map<String, INDArray> saved = new HashMap<>();
        for (String k : frozen) {
            saved.put(k, paramTable.get(k).dup());
        }
        super.applyConstraints(iteration, epoch);
        saved.forEach((k, v) -> paramTable.get(k).assign(v));
    }

    /**
     * Runs the layer's graph once.
     *
     * @param extraPlaceholders values of the placeholders the configuration defined besides input and mask
     * @param workspaceMgr      the network's workspace manager
     * @param extraOutputs      names of further graph variables to return
     * @return the layer output under {@link #outputKey()} (in the activations workspace) and each extra output
     */
    protected Map<String, INDArray> forward(Map<String, INDArray> extraPlaceholders, LayerWorkspaceMgr workspaceMgr,
            String... extraOutputs) {
        assertInputSet(false);
        ensureGraph();
        layerConfig().validateInput(input);

        String wsOutput = workspaceMgr.getWorkspaceName(ArrayType.ACTIVATIONS);
        boolean outputScopedOut = workspaceMgr.isScopedOut(ArrayType.ACTIVATIONS);
        Preconditions.checkState(outputScopedOut || wsOutput != null,
                "Activations must have a workspace or must be scoped out");
        InferenceSession session = sameDiff.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> SameDiff.getInferenceFactory().create(sameDiff));
        session.setMmgr(new DL4JSameDiffMemoryMgr(workspaceMgr.getWorkspaceName(ArrayType.FF_WORKING_MEM), wsOutput,
                workspaceMgr.getConfiguration(ArrayType.FF_WORKING_MEM),
                workspaceMgr.getConfiguration(ArrayType.ACTIVATIONS)));

        String[] outputs = new String[extraOutputs.length + 1];
        outputs[0] = outputKey;
        System.arraycopy(extraOutputs, 0, outputs, 1, extraOutputs.length);
        Map<String, INDArray> out = new HashMap<>(sameDiff.output(placeholders(extraPlaceholders), outputs));

        INDArray result = out.get(outputKey);
        if (!outputScopedOut && (!result.isAttached()
                || !wsOutput.equals(result.data().getParentWorkspace().getId()))) {
            // e.g. an output that is a placeholder itself: it lives wherever its caller put it
            result = workspaceMgr.dup(ArrayType.ACTIVATIONS, result);
        } else if (outputScopedOut && result.isAttached()) {
            result = result.detach();
        }
        out.put(outputKey, result);

        // Clear placeholders and op inputs so that no out-of-scope array stays referenced
        sameDiff.clearPlaceholders(true);
        sameDiff.clearOpInputs();
        return out;
    }

    /**
     * Backpropagates through the layer's graph: gradients of the trainable parameters (scaled by
     * {@link GradientScale#factor()}) into the network's gradient views, zero for the non-trainable ones.
     *
     * @param epsilon           dL/dOutput
     * @param extraPlaceholders the same extra placeholder values as the forward pass
     * @param workspaceMgr      the network's workspace manager
     * @return the parameter gradients and dL/dInput (in the activation-gradients workspace)
     */
    protected Pair<Gradient, INDArray> backward(INDArray epsilon, Map<String, INDArray> extraPlaceholders,
            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            ensureGraph();
            if (!sameDiff.hasGradientFunction()) {
                sameDiff.createGradFunction(INPUT_KEY);
            }
        }
        SameDiff grad = sameDiff.getFunction("grad");
        InferenceSession session = grad.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> SameDiff.getInferenceFactory().create(grad));
        String wsActGrad = workspaceMgr.getWorkspaceName(ArrayType.ACTIVATION_GRAD);
        Preconditions.checkState(workspaceMgr.isScopedOut(ArrayType.ACTIVATION_GRAD) || wsActGrad != null,
                "Activation gradients must have a workspace or be scoped out");
        session.setMmgr(new DL4JSameDiffMemoryMgr(workspaceMgr.getWorkspaceName(ArrayType.BP_WORKING_MEM),
                wsActGrad, workspaceMgr.getConfiguration(ArrayType.BP_WORKING_MEM),
                workspaceMgr.getConfiguration(ArrayType.ACTIVATION_GRAD)));
        layerConfig().validateInput(input);

        Map<String, INDArray> ph = placeholders(extraPlaceholders);
        ph.put(fn.getGradPlaceholderName(), epsilon);
        Set<String> frozen = nonTrainableParams();
        List<String> required = new ArrayList<>();
        required.add(INPUT_KEY);
        for (String k : paramTable.keySet()) {
            if (!frozen.contains(k)) {
                required.add(k);
            }
        }
        Map<String, INDArray> m = sameDiff.calculateGradients(ph, required);

        double f = GradientScale.factor();
        Gradient g = new DefaultGradient();
        for (String k : paramTable.keySet()) {
            INDArray view = gradTable.get(k);
            if (frozen.contains(k)) {
                view.assign(0.0);
            } else {
                view.assign(m.get(k));
                if (f != 1.0) {
                    view.muli(f);
                }
            }
            g.setGradientFor(k, view);
        }
        INDArray dIn = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, m.get(INPUT_KEY));
        if (f != 1.0) {
            dIn.muli(f);
        }

        sameDiff.clearPlaceholders(true);
        sameDiff.clearOpInputs();
        return new Pair<>(g, dIn);
    }

    /** @return the name of the layer's output variable in its graph (known once the graph is built) */
    protected String outputKey() {
        return outputKey;
    }

    /**
     * Builds the graph as DL4J does, except that input placeholders fix only dimension 1 (features or channels) and
     * that the non-trainable parameters are not variables of the graph ({@code defineLayer} does not see them): a
     * variable that no op uses would break SameDiff's inference of the layer's loss (the external-errors output),
     * which requires a single terminal variable.
     */
    @Override
    protected void doInit() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer bl = layerConfig();
            sameDiff = SameDiff.create();
            // views of the network's parameters are associated below: single-threaded holders allow that
            sameDiff.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);

            long[] inputShape = new long[input.rank()];
            for (int i = 0; i < inputShape.length; i++) {
                // sequences [N, E, T] / [N, T, E]: every dimension free (any length, either layout)
                inputShape[i] = i == 1 && input.rank() != 3 ? input.size(1) : -1;
            }
            SDVariable inputVar = sameDiff.placeHolder(INPUT_KEY, dataType, inputShape);
            Set<String> frozen = nonTrainableParams();
            Map<String, SDVariable> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : bl.getLayerParams().getParamShapes().entrySet()) {
                if (!frozen.contains(e.getKey())) {
                    params.put(e.getKey(), sameDiff.var(e.getKey(), dataType, e.getValue()));
                }
            }
            // DL4J's sequence masks are [N, T], whatever the input's layout
            long[] maskShape = new long[inputShape.length == 3 ? 2 : inputShape.length];
            Arrays.fill(maskShape, -1);
            SDVariable mask = sameDiff.placeHolder(MASK_KEY, dataType, maskShape);

            SDVariable layerOutput = bl.defineLayer(sameDiff, inputVar, params, mask);
            Preconditions.checkNotNull(layerOutput, "Invalid output: layer output is null");
            outputVar = layerOutput;
            for (String k : params.keySet()) {
                sameDiff.associateArrayWithVariable(paramTable.get(k), sameDiff.getVariable(k));
            }
            fn = SameDiffUtils.externalErrors(sameDiff, null, layerOutput);
            fn.outputVariable();
            outputKey = outputVar.name();
        }
    }

    private void ensureGraph() {
        if (sameDiff == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                doInit();
            }
        }
    }

    private Map<String, INDArray> placeholders(Map<String, INDArray> extra) {
        Map<String, INDArray> ph = new HashMap<>(extra);
        ph.put(INPUT_KEY, input);
        ph.put(MASK_KEY, maskArray != null ? maskArray : layerConf().onesMaskForInput(input));
        return ph;
    }

    private org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer layerConfig() {
        return (org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer) layerConf();
    }
}
