package dev.cs231n.layers.norm;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.cs231n.layers.norm.fast.FastNorm;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the normalisation layers' runtime implementations share on the fast path ({@link FastNorm}): whether it
 * applies, the statistics a training-mode forward pass leaves for its backward pass, and the gradient object.
 *
 * <p>The statistics are kept for the input array they were computed from; a backward pass on any other input (or
 * without a forward pass) computes them again, so it is always the backward pass of its own input, as the SameDiff
 * path's is.
 */
final class FastNormPasses {

    private INDArray input;
    private FastNorm.Stats stats;

    /**
     * @param a an input or upstream-gradient array
     * @return whether the fast path is on and handles the array
     */
    static boolean applies(INDArray a) {
        return a != null && FastNorm.enabled() && FastNorm.supports(a);
    }

    /** Drops the statistics (a new forward pass begins). */
    void forget() {
        input = null;
        stats = null;
    }

    /**
     * @param in the forward pass's input
     * @param st the statistics computed from it
     * @return {@code st}
     */
    FastNorm.Stats remember(INDArray in, FastNorm.Stats st) {
        input = in;
        stats = st;
        return st;
    }

    /**
     * @param in      the input of the backward pass
     * @param compute computes the statistics of {@code in}
     * @return the remembered statistics if they are {@code in}'s, else newly computed ones
     */
    FastNorm.Stats statsFor(INDArray in, Supplier<FastNorm.Stats> compute) {
        return in == input && stats != null ? stats : compute.get();
    }

    /**
     * Writes gamma's and beta's gradients into the network's gradient views and zero into the others (running
     * statistics).
     *
     * @param keys      the layer's parameter keys, in order
     * @param gradTable the gradient views by key
     * @param pg        the parameter gradients
     * @return the gradient, in key order
     */
    Gradient gradient(Set<String> keys, Map<String, INDArray> gradTable, FastNorm.ParamGrads pg) {
        Gradient g = new DefaultGradient();
        for (String k : keys) {
            INDArray view = gradTable.get(k);
            if (NormalizationLayer.GAMMA_KEY.equals(k)) {
                FastNorm.write(view, pg.dgamma());
            } else if (NormalizationLayer.BETA_KEY.equals(k)) {
                FastNorm.write(view, pg.dbeta());
            } else {
                FastNorm.write(view, null);
            }
            g.setGradientFor(k, view);
        }
        return g;
    }
}
