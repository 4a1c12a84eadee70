package dev.cs231n.layers.samediff;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The corrected runtime for SameDiff layer configurations that cannot extend {@link CorrectedSameDiffLayer} (e.g.
 * subclasses of DL4J's own SameDiff layers): their {@code instantiate} returns {@link #instantiate}.
 */
public final class CorrectedLayers {

    private CorrectedLayers() {
    }

    /**
     * Sets up a {@link CorrectedSameDiffLayerImpl} for a SameDiff layer configuration, as DL4J's
     * {@code SameDiffLayer.instantiate} sets up its uncorrected one.
     *
     * @param config            the layer configuration
     * @param conf              its network-level configuration
     * @param trainingListeners the listeners
     * @param layerIndex        the layer's index
     * @param layerParamsView   its view of the network's parameters
     * @param initializeParams  whether to initialise them
     * @param networkDataType   the network's data type
     * @return the runtime layer, with exact gradients on every DL4J release
     */
    public static Layer instantiate(SameDiffLayer config, NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        CorrectedSameDiffLayerImpl ret = new CorrectedSameDiffLayerImpl(conf, networkDataType);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        ret.setParamTable(config.initializer().init(conf, layerParamsView, initializeParams));
        ret.setConf(conf);
        ret.setListeners(trainingListeners);
        return ret;
    }
}
