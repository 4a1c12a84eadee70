package dev.cs231n.layers.samediff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.DL4JSameDiffMemoryMgr;
import org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime side of {@link CorrectedSameDiffOutputLayer}: DL4J's SameDiff output layer whose backward pass is
 * multiplied by {@link GradientScale#outputLayerFactor()} (1.0 on M2.1, where this path is exact).
 *
 * <p>It mends two M2.1 defects of DL4J's SameDiff output layer: {@link #setParam} validates and then never assigns,
 * and the backward pass always feeds a {@code labels} placeholder, which a layer whose {@code labelsRequired()} is
 * false has not got ("No variable/placeholder with name labels exists"): here labels are fed only where required.
 */
public class CorrectedSameDiffOutputLayerImpl extends SameDiffOutputLayer {

    private static final long serialVersionUID = 1L;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public CorrectedSameDiffOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setParam(String key, INDArray val) {
        super.setParam(key, val);
        paramTable.get(key).assign(val);
    }

    /** DL4J's backward pass of the SameDiff output layer, labels fed only where required, scaled by the probe. */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        boolean needLabels = layerConf().labelsRequired();
        Preconditions.checkState(!needLabels || labels != null, "Cannot execute backprop: labels are not set");
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (sameDiff == null) {
                doInit();
            }
            if (sameDiff.getFunction("grad") == null) {
                sameDiff.createGradFunction(INPUT_KEY);
            }
        }
        SameDiff grad = sameDiff.getFunction("grad");
        InferenceSession session = grad.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> SameDiff.getInferenceFactory().create(grad));
        String wsActGrad = workspaceMgr.getWorkspaceName(ArrayType.ACTIVATION_GRAD);
        boolean scopedOut = workspaceMgr.isScopedOut(ArrayType.ACTIVATION_GRAD);
        Preconditions.checkState(scopedOut || wsActGrad != null,
                "Activation gradients must have a workspace or be scoped out");
        session.setMmgr(new DL4JSameDiffMemoryMgr(workspaceMgr.getWorkspaceName(ArrayType.BP_WORKING_MEM),
                wsActGrad, workspaceMgr.getConfiguration(ArrayType.BP_WORKING_MEM),
                workspaceMgr.getConfiguration(ArrayType.ACTIVATION_GRAD)));

        List<String> names = new ArrayList<>(paramTable.keySet());
        names.add(INPUT_KEY);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(INPUT_KEY, input);
        if (needLabels) {
            ph.put(LABELS_KEY, labels);
        }
        Map<String, INDArray> grads = sameDiff.calculateGradients(ph, names);
        double f = GradientScale.outputLayerFactor();
        Gradient g = new DefaultGradient();
        for (String k : paramTable.keySet()) {
            INDArray view = gradTable.get(k);
            view.assign(grads.get(k));
            if (f != 1.0) {
                view.muli(f);
            }
            g.gradientForVariable().put(k, view);
        }
        INDArray dIn = grads.get(INPUT_KEY);
        sameDiff.clearPlaceholders(true);
        sameDiff.clearOpInputs();
        if (!scopedOut) {
            dIn = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dIn);
        } else if (dIn.isAttached()) {
            dIn = dIn.detach();
        }
        if (f != 1.0) {
            dIn.muli(f);
        }
        return new Pair<>(g, dIn);
    }
}
