package dev.cs231n.layers.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully-connected layer written in SameDiff: {@code out = act(x W + b)}.
 *
 * <p>Shapes: input {@code [N, nIn]} (a convolutional input is flattened in NCHW order first), weights
 * {@code W: [nIn, nOut]} (key {@link #WEIGHT_KEY}), bias {@code b: [nOut]} (key {@link #BIAS_KEY}),
 * output {@code [N, nOut]}. The parameter keys are DL4J's {@code DefaultParamInitializer} keys, so the
 * parameters of a built-in {@code DenseLayer} copy over one to one.
 *
 * <p>It is the smallest complete SameDiff layer of this library: it proves that the {@link
 * CorrectedSameDiffLayer} base gives exact gradients (it matches the built-in {@code DenseLayer} to 1e-12 in
 * DOUBLE), and serves as a template for the others. The weights are initialised with the configured
 * {@link WeightInit} from their own fan-in ({@code nIn}) and fan-out ({@code nOut}); the bias with zeros.
 *
 * <p>The network builder's global settings are taken as DL4J's {@code DenseLayer} takes them: an activation or
 * weight initialisation set on this layer wins, else the global one is used (DL4J's defaults: sigmoid, Xavier); a
 * dropout ({@code dropOut(p)} on this layer, else the global one) is applied to the input in training only. A
 * global activation that is not an {@link Activation} constant, a non-zero global {@code biasInit} and a global
 * {@code weightNoise} are rejected when the network configuration is built. A configuration read from JSON keeps
 * its stored values.
 */
public class SameDiffDense extends CorrectedSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the weights {@code [nIn, nOut]}. */
    public static final String WEIGHT_KEY = "W";
    /** Parameter key of the bias {@code [nOut]}. */
    public static final String BIAS_KEY = "b";
    private long nIn;
    private long nOut;
    /** Null until set on the builder or taken from the network builder ({@link #applyGlobalConfigToLayer}). */
    private Activation activation;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected SameDiffDense() {
        super();
    }

    private SameDiffDense(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.activation = b.activation;
    }

    /**
     * @return a new builder; {@code nOut} is required, {@code nIn} is inferred from the input type when unset
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHT_KEY, nIn, nOut);
        params.addBiasParam(BIAS_KEY, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        INDArray w = params.get(WEIGHT_KEY);
        ParamInit.weights(this, WEIGHT_KEY, nIn, nOut, w);
        params.get(BIAS_KEY).assign(0.0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        if (activation == null) {
            throw new IllegalStateException(describe() + " has no activation: set .activation(...) on its builder, or "
                    + "build it into a network, whose global activation it then takes");
        }
        SDVariable z = layerInput.mmul(paramTable.get(WEIGHT_KEY)).add(paramTable.get(BIAS_KEY));
        return activation.asSameDiff("out", sd, z);
    }

    /**
     * Takes the network builder's activation and weight initialisation where this layer sets none, as DL4J's
     * {@code DenseLayer} does (its dropout DL4J copies in itself); rejects the global settings it cannot honour.
     *
     * @param b the network builder
     * @throws IllegalArgumentException for a global activation that is no {@link Activation} constant, a non-zero
     *                                  global {@code biasInit} or a global {@code weightNoise}
     */
    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder b) {
        GlobalDefaults.rejectUnsupported(b, describe());
        if (activation == null) {
            activation = GlobalDefaults.activation(b.getActivationFn(), describe());
        }
        boolean ownInit = getWeightInit() != null
                || (getParamWeightInit() != null && getParamWeightInit().containsKey(WEIGHT_KEY));
        if (!ownInit && b.getWeightInitFn() != null) {
            WeightInit w = GlobalDefaults.weightInit(b.getWeightInitFn());
            if (w != null) {
                setWeightInit(w);
            } else {
                // e.g. a distribution, which no WeightInit constant holds: per parameter, as DL4J's API allows
                Map<String, IWeightInit> perParam = getParamWeightInit() == null ? new HashMap<>()
                        : new HashMap<>(getParamWeightInit());
                perParam.put(WEIGHT_KEY, b.getWeightInitFn());
                setParamWeightInit(perParam);
            }
        }
    }

    /** @return the class and layer name, for messages */
    private String describe() {
        return "SameDiffDense" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = FeedForwardInputs.flatSize(inputType, getLayerName());
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return FeedForwardInputs.preProcessor(inputType, getLayerName());
    }

    /** @return the input size */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn the input size */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** @return the output size */
    public long getNOut() {
        return nOut;
    }

    /** @param nOut the output size */
    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    /**
     * @return the activation applied to {@code xW + b}; null on a configuration that has not been built into a
     *         network and sets none (it then takes the network's global activation)
     */
    public Activation getActivation() {
        return activation;
    }

    /** @param activation the activation applied to {@code xW + b} */
    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SameDiffDense) || !super.equals(o)) {
            return false;
        }
        SameDiffDense that = (SameDiffDense) o;
        return nIn == that.nIn && nOut == that.nOut && activation == that.activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, activation);
    }

    /** Builds a validated {@link SameDiffDense}. */
    public static final class Builder extends CorrectedSameDiffLayer.Builder<Builder> {
        private long nIn;
        private long nOut;
        private Activation activation;
        private boolean activationSet;

        private Builder() {
            // unset: the network's global weight initialisation applies unless weightInit(...) is called
            setWeightInit(null);
        }

        /**
         * @param nIn input size; 0 (the default) infers it from the network's input type
         * @return this builder
         */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /**
         * @param nOut output size, positive
         * @return this builder
         */
        public Builder nOut(long nOut) {
            this.nOut = nOut;
            return this;
        }

        /**
         * @param activation the activation applied to {@code xW + b}; when unset, the network builder's global
         *                   activation (DL4J's default: sigmoid), as for DL4J's {@code DenseLayer}
         * @return this builder
         */
        public Builder activation(Activation activation) {
            this.activation = activation;
            this.activationSet = true;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SameDiffDense build() {
            if (nOut <= 0) {
                throw new IllegalArgumentException("SameDiffDense: nOut must be positive, got " + nOut
                        + "; call .nOut(size)");
            }
            if (nIn < 0) {
                throw new IllegalArgumentException("SameDiffDense: nIn must be positive (or 0 to infer it from "
                        + "the input type), got " + nIn);
            }
            if (activationSet && activation == null) {
                throw new IllegalArgumentException("SameDiffDense: activation must not be null; "
                        + "use Activation.IDENTITY for none, or leave it unset for the network's global activation");
            }
            return new SameDiffDense(this);
        }
    }
}
