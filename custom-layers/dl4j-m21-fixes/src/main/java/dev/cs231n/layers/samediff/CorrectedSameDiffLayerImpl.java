package dev.cs231n.layers.samediff;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
 * <p>It also mends {@link #setParam}: DL4J M2.1's SameDiff layer validates the shape and then never assigns
 * the value, so {@code layer.setParam(key, value)} is silently a no-op there.
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
        return ret;
    }
}
