package dev.cs231n.layers.core;

import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffVertex;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
 *
 * <p>{@code nInA} and {@code nInB} are inferred from the graph's input types ({@code setInputTypes(...)} on the
 * graph builder) when left unset, as a layer's {@code nIn} is; set explicitly, they are checked against the input
 * types, and a mismatch fails the build naming both sizes. The network builder's global activation and weight
 * initialisation are taken where the vertex sets none, as DL4J's {@code DenseLayer} takes them (DL4J's defaults:
 * sigmoid, Xavier); a global activation or weight initialisation that is not an {@link Activation} or
 * {@link WeightInit} constant, a non-zero global {@code biasInit} and a global {@code weightNoise} are rejected when
 * the graph configuration is built. A configuration read from JSON keeps its stored values.
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

    /** 0 until set or inferred from the input types. */
    private long nInA;
    /** 0 until set or inferred from the input types. */
    private long nInB;
    private long nOut;
    /** Null until set on the builder or taken from the network builder ({@link #applyGlobalConfigToLayer}). */
    private Activation activation;
    /** Null until set on the builder or taken from the network builder ({@link #applyGlobalConfigToLayer}). */
    private WeightInit weightInit;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected DenseMergeVertex() {
    }

    /** @return a new builder; {@code nOut} is required, {@code nInA} and {@code nInB} are inferred when unset */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        if (nInA <= 0 || nInB <= 0) {
            throw new IllegalStateException(describe() + ": the input sizes are unknown (nInA = " + nInA + ", nInB = "
                    + nInB + "): call setInputTypes(...) on the graph builder so that they are inferred, or set "
                    + "nInA(...) and nInB(...) on the vertex");
        }
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
        if (activation == null) {
            throw new IllegalStateException(describe() + " has no activation: set .activation(...) on its builder, or "
                    + "build it into a graph, whose global activation it then takes");
        }
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

    /**
     * Infers the unset input sizes from the input types and checks the set ones against them.
     *
     * @param layerIndex   the vertex's index
     * @param vertexInputs the types of inputs {@code a} and {@code b}, feed-forward
     * @return feed-forward of size {@code nOut}
     * @throws InvalidInputTypeException for other than two feed-forward inputs, or a size that differs from a
     *                                   configured {@code nInA}/{@code nInB} (the message names both)
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2) {
            throw new InvalidInputTypeException(describe() + " takes exactly 2 inputs, got " + vertexInputs.length);
        }
        long[] sizes = new long[2];
        for (int i = 0; i < 2; i++) {
            InputType t = vertexInputs[i];
            if (t.getType() != InputType.Type.FF) {
                throw new InvalidInputTypeException(describe() + " input " + i + " (" + (i == 0 ? INPUT_A : INPUT_B)
                        + ") must be feed-forward [N, size], got " + t);
            }
            sizes[i] = ((InputType.InputTypeFeedForward) t).getSize();
        }
        long[] configured = {nInA, nInB};
        String[] names = {"nInA", "nInB"};
        for (int i = 0; i < 2; i++) {
            if (configured[i] > 0 && configured[i] != sizes[i]) {
                throw new InvalidInputTypeException(describe() + " was configured with " + names[i] + " = "
                        + configured[i] + " but its input " + i + " (" + (i == 0 ? INPUT_A : INPUT_B) + ") has size "
                        + sizes[i] + "; set " + names[i] + "(" + sizes[i] + ") or leave it unset to infer it");
            }
        }
        if (nInA != sizes[0] || nInB != sizes[1]) {
            nInA = sizes[0];
            nInB = sizes[1];
            setVertexParams(null); // parameter shapes depend on the sizes: define them again when next asked
        }
        return InputType.feedForward(nOut);
    }

    /**
     * Takes the network builder's activation and weight initialisation where this vertex sets none, as DL4J's
     * {@code DenseLayer} does; rejects the global settings it cannot honour.
     *
     * @param b the network builder
     * @throws IllegalArgumentException for a global activation or weight initialisation that is no constant of
     *                                  {@link Activation} or {@link WeightInit}, a non-zero global {@code biasInit}
     *                                  or a global {@code weightNoise}
     */
    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder b) {
        GlobalDefaults.rejectUnsupported(b, describe());
        if (activation == null) {
            activation = GlobalDefaults.activation(b.getActivationFn(), describe());
        }
        if (weightInit == null && b.getWeightInitFn() != null) {
            weightInit = GlobalDefaults.weightInit(b.getWeightInitFn());
            if (weightInit == null) {
                throw new IllegalArgumentException(describe() + ": the network's global weight initialisation "
                        + b.getWeightInitFn() + " is not one of the WeightInit constants (e.g. a distribution), "
                        + "which this vertex stores; set .weightInit(WeightInit.X) on the vertex");
            }
        }
    }

    /** @return the class and vertex name, for messages */
    private String describe() {
        return "DenseMergeVertex" + (getName() == null ? "" : " '" + getName() + "'");
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

    /** @return the size of input {@code a}; 0 until set or inferred */
    public long getNInA() {
        return nInA;
    }

    /** @param nInA the size of input {@code a} */
    public void setNInA(long nInA) {
        this.nInA = nInA;
    }

    /** @return the size of input {@code b}; 0 until set or inferred */
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

    /** @return the activation; null until set or taken from the network builder */
    public Activation getActivation() {
        return activation;
    }

    /** @param activation the activation */
    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    /** @return the weight initialisation of {@code Wa} and {@code Wb}; null until set or taken from the network builder */
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
        private Activation activation;
        private boolean activationSet;
        private WeightInit weightInit;
        private boolean weightInitSet;

        private Builder() {
        }

        /**
         * @param nInA size of input {@code a}, positive; 0 (the default) infers it from the input type
         * @return this builder
         */
        public Builder nInA(long nInA) {
            this.nInA = nInA;
            return this;
        }

        /**
         * @param nInB size of input {@code b}, positive; 0 (the default) infers it from the input type
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
         * @param activation the activation; when unset, the network builder's global activation (DL4J's default:
         *                   sigmoid), as for DL4J's {@code DenseLayer}
         * @return this builder
         */
        public Builder activation(Activation activation) {
            this.activation = activation;
            this.activationSet = true;
            return this;
        }

        /**
         * @param weightInit initialisation of both weight matrices, each from its own fan-in/fan-out; when unset, the
         *                   network builder's global one (DL4J's default: Xavier)
         * @return this builder
         */
        public Builder weightInit(WeightInit weightInit) {
            this.weightInit = weightInit;
            this.weightInitSet = true;
            return this;
        }

        /** @return the vertex configuration */
        public DenseMergeVertex build() {
            if (nOut <= 0) {
                throw new IllegalArgumentException("DenseMergeVertex: nOut must be positive, got " + nOut
                        + "; call .nOut(size)");
            }
            if (nInA < 0 || nInB < 0) {
                throw new IllegalArgumentException("DenseMergeVertex: nInA and nInB must be positive (or 0 to infer "
                        + "them from the input types), got " + nInA + ", " + nInB);
            }
            if ((activationSet && activation == null) || (weightInitSet && weightInit == null)) {
                throw new IllegalArgumentException("DenseMergeVertex: activation and weightInit must not be null; "
                        + "leave them unset for the network's global ones");
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
