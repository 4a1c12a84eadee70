package dev.cs231n.layers.core;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parameter initialisation shared by this package's layers: one place for the defaults. */
final class ParamInit {

    /**
     * The weight initialisation of a layer that configures none and was never built into a network (inside one, the
     * network builder's global initialisation applies, whose default this is).
     */
    static final WeightInit DEFAULT_WEIGHT_INIT = WeightInit.XAVIER;

    private ParamInit() {
    }

    /**
     * Initialises one weight array in place from its own fan-in and fan-out, with the layer's per-parameter
     * initialiser if it has one for {@code key}, else its layer-wide one, else {@link #DEFAULT_WEIGHT_INIT}.
     *
     * @param layer  the layer configuration
     * @param key    the parameter key
     * @param fanIn  the parameter's fan-in
     * @param fanOut the parameter's fan-out
     * @param view   the parameter array, initialised in place
     */
    static void weights(SameDiffLayer layer, String key, long fanIn, long fanOut, INDArray view) {
        IWeightInit init = layer.getParamWeightInit() == null ? null : layer.getParamWeightInit().get(key);
        if (init == null) {
            WeightInit wi = layer.getWeightInit() == null ? DEFAULT_WEIGHT_INIT : layer.getWeightInit();
            init = wi.getWeightInitFunction();
        }
        init.init(fanIn, fanOut, view.shape(), layer.paramReshapeOrder(key), view);
    }

    /**
     * Initialises one weight array of a vertex in place from its own fan-in and fan-out.
     *
     * @param init   the initialiser, or null for {@link #DEFAULT_WEIGHT_INIT}
     * @param fanIn  the parameter's fan-in
     * @param fanOut the parameter's fan-out
     * @param view   the parameter array, initialised in place
     */
    static void weights(WeightInit init, long fanIn, long fanOut, INDArray view) {
        WeightInit wi = init == null ? DEFAULT_WEIGHT_INIT : init;
        wi.getWeightInitFunction().init(fanIn, fanOut, view.shape(), 'c', view);
    }
}
