package dev.cs231n.layers.norm;

/**
 * The defaults of this package's normalisation layers, in one place. They are the course's (and PyTorch's):
 * {@code eps = 1e-5}, running statistics {@code running = momentum * running + (1 - momentum) * batch} with
 * {@code momentum = 0.9}, {@code gamma = 1} and {@code beta = 0} at initialisation.
 */
public final class NormDefaults {

    /** Added to the variance before the square root: {@code sqrt(var + eps)}. */
    public static final double EPS = 1e-5;
    /** Weight of the old running statistic: {@code running = momentum * running + (1 - momentum) * batch}. */
    public static final double MOMENTUM = 0.9;
    /** Initial scale {@code gamma}. */
    public static final double GAMMA_INIT = 1.0;
    /** Initial shift {@code beta}. */
    public static final double BETA_INIT = 0.0;
    /**
     * Initial running mean. The course starts both running statistics at zero; this library (like PyTorch, Keras
     * and DL4J's own BatchNormalization) starts the variance at one, so that a network evaluated before any
     * training computes {@code gamma * x + beta} rather than {@code gamma * x / sqrt(eps) + beta}. After t training
     * steps the start contributes {@code momentum^t} of its value either way.
     */
    public static final double RUNNING_MEAN_INIT = 0.0;
    /** Initial running variance; see {@link #RUNNING_MEAN_INIT}. */
    public static final double RUNNING_VAR_INIT = 1.0;

    private NormDefaults() {
    }
}
