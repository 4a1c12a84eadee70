package dev.cs231n.layers.samediff;

import java.util.Collection;
import java.util.Map;

import dev.cs231n.m21.M21Fixes;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base class of every SameDiff layer configuration of this library: a DL4J {@link SameDiffLayer} whose
 * backward pass is exact on every DL4J release.
 *
 * <p>DL4J 1.0.0-M2.1 returns twice the true gradient from every SameDiff layer (see {@link GradientScale}).
 * Subclasses define the layer exactly as for DL4J's {@code SameDiffLayer}; {@link #instantiate} builds a
 * {@link CorrectedSameDiffLayerImpl}, which scales the parameter gradients and the input gradient by the
 * probed factor. Nothing else changes: JSON form, parameter layout and forward pass are DL4J's own.
 */
public abstract class CorrectedSameDiffLayer extends SameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation and subclasses' builders. */
    protected CorrectedSameDiffLayer() {
        super();
    }

    /**
     * @param builder a SameDiff layer builder
     */
    protected CorrectedSameDiffLayer(SameDiffLayer.Builder<?> builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        M21Fixes.filterSameDiffStdout();
        CorrectedSameDiffLayerImpl ret = newImpl(conf, networkDataType);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        ret.setListeners(trainingListeners);
        return ret;
    }

    /**
     * The runtime layer {@link #instantiate} sets up (parameters, index, listeners). Layers that need more from their
     * graph than DL4J's SameDiff layer gives return a subclass, e.g. of {@link ExtendedSameDiffLayerImpl}.
     *
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     * @return a new {@link CorrectedSameDiffLayerImpl}
     */
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new CorrectedSameDiffLayerImpl(conf, dataType);
    }
}
