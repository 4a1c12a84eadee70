package dev.cs231n.layers.recurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffVertex;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's vanilla RNN ({@code rnn_forward}) as a two-input graph vertex whose initial hidden state is an input:
 * <pre>
 * h_t = tanh(x_t Wx + h_{t-1} Wh + b),   t = 1..T,   h_0 = the second input
 * </pre>
 * Inputs: the sequence {@code x} (NCW {@code [N, D, T]} by default, NWC {@code [N, T, D]} with
 * {@code rnnDataFormat(NWC)}) and {@code h0: [N, H]} (e.g. a projection of image features); output: every hidden
 * state, {@code [N, H, T]} (or {@code [N, T, H]}). Parameters {@code Wx: [D, H]}, {@code Wh: [H, H]},
 * {@code b: [H]} (keys {@link #WX_KEY}, {@link #WH_KEY}, {@link #B_KEY}); {@code Wx} is initialised from fan-in D
 * and fan-out H, {@code Wh} from H and H, {@code b} is zero.
 *
 * <p>Masks: DL4J's per-time-step mask of the sequence ({@code [N, T]}, 1 = real step, 0 = padding) holds the state
 * and zeroes the output at padded steps: {@code h_t = m_t tanh(...) + (1 - m_t) h_{t-1}}, {@code out_t = m_t h_t}, so
 * a padded step changes nothing (bit for bit) and a left-padded sequence starts from {@code h0} at its first real
 * step. With a mask of ones (or none) it is exactly the course's recurrence. The output carries the input's mask.
 *
 * <p>Why a vertex: DL4J layers have one input, and the captioning model needs {@code h0} from another branch of the
 * graph (with its gradient flowing back into that branch). {@link #defineVertex} is the reference definition: a
 * SameDiff graph unrolled over the sequence length. At run time ({@link VanillaRnnGraphVertex}) the vertex computes
 * the same recurrence and its closed-form backward pass directly ({@link VanillaRnnKernels}, a few ND4J calls per
 * time step), tested equal to the SameDiff graph; the graph runs on request. Gradients are exact on every DL4J
 * release.
 */
public class VanillaRnnVertex extends CorrectedSameDiffVertex {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the input-to-hidden weights {@code Wx: [D, H]}. */
    public static final String WX_KEY = "Wx";
    /** Parameter key of the hidden-to-hidden weights {@code Wh: [H, H]}. */
    public static final String WH_KEY = "Wh";
    /** Parameter key of the bias {@code b: [H]}. */
    public static final String B_KEY = "b";
    /** Name of the sequence input in the vertex's SameDiff graph (and of its mask). */
    public static final String INPUT_X = "x";
    /** Name of the initial-state input in the vertex's SameDiff graph. */
    public static final String INPUT_H0 = "h0";

    private long nIn;
    private long nOut;
    private RNNFormat rnnDataFormat = RecurrentDefaults.FORMAT;
    private WeightInit weightInit = RecurrentDefaults.WEIGHT_INIT;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected VanillaRnnVertex() {
    }

    /** @return a new builder; {@code nIn} (D) and {@code nOut} (H) are required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public GraphVertex clone() {
        VanillaRnnVertex v = new VanillaRnnVertex();
        v.nIn = nIn;
        v.nOut = nOut;
        v.rnnDataFormat = rnnDataFormat;
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

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new VanillaRnnGraphVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.clear();
        params.defineInputs(INPUT_X, INPUT_H0);
        params.addWeightParam(WX_KEY, nIn, nOut);
        params.addWeightParam(WH_KEY, nOut, nOut);
        params.addBiasParam(B_KEY, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        RecurrentDefaults.weights(weightInit, nIn, nOut, params.get(WX_KEY));
        RecurrentDefaults.weights(weightInit, nOut, nOut, params.get(WH_KEY));
        params.get(B_KEY).assign(0.0);
    }

    /**
     * The unrolled recurrence. The graph always sees NCW {@code x: [N, D, T]} (the runtime transposes NWC) and the
     * mask {@code [N, T]} (ones when the network has none).
     */
    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> layerInput, Map<String, SDVariable> paramTable,
            Map<String, SDVariable> maskVars) {
        SDVariable x = layerInput.get(INPUT_X);
        SDVariable h = layerInput.get(INPUT_H0);
        int t = (int) x.getShape()[2];
        SDVariable wh = paramTable.get(WH_KEY);
        // All input projections in one matrix product: [N*T, D] x [D, H] -> [N, T, H]
        SDVariable xw = x.permute(0, 2, 1).reshape(-1, nIn).mmul(paramTable.get(WX_KEY)).add(paramTable.get(B_KEY))
                .reshape(-1, t, nOut);
        // The mask expanded to [N, T, H] by one matrix product (elementwise products then need no broadcasting)
        SDVariable ones = sd.constant("ones_1xH", Nd4j.ones(x.dataType(), 1, nOut));
        SDVariable m = maskVars.get(INPUT_X).reshape(-1, 1).mmul(ones).reshape(-1, t, nOut);
        SDVariable[] xs = sd.unstack(xw, 1, t);
        SDVariable[] ms = sd.unstack(m, 1, t);
        List<SDVariable> outs = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            SDVariable cand = sd.math.tanh(xs[i].add(h.mmul(wh)));
            h = cand.mul(ms[i]).add(h.mul(ms[i].rsub(1.0)));
            outs.add(h.mul(ms[i]));
        }
        return sd.stack("out", 2, outs.toArray(new SDVariable[0]));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        INDArray m = maskArrays == null ? null : maskArrays[0];
        return new Pair<>(m, m == null ? null : currentMaskState);
    }

    @Override
    public void validateInput(INDArray[] input) {
        // inputs reach the graph in NCW: x [N, D, T], h0 [N, H]
        if (input.length != 2) {
            throw new IllegalArgumentException(describe() + " takes 2 inputs (sequence, h0), got " + input.length);
        }
        INDArray x = input[0];
        INDArray h0 = input[1];
        if (x.rank() != 3 || x.size(1) != nIn) {
            throw new IllegalArgumentException(describe() + ": the sequence input must be " + shapeOf(nIn)
                    + " with D = nIn = " + nIn + ", got shape " + Arrays.toString(shapeIn(x)));
        }
        if (h0.rank() != 2 || h0.size(1) != nOut || h0.size(0) != x.size(0)) {
            throw new IllegalArgumentException(describe() + ": h0 must be [N, H] = [" + x.size(0) + ", " + nOut
                    + "] (H = the hidden size nOut, N = the sequence's minibatch), got shape "
                    + Arrays.toString(h0.shape()));
        }
    }

    /**
     * Checks a per-time-step mask against the sequence.
     *
     * @param mask the mask, or null
     * @param n    the minibatch size
     * @param t    the sequence length
     * @throws IllegalArgumentException naming the vertex and both shapes
     */
    void validateMask(INDArray mask, long n, long t) {
        if (mask != null && (mask.rank() != 2 || mask.size(0) != n || mask.size(1) != t)) {
            throw new IllegalArgumentException(describe() + ": the sequence mask must be [N, T] = [" + n + ", " + t
                    + "] (one value per example and time step), got shape " + Arrays.toString(mask.shape()));
        }
    }

    private String shapeOf(long d) {
        return rnnDataFormat == RNNFormat.NCW ? "NCW [N, " + d + ", T]" : "NWC [N, T, " + d + "]";
    }

    private long[] shapeIn(INDArray ncw) {
        return rnnDataFormat == RNNFormat.NCW || ncw.rank() != 3 ? ncw.shape()
                : new long[] {ncw.size(0), ncw.size(2), ncw.size(1)};
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2) {
            throw new InvalidInputTypeException(describe() + " takes 2 inputs (sequence, h0), got "
                    + vertexInputs.length);
        }
        InputType x = vertexInputs[0];
        InputType h0 = vertexInputs[1];
        if (x.getType() != InputType.Type.RNN || ((InputType.InputTypeRecurrent) x).getSize() != nIn) {
            throw new InvalidInputTypeException(describe() + ": input 0 must be a recurrent sequence of size nIn = "
                    + nIn + ", got " + x);
        }
        if (h0.getType() != InputType.Type.FF || h0.arrayElementsPerExample() != nOut) {
            throw new InvalidInputTypeException(describe() + ": input 1 (h0) must be feed-forward of the hidden size "
                    + "nOut = " + nOut + ", got " + h0);
        }
        return InputType.recurrent(nOut, ((InputType.InputTypeRecurrent) x).getTimeSeriesLength(), rnnDataFormat);
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    /** @return the class name and vertex name, for messages */
    String describe() {
        return "VanillaRnnVertex" + (getName() == null ? "" : " '" + getName() + "'") + " (D = " + nIn + ", H = "
                + nOut + ")";
    }

    /** @return D, the size of the sequence's features */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn D, the size of the sequence's features */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** @return H, the hidden size */
    public long getNOut() {
        return nOut;
    }

    /** @param nOut H, the hidden size */
    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    /** @return the layout of the sequence input and of the output */
    public RNNFormat getRnnDataFormat() {
        return rnnDataFormat;
    }

    /** @param rnnDataFormat the layout of the sequence input and of the output */
    public void setRnnDataFormat(RNNFormat rnnDataFormat) {
        this.rnnDataFormat = rnnDataFormat;
    }

    /** @return the initialisation of {@code Wx} and {@code Wh} */
    public WeightInit getWeightInit() {
        return weightInit;
    }

    /** @param weightInit the initialisation of {@code Wx} and {@code Wh} */
    public void setWeightInit(WeightInit weightInit) {
        this.weightInit = weightInit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VanillaRnnVertex) || !super.equals(o)) {
            return false;
        }
        VanillaRnnVertex that = (VanillaRnnVertex) o;
        return nIn == that.nIn && nOut == that.nOut && rnnDataFormat == that.rnnDataFormat
                && weightInit == that.weightInit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), getName(), nIn, nOut, rnnDataFormat, weightInit);
    }

    /** Builds a validated {@link VanillaRnnVertex}. */
    public static final class Builder {
        private long nIn;
        private long nOut;
        private RNNFormat rnnDataFormat = RecurrentDefaults.FORMAT;
        private WeightInit weightInit = RecurrentDefaults.WEIGHT_INIT;

        private Builder() {
        }

        /**
         * @param nIn D, the size of the sequence's features, positive
         * @return this builder
         */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /**
         * @param nOut H, the hidden size (and the width of h0), positive
         * @return this builder
         */
        public Builder nOut(long nOut) {
            this.nOut = nOut;
            return this;
        }

        /**
         * @param format NCW {@code [N, D, T]} (default) or NWC {@code [N, T, D]}, for the sequence and the output
         * @return this builder
         */
        public Builder rnnDataFormat(RNNFormat format) {
            this.rnnDataFormat = format;
            return this;
        }

        /**
         * @param weightInit initialisation of {@code Wx} and {@code Wh}, each from its own fan-in/fan-out; default
         *                   XAVIER
         * @return this builder
         */
        public Builder weightInit(WeightInit weightInit) {
            this.weightInit = weightInit;
            return this;
        }

        /** @return the vertex configuration */
        public VanillaRnnVertex build() {
            if (nIn <= 0 || nOut <= 0) {
                throw new IllegalArgumentException("VanillaRnnVertex: nIn (D, the sequence's feature size) and nOut "
                        + "(H, the hidden size) must be positive, got nIn = " + nIn + ", nOut = " + nOut);
            }
            if (rnnDataFormat == null || weightInit == null) {
                throw new IllegalArgumentException("VanillaRnnVertex: rnnDataFormat and weightInit must not be null");
            }
            VanillaRnnVertex v = new VanillaRnnVertex();
            v.nIn = nIn;
            v.nOut = nOut;
            v.rnnDataFormat = rnnDataFormat;
            v.weightInit = weightInit;
            return v;
        }
    }
}
