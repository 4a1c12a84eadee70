package dev.cs231n.layers.core;

import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A two-input SameDiff graph vertex that merges its inputs through one dense layer:
 * {@code out = act(a Wa + b Wb + bias)}.
 *
 * <p>Shapes: inputs {@code a: [N, nInA]} and {@code b: [N, nInB]}; parameters {@code Wa: [nInA, nOut]},
 * {@code Wb: [nInB, nOut]}, {@code bias: [nOut]} (keys {@link #WEIGHT_A_KEY}, {@link #WEIGHT_B_KEY},
 * {@link #BIAS_KEY}); output {@code [N, nOut]}. It equals a {@code MergeVertex} followed by a
 * {@code DenseLayer} whose weights are {@code [Wa; Wb]} stacked, which the tests use as its oracle. Each
 * weight is initialised from its own fan-in ({@code nInA} or {@code nInB}) and fan-out ({@code nOut}).
 */
public class DenseMergeVertex extends CorrectedSameDiffVertex {

    private static final long serialVersionUID = 1L;

    /** Parameter key of {@code Wa: [nInA, nOut]}. */
    public static final String WEIGHT_A_KEY = "Wa";
    /** Parameter key of {@code Wb: [nInB, nOut]}. */
    public static final String WEIGHT_B_KEY = "Wb";
    /** Parameter key of {@code bias: [nOut]}. */
    public static final String BIAS_KEY = "bias";
    /** Name of the first input inside the vertex's SameDiff graph. */
    public static final String INPUT_A = "a";
    /** Name of the second input inside the vertex's SameDiff graph. */
    public static final String INPUT_B = "b";

    private long nInA;
    private long nInB;
    private long nOut;
    private Activation activation = SameDiffDense.DEFAULT_ACTIVATION;
    private WeightInit weightInit = ParamInit.DEFAULT_WEIGHT_INIT;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected DenseMergeVertex() {
    }

    /** @return a new builder; {@code nInA}, {@code nInB} and {@code nOut} are required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.clear();
        params.defineInputs(INPUT_A, INPUT_B);
        params.addWeightParam(WEIGHT_A_KEY, nInA, nOut);
        params.addWeightParam(WEIGHT_B_KEY, nInB, nOut);
        params.addBiasParam(BIAS_KEY, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        ParamInit.weights(weightInit, nInA, nOut, params.get(WEIGHT_A_KEY));
        ParamInit.weights(weightInit, nInB, nOut, params.get(WEIGHT_B_KEY));
        params.get(BIAS_KEY).assign(0.0);
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> layerInput,
            Map<String, SDVariable> paramTable, Map<String, SDVariable> maskVars) {
        SDVariable za = layerInput.get(INPUT_A).mmul(paramTable.get(WEIGHT_A_KEY));
        SDVariable zb = layerInput.get(INPUT_B).mmul(paramTable.get(WEIGHT_B_KEY));
        return activation.asSameDiff("out", sd, za.add(zb).add(paramTable.get(BIAS_KEY)));
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2) {
            throw new InvalidInputTypeException("DenseMergeVertex takes exactly 2 inputs, got "
                    + vertexInputs.length);
        }
        long[] expected = {nInA, nInB};
        for (int i = 0; i < 2; i++) {
            InputType t = vertexInputs[i];
            if (t.getType() != InputType.Type.FF || t.arrayElementsPerExample() != expected[i]) {
                throw new InvalidInputTypeException("DenseMergeVertex input " + i + " must be feed-forward of size "
                        + expected[i] + ", got " + t);
            }
        }
        return InputType.feedForward(nOut);
    }

    @Override
    public GraphVertex clone() {
        DenseMergeVertex v = new DenseMergeVertex();
        v.nInA = nInA;
        v.nInB = nInB;
        v.nOut = nOut;
        v.activation = activation;
        v.weightInit = weightInit;
        v.setRegularization(getRegularization());
        v.setRegularizationBias(getRegularizationBias());
        v.setUpdater(getUpdater() == null ? null : getUpdater().clone());
        v.setBiasUpdater(getBiasUpdater() == null ? null : getBiasUpdater().clone());
        v.setGradientNormalization(getGradientNormalization());
        v.setGradientNormalizationThreshold(getGradientNormalizationThreshold());
        v.setDataType(getDataType());
        v.setName(getName());
        return v;
    }

    /** @return the size of input {@code a} */
    public long getNInA() {
        return nInA;
    }

    /** @param nInA the size of input {@code a} */
    public void setNInA(long nInA) {
        this.nInA = nInA;
    }

    /** @return the size of input {@code b} */
    public long getNInB() {
        return nInB;
    }

    /** @param nInB the size of input {@code b} */
    public void setNInB(long nInB) {
        this.nInB = nInB;
    }

    /** @return the output size */
    public long getNOut() {
        return nOut;
    }

    /** @param nOut the output size */
    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    /** @return the activation */
    public Activation getActivation() {
        return activation;
    }

    /** @param activation the activation */
    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    /** @return the weight initialisation of {@code Wa} and {@code Wb} */
    public WeightInit getWeightInit() {
        return weightInit;
    }

    /** @param weightInit the weight initialisation of {@code Wa} and {@code Wb} */
    public void setWeightInit(WeightInit weightInit) {
        this.weightInit = weightInit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DenseMergeVertex) || !super.equals(o)) {
            return false;
        }
        DenseMergeVertex that = (DenseMergeVertex) o;
        return nInA == that.nInA && nInB == that.nInB && nOut == that.nOut && activation == that.activation
                && weightInit == that.weightInit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nInA, nInB, nOut, activation, weightInit);
    }

    /** Builds a validated {@link DenseMergeVertex}. */
    public static final class Builder {
        private long nInA;
        private long nInB;
        private long nOut;
        private Activation activation = SameDiffDense.DEFAULT_ACTIVATION;
        private WeightInit weightInit = ParamInit.DEFAULT_WEIGHT_INIT;

        private Builder() {
        }

        /**
         * @param nInA size of input {@code a}, positive
         * @return this builder
         */
        public Builder nInA(long nInA) {
            this.nInA = nInA;
            return this;
        }

        /**
         * @param nInB size of input {@code b}, positive
         * @return this builder
         */
        public Builder nInB(long nInB) {
            this.nInB = nInB;
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
         * @param activation default {@link Activation#TANH}
         * @return this builder
         */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /**
         * @param weightInit initialisation of both weight matrices, each from its own fan-in/fan-out
         * @return this builder
         */
        public Builder weightInit(WeightInit weightInit) {
            this.weightInit = weightInit;
            return this;
        }

        /** @return the vertex configuration */
        public DenseMergeVertex build() {
            if (nInA <= 0 || nInB <= 0 || nOut <= 0) {
                throw new IllegalArgumentException("DenseMergeVertex: nInA, nInB and nOut must all be positive, got "
                        + nInA + ", " + nInB + ", " + nOut);
            }
            if (activation == null || weightInit == null) {
                throw new IllegalArgumentException("DenseMergeVertex: activation and weightInit must not be null");
            }
            DenseMergeVertex v = new DenseMergeVertex();
            v.nInA = nInA;
            v.nInB = nInB;
            v.nOut = nOut;
            v.activation = activation;
            v.weightInit = weightInit;
            return v;
        }
    }
}
