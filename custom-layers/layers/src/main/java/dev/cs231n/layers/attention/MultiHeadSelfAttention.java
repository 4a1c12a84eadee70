package dev.cs231n.layers.attention;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.dropout.DropoutMasks;
import dev.cs231n.layers.samediff.CorrectedSameDiffLayer;
import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import dev.cs231n.layers.sequence.PassPlaceholders;
import dev.cs231n.layers.sequence.SequenceLayerImpl;
import dev.cs231n.layers.sequence.Sequences;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-head self-attention as a layer: the course's {@code MultiHeadAttention(x, x, x, attn_mask)} over one DL4J
 * sequence (definition, formulas and parameters in {@link MultiHeadAttention}).
 *
 * <p>Input {@code [N, E, T]} (NCW, DL4J's default) or {@code [N, T, E]} ({@link #getDataFormat()} NWC; inferred from
 * the input type), any {@code T}; output the same shape. The DL4J sequence mask {@code [N, T]} (0 = padding) masks
 * padded positions as keys (no query attends to them) and is passed on as the output's mask. The attention mask is
 * causal ({@code causal(true)}: step {@code s} sees steps {@code <= s}) and/or a fixed {@code T x T} matrix.
 * Parameters {@code Wq, Wk, Wv, Wp: [E, E]}, {@code bq, bk, bv, bp: [E]} ({@link MultiHeadAttention#WQ} ...).
 *
 * <pre>
 * .layer(MultiHeadSelfAttention.builder().numHeads(4).causal(true).dropout(0.1).build())   // E from the input type
 * </pre>
 */
public class MultiHeadSelfAttention extends CorrectedSameDiffLayer implements PassPlaceholders {

    private static final long serialVersionUID = 1L;

    /** Name of the attention-bias placeholder {@code [T, T]} in the layer's graph. */
    static final String BIAS = "attnBias";
    /** Name of the attention-weight dropout placeholder {@code [N, H, T, T]} in the layer's graph. */
    static final String DROP = "attnDrop";

    private MultiHeadAttention attention = new MultiHeadAttention();
    private RNNFormat dataFormat = RNNFormat.NCW;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected MultiHeadSelfAttention() {
        super();
    }

    private MultiHeadSelfAttention(Builder b) {
        super(b);
        this.attention = b.attention;
        this.dataFormat = b.dataFormat;
    }

    /** @return a new builder; {@code numHeads} defaults to 1, {@code nIn} (E) is inferred from the input type */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
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
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        SDVariable x = Sequences.toNwc(layerInput, dataFormat);
        SDVariable bias = attention.hasAttentionBias() ? sd.placeHolder(BIAS, layerInput.dataType(), -1, -1) : null;
        SDVariable drop = attention.getDropout() > 0
                ? sd.placeHolder(DROP, layerInput.dataType(), -1, -1, -1, -1) : null;
        SDVariable out = attention.define(sd, x, x, x, paramTable, "", mask, bias, drop);
        return Sequences.fromNwc(out, dataFormat).rename("out");
    }

    @Override
    public Map<String, INDArray> placeholderValues(INDArray[] inputs, INDArray[] masks, boolean training, long seed,
            DropoutMasks dropout, DataType dataType) {
        INDArray x = inputs[0];
        Sequences.checkMask(masks[0], x, dataFormat, describe());
        long t = Sequences.length(x, dataFormat);
        Map<String, INDArray> ph = new HashMap<>();
        if (attention.hasAttentionBias()) {
            ph.put(BIAS, attention.attentionBias(t, t, dataType, describe()));
        }
        if (attention.getDropout() > 0) {
            ph.put(DROP, attention.dropoutMask(x.size(0), t, t, training, seed, dropout, dataType));
        }
        return ph;
    }

    @Override
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new SequenceLayerImpl(conf, dataType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent r = Sequences.recurrent(inputType, describe());
        dataFormat = r.getFormat();
        if (attention.getEmbedDim() <= 0 || override) {
            attention.setEmbedDim(r.getSize());
            attention.validate(describe(), true);
            setLayerParams(null); // parameter shapes depend on E: define them again when next asked
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent r = Sequences.recurrent(inputType, describe());
        if (attention.getEmbedDim() > 0 && r.getSize() != attention.getEmbedDim()) {
            throw new IllegalArgumentException(describe() + " was configured with E = " + attention.getEmbedDim()
                    + " but its input type " + inputType + " has " + r.getSize() + " features");
        }
        return inputType;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        Sequences.recurrent(inputType, describe());
        return null;
    }

    @Override
    public void validateInput(INDArray input) {
        Sequences.check(input, dataFormat, attention.getEmbedDim(), describe());
    }

    @Override
    public INDArray onesMaskForInput(INDArray input) {
        return Sequences.onesMask(input, dataFormat);
    }

    /** @return the class and layer name, for messages */
    String describe() {
        return "MultiHeadSelfAttention" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
    }

    /** @return the attention's options (E, heads, dropout, masks, initialisation) */
    public MultiHeadAttention getAttention() {
        return attention;
    }

    /** @param attention the attention's options */
    public void setAttention(MultiHeadAttention attention) {
        this.attention = attention;
    }

    /** @return the sequence layout of input and output */
    public RNNFormat getDataFormat() {
        return dataFormat;
    }

    /** @param dataFormat the sequence layout of input and output */
    public void setDataFormat(RNNFormat dataFormat) {
        this.dataFormat = dataFormat;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiHeadSelfAttention) || !super.equals(o)) {
            return false;
        }
        MultiHeadSelfAttention m = (MultiHeadSelfAttention) o;
        return attention.equals(m.attention) && dataFormat == m.dataFormat;
    }

    /** Hashes the class, name and options (DL4J's SameDiff-layer hash code is not stable across copies). */
    @Override
    public int hashCode() {
        return Objects.hash(getClass(), getLayerName(), attention, dataFormat);
    }

    /** Builds a validated {@link MultiHeadSelfAttention}. */
    public static final class Builder extends CorrectedSameDiffLayer.Builder<Builder> {
        private final MultiHeadAttention attention = new MultiHeadAttention();
        private RNNFormat dataFormat = RNNFormat.NCW;

        private Builder() {
        }

        /**
         * @param e the embedding size {@code E}; 0 (the default) infers it from the input type
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
         *          {@link MultiHeadAttention#DEFAULT_DROPOUT} (the course's)
         * @return this builder
         */
        public Builder dropout(double p) {
            attention.setDropout(p);
            return this;
        }

        /**
         * @param causal whether step {@code s} may attend only to steps {@code <= s}; default false
         * @return this builder
         */
        public Builder causal(boolean causal) {
            attention.setCausal(causal);
            return this;
        }

        /**
         * @param mask a fixed {@code T x T} attention mask, 1 = may attend, 0 = masked (combined with
         *             {@code causal}); sequences must then have exactly that length
         * @return this builder
         */
        public Builder attentionMask(int[][] mask) {
            attention.setAttentionMask(mask == null ? null : java.util.Arrays.stream(mask).map(int[]::clone)
                    .toArray(int[][]::new));
            return this;
        }

        /**
         * @param format NCW ({@code [N, E, T]}, DL4J's default) or NWC ({@code [N, T, E]}); inferred from the
         *               input type when the network sets one
         * @return this builder
         */
        public Builder dataFormat(RNNFormat format) {
            this.dataFormat = format;
            return this;
        }

        @Override
        public Builder weightInit(WeightInit init) {
            attention.setWeightInit(init);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MultiHeadSelfAttention build() {
            String layer = "MultiHeadSelfAttention" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
            attention.validate(layer, false);
            if (attention.getAttentionMask() != null
                    && attention.getAttentionMask().length != attention.getAttentionMask()[0].length) {
                throw new IllegalArgumentException(layer + ": a self-attention mask must be square (T x T), got "
                        + attention.getAttentionMask().length + " x " + attention.getAttentionMask()[0].length);
            }
            if (dataFormat == null) {
                throw new IllegalArgumentException(layer + ": dataFormat must be NCW or NWC");
            }
            if (getIDropout() != null) {
                throw new IllegalArgumentException(layer + ": DL4J's per-layer dropOut(...) is not applied by SameDiff "
                        + "layers; use dropout(p) for the attention weights");
            }
            return new MultiHeadSelfAttention(this);
        }
    }
}
