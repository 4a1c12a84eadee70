package dev.cs231n.layers.attention.corrected;

import java.util.Map;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameter initialisation of this package's layers: each parameter from its own fan-in (the size of the vectors it
 * multiplies) and fan-out (the size of what it produces: all heads together for a query, key or value projection).
 */
final class AttentionInit {

    private AttentionInit() {
    }

    /**
     * Initialises one parameter in place, outside every workspace.
     *
     * @param key             the parameter key
     * @param fanIn           its fan-in
     * @param fanOut          its fan-out
     * @param view            the parameter array
     * @param weightInit      the layer's weight initialisation (XAVIER if null)
     * @param paramWeightInit per-parameter initialisations, or null: used for {@code key} if present
     */
    static void init(String key, long fanIn, long fanOut, INDArray view, WeightInit weightInit,
            Map<String, IWeightInit> paramWeightInit) {
        IWeightInit init = paramWeightInit == null ? null : paramWeightInit.get(key);
        if (init == null) {
            init = (weightInit == null ? WeightInit.XAVIER : weightInit).getWeightInitFunction();
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            init.init(fanIn, fanOut, view.shape(), 'c', view);
        }
    }

    /**
     * @param what  the layer, for the message
     * @param nOut  the output size
     * @param nHeads the number of heads
     * @param headSize the configured head size (0 = nOut / nHeads)
     * @param projectInput whether the input is projected
     * @param nIn   the input size (0 = from the input type)
     * @throws IllegalArgumentException naming the layer and the sizes, where DL4J's builder checks the same
     */
    static void validate(String what, long nIn, long nOut, int nHeads, long headSize, boolean projectInput) {
        if (!projectInput && nHeads != 1) {
            throw new IllegalArgumentException(what + ": projectInput must be true when nHeads != 1, got nHeads = "
                    + nHeads);
        }
        if (!projectInput && nIn != nOut) {
            throw new IllegalArgumentException(what + ": nIn must equal nOut when projectInput is false, got nIn = "
                    + nIn + ", nOut = " + nOut);
        }
        if (projectInput && nOut == 0) {
            throw new IllegalArgumentException(what + ": nOut must be set when projectInput is true");
        }
        if (nHeads <= 0) {
            throw new IllegalArgumentException(what + ": nHeads must be positive, got " + nHeads);
        }
        if (headSize <= 0 && nOut % nHeads != 0) {
            throw new IllegalArgumentException(what + ": nOut = " + nOut + " is not divisible by nHeads = " + nHeads
                    + "; set headSize");
        }
    }
}
