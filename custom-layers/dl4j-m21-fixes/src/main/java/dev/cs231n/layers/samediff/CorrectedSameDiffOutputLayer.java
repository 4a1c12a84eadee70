package dev.cs231n.layers.samediff;

import java.util.Collection;
import java.util.Map;

import dev.cs231n.m21.M21Fixes;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base class of the SameDiff output layers (losses) of this library: a DL4J {@link SameDiffOutputLayer} whose
 * backward pass is exact on every DL4J release.
 *
 * <p>The output layer's loss is a variable of its own graph, differentiated directly by SameDiff: a different path
 * from the external-errors path that M2.1 doubles. {@link GradientScale#outputLayerFactor()} probes this path once
 * per JVM (it is 1.0 on M2.1: the doubling does not reach output layers) and {@link #instantiate} builds a
 * {@link CorrectedSameDiffOutputLayerImpl} that scales by it, so that a release that breaks this path too stays
 * exact or fails loudly. Subclasses define the layer exactly as for DL4J's {@code SameDiffOutputLayer}; the graph's
 * output is the loss <em>summed</em> over the minibatch (DL4J divides the score by the minibatch size, and the
 * updater divides the gradients by it).
 */
public abstract class CorrectedSameDiffOutputLayer extends SameDiffOutputLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation and subclasses. */
    protected CorrectedSameDiffOutputLayer() {
        super();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        M21Fixes.filterSameDiffStdout();
        CorrectedSameDiffOutputLayerImpl ret = newImpl(conf, networkDataType);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        ret.setListeners(trainingListeners);
        return ret;
    }

    /**
     * The runtime layer {@link #instantiate} sets up. Layers with a fused runtime path return a subclass.
     *
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     * @return a new {@link CorrectedSameDiffOutputLayerImpl}
     */
    protected CorrectedSameDiffOutputLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new CorrectedSameDiffOutputLayerImpl(conf, dataType);
    }
}
