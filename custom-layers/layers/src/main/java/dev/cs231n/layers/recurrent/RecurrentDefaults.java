package dev.cs231n.layers.recurrent;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The defaults of this package's layers, in one place, and their parameter initialisation. */
final class RecurrentDefaults {

    /** Sequence layout when none is configured: DL4J's default NCW {@code [N, features, T]}. */
    static final RNNFormat FORMAT = RNNFormat.NCW;
    /** Weight initialisation when none is configured. */
    static final WeightInit WEIGHT_INIT = WeightInit.XAVIER;

    private RecurrentDefaults() {
    }

    /**
     * Initialises one weight array in place from its own fan-in and fan-out.
     *
     * @param init   the initialiser, or null for {@link #WEIGHT_INIT}
     * @param fanIn  the parameter's fan-in
     * @param fanOut the parameter's fan-out
     * @param view   the parameter array
     */
    static void weights(WeightInit init, long fanIn, long fanOut, INDArray view) {
        WeightInit wi = init == null ? WEIGHT_INIT : init;
        wi.getWeightInitFunction().init(fanIn, fanOut, view.shape(), 'c', view);
    }
}
