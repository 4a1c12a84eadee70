package dev.cs231n.layers.attention;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.dropout.DropoutMasks;
import dev.cs231n.layers.sequence.SequenceVertex;
import dev.cs231n.layers.sequence.Sequences;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-head cross-attention as a graph vertex: the course's {@code MultiHeadAttention(query, key, value, attn_mask)}
 * with queries from one sequence and keys and values from another (definition, formulas and parameters in
 * {@link MultiHeadAttention}).
 *
 * <p>Inputs, in this order: {@code query [N, E, S]} and {@code memory [N, E, T]} (keys = values = memory), or with
 * {@code separateValues(true)} {@code query}, {@code key [N, E, T]} and {@code value [N, E, T]}; NCW by default, NWC
 * with {@code dataFormat(NWC)}; {@code S} and {@code T} may differ and vary between minibatches. Output
 * {@code [N, E, S]}, masked like the query. The key input's DL4J mask {@code [N, T]} marks padded keys, which no
 * query attends to; the attention mask is causal and/or a fixed {@code S x T} matrix.
 *
 * <pre>
 * .addVertex("cross", MultiHeadAttentionVertex.builder().nIn(256).numHeads(4).build(), "decoded", "encoded")
 * </pre>
 */
public class MultiHeadAttentionVertex extends SequenceVertex {

    private static final long serialVersionUID = 1L;

    /** Name of the query input in the vertex's graph. */
    public static final String QUERY = "query";
    /** Name of the key (or memory) input in the vertex's graph. */
    public static final String KEY = "key";
    /** Name of the value input in the vertex's graph (with {@code separateValues}). */
    public static final String VALUE = "value";
    /** Name of the attention-bias placeholder {@code [S, T]}. */
    static final String BIAS = "attnBias";
    /** Name of the attention-weight dropout placeholder {@code [N, H, S, T]}. */
    static final String DROP = "attnDrop";

    private MultiHeadAttention attention = new MultiHeadAttention();
    private RNNFormat dataFormat = RNNFormat.NCW;
    private boolean separateValues;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected MultiHeadAttentionVertex() {
    }

    /** @return a new builder; {@code nIn} (E) is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.clear();
        if (separateValues) {
            params.defineInputs(QUERY, KEY, VALUE);
        } else {
            params.defineInputs(QUERY, KEY);
        }
        long e = attention.getEmbedDim();
        for (int i = 0; i < 4; i++) {
            params.addWeightParam(MultiHeadAttention.WEIGHT_KEYS[i], e, e);
            params.addBiasParam(MultiHeadAttention.BIAS_KEYS[i], e);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        attention.initialize(params, "");
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> in, Map<String, SDVariable> paramTable,
            Map<String, SDVariable> masks) {
        SDVariable q = Sequences.toNwc(in.get(QUERY), dataFormat);
        SDVariable k = Sequences.toNwc(in.get(KEY), dataFormat);
        SDVariable v = separateValues ? Sequences.toNwc(in.get(VALUE), dataFormat) : k;
        DataType dt = q.dataType();
        SDVariable bias = attention.hasAttentionBias() ? sd.placeHolder(BIAS, dt, -1, -1) : null;
        SDVariable drop = attention.getDropout() > 0 ? sd.placeHolder(DROP, dt, -1, -1, -1, -1) : null;
        SDVariable out = attention.define(sd, q, k, v, paramTable, "", masks.get(KEY), bias, drop);
        return Sequences.fromNwc(out, dataFormat).rename("out");
    }

    @Override
    public Map<String, INDArray> placeholderValues(INDArray[] inputs, INDArray[] masks, boolean training, long seed,
            DropoutMasks dropout, DataType dataType) {
        Sequences.checkMask(masks[0], inputs[0], dataFormat, describe() + " (query)");
        Sequences.checkMask(masks[1], inputs[1], dataFormat, describe() + " (key)");
        long s = Sequences.length(inputs[0], dataFormat);
        long t = Sequences.length(inputs[1], dataFormat);
        Map<String, INDArray> ph = new HashMap<>();
        if (attention.hasAttentionBias()) {
            ph.put(BIAS, attention.attentionBias(s, t, dataType, describe()));
        }
        if (attention.getDropout() > 0) {
            ph.put(DROP, attention.dropoutMask(inputs[0].size(0), s, t, training, seed, dropout, dataType));
        }
        return ph;
    }

    @Override
    protected long lengthOf(int input, INDArray x) {
        return Sequences.length(x, dataFormat);
    }

    @Override
    public void validateInput(INDArray[] inputs) {
        String[] names = separateValues ? new String[] {QUERY, KEY, VALUE} : new String[] {QUERY, "memory"};
        for (int i = 0; i < inputs.length; i++) {
            Sequences.check(inputs[i], dataFormat, attention.getEmbedDim(), describe() + " (" + names[i] + ")");
            if (inputs[i].size(0) != inputs[0].size(0)) {
                throw new IllegalArgumentException(describe() + ": the " + names[i] + " has minibatch size "
                        + inputs[i].size(0) + " but the query has " + inputs[0].size(0));
            }
        }
        if (separateValues && Sequences.length(inputs[2], dataFormat) != Sequences.length(inputs[1], dataFormat)) {
            throw new IllegalArgumentException(describe() + ": key and value must have the same length T, got "
                    + Arrays.toString(inputs[1].shape()) + " and " + Arrays.toString(inputs[2].shape()));
        }
    }

    @Override
    public int minVertexInputs() {
        return separateValues ? 3 : 2;
    }

    @Override
    public int maxVertexInputs() {
        return minVertexInputs();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != minVertexInputs()) {
            throw new InvalidInputTypeException(describe() + " takes " + minVertexInputs() + " inputs ("
                    + (separateValues ? "query, key, value" : "query, memory") + "), got " + vertexInputs.length);
        }
        for (int i = 0; i < vertexInputs.length; i++) {
            InputType t = vertexInputs[i];
            if (!(t instanceof InputType.InputTypeRecurrent)) {
                throw new InvalidInputTypeException(describe() + " input " + i + " must be a sequence "
                        + "(InputType.recurrent), got " + t);
            }
            InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) t;
            if (r.getSize() != attention.getEmbedDim()) {
                throw new InvalidInputTypeException(describe() + " input " + i + " ("
                        + (i == 0 ? "query" : separateValues ? (i == 1 ? "key" : "value") : "memory") + ") has "
                        + r.getSize() + " features, but the attention's width is E = " + attention.getEmbedDim());
            }
            if (r.getFormat() != dataFormat) {
                throw new InvalidInputTypeException(describe() + " input " + i + " is " + r.getFormat()
                        + " but the vertex is configured for " + dataFormat + "; set dataFormat(" + r.getFormat()
                        + ")");
            }
        }
        return vertexInputs[0];
    }

    /** @return the class and vertex name, for messages */
    String describe() {
        return "MultiHeadAttentionVertex" + (getName() == null ? "" : " '" + getName() + "'");
    }

    /** @return the attention's options */
    public MultiHeadAttention getAttention() {
        return attention;
    }

    /** @param attention the attention's options */
    public void setAttention(MultiHeadAttention attention) {
        this.attention = attention;
    }

    /** @return the sequence layout of the inputs and the output */
    public RNNFormat getDataFormat() {
        return dataFormat;
    }

    /** @param dataFormat the sequence layout of the inputs and the output */
    public void setDataFormat(RNNFormat dataFormat) {
        this.dataFormat = dataFormat;
    }

    /** @return whether keys and values are separate inputs (else both are the memory input) */
    public boolean isSeparateValues() {
        return separateValues;
    }

    /** @param separateValues whether keys and values are separate inputs */
    public void setSeparateValues(boolean separateValues) {
        this.separateValues = separateValues;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiHeadAttentionVertex)) {
            return false;
        }
        MultiHeadAttentionVertex m = (MultiHeadAttentionVertex) o;
        return attention.equals(m.attention) && dataFormat == m.dataFormat && separateValues == m.separateValues;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), attention, dataFormat, separateValues);
    }

    /** Builds a validated {@link MultiHeadAttentionVertex}. */
    public static final class Builder {
        private final MultiHeadAttention attention = new MultiHeadAttention();
        private RNNFormat dataFormat = RNNFormat.NCW;
        private boolean separateValues;

        private Builder() {
        }

        /**
         * @param e the embedding size {@code E} of query, keys and values; required
         * @return this builder
         */
        public Builder nIn(long e) {
            attention.setEmbedDim(e);
            return this;
        }

        /**
         * @param h the number of heads {@code H}; must divide {@code E}; default 1
         * @return this builder
         */
        public Builder numHeads(int h) {
            attention.setNumHeads(h);
            return this;
        }

        /**
         * @param p the drop probability of the attention weights in training, in [0, 1); default
         *          {@link MultiHeadAttention#DEFAULT_DROPOUT}
         * @return this builder
         */
        public Builder dropout(double p) {
            attention.setDropout(p);
            return this;
        }

        /**
         * @param causal whether query {@code s} may attend only to keys {@code t <= s}; default false
         * @return this builder
         */
        public Builder causal(boolean causal) {
            attention.setCausal(causal);
            return this;
        }

        /**
         * @param mask a fixed {@code S x T} attention mask, 1 = may attend, 0 = masked
         * @return this builder
         */
        public Builder attentionMask(int[][] mask) {
            attention.setAttentionMask(mask == null ? null : Arrays.stream(mask).map(int[]::clone)
                    .toArray(int[][]::new));
            return this;
        }

        /**
         * @param separate true: three inputs (query, key, value); false (default): two (query, memory)
         * @return this builder
         */
        public Builder separateValues(boolean separate) {
            this.separateValues = separate;
            return this;
        }

        /**
         * @param format NCW (default) or NWC, for all inputs and the output
         * @return this builder
         */
        public Builder dataFormat(RNNFormat format) {
            this.dataFormat = format;
            return this;
        }

        /**
         * @param init the initialisation of the four weights (each from its own fan-in/fan-out); default XAVIER
         * @return this builder
         */
        public Builder weightInit(WeightInit init) {
            attention.setWeightInit(init);
            return this;
        }

        /** @return the vertex configuration */
        public MultiHeadAttentionVertex build() {
            attention.validate("MultiHeadAttentionVertex", true);
            if (dataFormat == null) {
                throw new IllegalArgumentException("MultiHeadAttentionVertex: dataFormat must be NCW or NWC");
            }
            MultiHeadAttentionVertex v = new MultiHeadAttentionVertex();
            v.attention = attention;
            v.dataFormat = dataFormat;
            v.separateValues = separateValues;
            return v;
        }
    }
}
