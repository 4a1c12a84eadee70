package dev.cs231n.layers.samediff;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime side of {@link CorrectedSameDiffLayer}: DL4J's SameDiff layer implementation whose backward
 * pass is multiplied by {@link GradientScale#factor()}, which makes it exact on releases that double it and
 * leaves it untouched on releases that don't.
 *
 * <p>It also mends two things DL4J M2.1's SameDiff layer silently skips:
 * <ul>
 * <li>{@link #setParam}: M2.1 validates the shape and then never assigns the value, so
 * {@code layer.setParam(key, value)} is a no-op there;</li>
 * <li>dropout: M2.1 never applies the layer's {@code IDropout} (its own {@code dropOut(...)}, or the network
 * builder's global one, which DL4J copies into every layer that sets none). Here it is applied as DL4J's
 * {@code BaseLayer} (e.g. {@code DenseLayer}) applies it: to the layer's input, in training only, and the backward
 * pass multiplies the input gradient by the same mask. A layer for which input dropout is not meaningful rejects
 * it in its configuration.</li>
 * </ul>
 */
public class CorrectedSameDiffLayerImpl extends SameDiffLayer {

    private static final long serialVersionUID = 1L;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public CorrectedSameDiffLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setParam(String key, INDArray val) {
        super.setParam(key, val);
        paramTable.get(key).assign(val);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        applyDropOutIfNecessary(training, workspaceMgr);
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> ret = super.backpropGradient(epsilon, workspaceMgr);
        double f = GradientScale.factor();
        if (f != 1.0) {
            // Parameter gradients are views into the network's gradient array; the input gradient was
            // freshly duplicated by the superclass: both are ours to scale in place.
            for (INDArray g : ret.getFirst().gradientForVariable().values()) {
                g.muli(f);
            }
            ret.getSecond().muli(f);
        }
        ret.setSecond(backpropDropOut(ret.getSecond()));
        return ret;
    }

    /**
     * The input gradient through the dropout that {@link #applyDropOutIfNecessary} applied to this pass's input:
     * multiplied in place by its mask; unchanged when no dropout was applied.
     *
     * @param inputGradient dL/d(dropped input), an array this layer owns
     * @return dL/dInput
     */
    protected INDArray backpropDropOut(INDArray inputGradient) {
        IDropout d = layerConf().getIDropout();
        return d != null && dropoutApplied ? backpropDropOutIfPresent(inputGradient) : inputGradient;
    }
}
