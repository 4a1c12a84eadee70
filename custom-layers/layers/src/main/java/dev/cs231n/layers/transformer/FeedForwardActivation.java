package dev.cs231n.layers.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The activation of a transformer feed-forward block. */
public enum FeedForwardActivation {
    /** {@code max(0, x)}. */
    RELU,
    /**
     * The exact GELU {@code x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2))} (PyTorch's default {@code gelu}; ND4J's own
     * GELU ops are the sigmoid and tanh approximations).
     */
    GELU;

    /**
     * @param sd the graph
     * @param x  the pre-activation
     * @return the activation of {@code x}
     */
    public SDVariable apply(SameDiff sd, SDVariable x) {
        if (this == RELU) {
            return sd.nn().relu(x, 0.0);
        }
        return x.mul(sd.math().erf(x.mul(1.0 / Math.sqrt(2.0))).add(1.0)).mul(0.5);
    }
}
