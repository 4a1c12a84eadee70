package dev.cs231n.layers.core;

import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
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
 */
public class SameDiffDense extends CorrectedSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the weights {@code [nIn, nOut]}. */
    public static final String WEIGHT_KEY = "W";
    /** Parameter key of the bias {@code [nOut]}. */
    public static final String BIAS_KEY = "b";
    /** The activation used when none is configured. */
    public static final Activation DEFAULT_ACTIVATION = Activation.TANH;

    private long nIn;
    private long nOut;
    private Activation activation = DEFAULT_ACTIVATION;

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
        SDVariable z = layerInput.mmul(paramTable.get(WEIGHT_KEY)).add(paramTable.get(BIAS_KEY));
        return activation.asSameDiff("out", sd, z);
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

    /** @return the activation applied to {@code xW + b} */
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
        private Activation activation = DEFAULT_ACTIVATION;

        private Builder() {
            weightInit(WeightInit.XAVIER);
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
         * @param activation the activation applied to {@code xW + b}; default {@link Activation#TANH}
         * @return this builder
         */
        public Builder activation(Activation activation) {
            this.activation = activation;
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
            if (activation == null) {
                throw new IllegalArgumentException("SameDiffDense: activation must not be null; "
                        + "use Activation.IDENTITY for none");
            }
            return new SameDiffDense(this);
        }
    }
}
