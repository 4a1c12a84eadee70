package dev.cs231n.layers.norm;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base configuration of this package's normalisation layers: {@code out = gamma * xhat + beta}, where {@code xhat}
 * is the input standardised over axes each subclass chooses and {@code gamma, beta: [C]} (keys {@link #GAMMA_KEY},
 * {@link #BETA_KEY}) act along dimension 1 (features of {@code [N, D]}, channels of NCHW {@code [N, C, H, W]}).
 *
 * <p>{@code nIn} is {@code C} (or {@code D}); 0 infers it from the network's input type. {@code eps} (default
 * {@link NormDefaults#EPS}) is added to the variance under the square root. {@code gamma} starts at 1 and is a
 * weight parameter (the layer's weight updater and regularisation apply); {@code beta} starts at 0 and is a bias
 * parameter (bias updater and bias regularisation). DL4J's built-in BatchNormalization never regularises its
 * parameters: leave {@code l2}/{@code weightDecay} unset on these layers to match it.
 *
 * <p>The network builder's global settings, compared with DL4J's BatchNormalization (measured on M2.1): a global
 * activation and weight initialisation do not apply (these layers have no activation, and gamma, beta start at 1,
 * 0), as in the built-in, which stores both and applies neither. A dropout is not applied either by the built-in,
 * global or its own, though it stores it; these layers reject both when the configuration is built, naming the
 * layer, rather than ignore them: set {@code dropOut(p)} on the layers whose input should be dropped, or add an
 * {@code InvertedDropout} layer. The global updater, regularisation and gradient normalisation apply to gamma and
 * beta as to any SameDiff layer's parameters.
 */
public abstract class NormalizationLayer extends CorrectedSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the scale {@code gamma: [C]}, DL4J BatchNormalization's key. */
    public static final String GAMMA_KEY = "gamma";
    /** Parameter key of the shift {@code beta: [C]}, DL4J BatchNormalization's key. */
    public static final String BETA_KEY = "beta";
    /** Name of the layer's output in its SameDiff graph. */
    static final String OUTPUT = "out";

    private long nIn;
    private double eps = NormDefaults.EPS;

    /** For JSON deserialisation and subclasses. */
    protected NormalizationLayer() {
        super();
    }

    /**
     * @param b a validated builder
     */
    protected NormalizationLayer(Builder<?> b) {
        super(b);
        this.nIn = b.nIn;
        this.eps = b.eps;
    }

    /** @return what this layer accepts, for error messages, e.g. {@code "NCHW [N, C, H, W] input"} */
    protected abstract String acceptedInput();

    /**
     * @param inputType the input type reaching the layer
     * @return its size along dimension 1 ({@code D} or {@code C})
     * @throws IllegalArgumentException when this layer does not take that kind of input
     */
    protected abstract long sizeOf(InputType inputType);

    /**
     * @param rank an input array's rank
     * @return whether this layer takes arrays of that rank
     */
    protected abstract boolean acceptsRank(int rank);

    /**
     * Checks layer-specific constraints on the size along dimension 1 (e.g. divisibility into groups).
     *
     * @param size {@code C} or {@code D}, positive
     * @throws IllegalArgumentException with an actionable message
     */
    protected void validateSize(long size) {
    }

    /**
     * Adds parameters beyond gamma and beta (e.g. running statistics).
     *
     * @param params the layer's parameter definitions
     */
    protected void defineExtraParameters(SDLayerParams params) {
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(GAMMA_KEY, nIn);
        params.addBiasParam(BETA_KEY, nIn);
        defineExtraParameters(params);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(GAMMA_KEY).assign(NormDefaults.GAMMA_INIT);
        params.get(BETA_KEY).assign(NormDefaults.BETA_INIT);
    }

    /**
     * Rejects the network builder's global dropout (see the class comment); DL4J would otherwise copy it into this
     * layer, where it would be ignored, as its own BatchNormalization ignores it.
     *
     * @param b the network builder
     * @throws IllegalArgumentException when the network builder has a dropout
     */
    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder b) {
        IDropout d = b.getIdropOut();
        if (d != null) {
            String what = d instanceof Dropout ? "dropOut(" + ((Dropout) d).getP() + ")"
                    : "dropOut(" + d.getClass().getSimpleName() + ")";
            throw new IllegalArgumentException(describe() + ": the network's global " + what + " would not be "
                    + "applied to a normalisation layer (DL4J's own BatchNormalization stores it and ignores it). "
                    + "Remove it from the NeuralNetConfiguration.Builder and set .dropOut(p) on the layers whose "
                    + "input should be dropped (DenseLayer, ConvolutionLayer, OutputLayer, SameDiffDense), or add an "
                    + "InvertedDropout layer where the dropout belongs");
        }
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            long n = sizeOf(inputType);
            validateSize(n);
            nIn = n;
            setLayerParams(null); // parameter shapes depend on nIn: define them again when next asked
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long n = sizeOf(inputType);
        if (nIn > 0 && n != nIn) {
            throw new IllegalArgumentException(describe() + " was configured with nIn = " + nIn
                    + " but its input type " + inputType + " has size " + n + " along dimension 1; set nIn(" + n
                    + ") or leave nIn unset to infer it");
        }
        validateSize(n);
        return NormInputs.sameShape(inputType);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return NormInputs.preProcessor(inputType);
    }

    @Override
    public void validateInput(INDArray input) {
        if (!acceptsRank(input.rank()) || input.size(1) != nIn) {
            throw new IllegalArgumentException(describe() + " takes " + acceptedInput() + " of size " + nIn
                    + " along dimension 1, got an array of shape " + Arrays.toString(input.shape()));
        }
    }

    /** @return the class name and layer name, for messages */
    String describe() {
        return getClass().getSimpleName() + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
    }

    /** @return {@code C} (or {@code D}): the size of gamma and beta */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn {@code C} (or {@code D}) */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** @return the constant added to the variance */
    public double getEps() {
        return eps;
    }

    /** @param eps the constant added to the variance */
    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NormalizationLayer) || !super.equals(o)) {
            return false;
        }
        NormalizationLayer that = (NormalizationLayer) o;
        return nIn == that.nIn && Double.compare(eps, that.eps) == 0;
    }

    /**
     * Hashes the class, name and options only: DL4J's own SameDiff-layer hash code includes the identity hashes of
     * the parameter-shape arrays, so equal configurations (e.g. before and after a JSON round trip) would differ.
     */
    @Override
    public int hashCode() {
        return Objects.hash(getClass(), getLayerName(), nIn, eps);
    }

    /**
     * The options every normalisation layer shares.
     *
     * @param <T> the concrete builder
     */
    public abstract static class Builder<T extends Builder<T>> extends CorrectedSameDiffLayer.Builder<T> {
        private long nIn;
        private double eps = NormDefaults.EPS;

        /** Subclasses only. */
        protected Builder() {
        }

        /**
         * @param nIn the size along dimension 1 ({@code D} features or {@code C} channels); 0 (the default) infers
         *            it from the network's input type
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T nIn(long nIn) {
            this.nIn = nIn;
            return (T) this;
        }

        /**
         * @param eps added to the variance under the square root, positive; default {@link NormDefaults#EPS}
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T eps(double eps) {
            this.eps = eps;
            return (T) this;
        }

        /** @return the configured {@code nIn}, 0 if it is to be inferred */
        protected long nInValue() {
            return nIn;
        }

        /**
         * Checks the shared options.
         *
         * @param layer the layer's description, for messages
         * @throws IllegalArgumentException with an actionable message
         */
        protected void validate(String layer) {
            if (nIn < 0) {
                throw new IllegalArgumentException(layer + ": nIn must be positive (or 0 to infer it from the input "
                        + "type), got " + nIn);
            }
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException(layer + ": eps must be a positive finite number (default "
                        + NormDefaults.EPS + "), got " + eps);
            }
            if (getIDropout() != null) {
                throw new IllegalArgumentException(layer + ": a normalisation layer takes no dropOut(...) (DL4J's "
                        + "own BatchNormalization ignores one); set it on the layer before, or add an InvertedDropout "
                        + "layer");
            }
        }

        /**
         * @param kind the layer class's simple name
         * @return the description of the layer being built, for messages
         */
        protected String describe(String kind) {
            return kind + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
        }
    }
}
