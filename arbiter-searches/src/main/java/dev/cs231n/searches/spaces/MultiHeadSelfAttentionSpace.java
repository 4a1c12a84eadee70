package dev.cs231n.searches.spaces;

import dev.cs231n.layers.attention.MultiHeadSelfAttention;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * Arbiter layer space of {@link MultiHeadSelfAttention}: {@code nIn} (the embedding size {@code E}; unset, from the
 * input type), {@code numHeads} (must divide {@code E}), {@code dropout} (of the attention weights, in
 * {@code [0, 1)}), {@code causal}, {@code attentionMask} (a fixed {@code T x T} 0/1 matrix), {@code dataFormat},
 * {@code weightInit} (of the four projections) and the training options of {@link TrainableLayerSpace}, each a
 * value or a {@link ParameterSpace}.
 *
 * <p>Search {@code numHeads} over divisors of {@code E} ({@code new DiscreteParameterSpace<>(1, 2, 4)} for
 * {@code E = 8}); other values make candidates that fail to build. An attention mask fixes the sequence length
 * {@code T}, so it is normally a fixed value; {@code causal} is the searchable masking option.
 */
public class MultiHeadSelfAttentionSpace extends TrainableLayerSpace<MultiHeadSelfAttention> {

    protected ParameterSpace<Integer> nIn;
    protected ParameterSpace<Integer> numHeads;
    protected ParameterSpace<Double> dropout;
    protected ParameterSpace<Boolean> causal;
    protected ParameterSpace<int[][]> attentionMask;
    protected ParameterSpace<RNNFormat> dataFormat;
    protected ParameterSpace<WeightInit> weightInit;

    private MultiHeadSelfAttentionSpace() {
        super();
    }

    private MultiHeadSelfAttentionSpace(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.numHeads = b.numHeads;
        this.dropout = b.dropout;
        this.causal = b.causal;
        this.attentionMask = b.attentionMask;
        this.dataFormat = b.dataFormat;
        this.weightInit = b.weightInit;
        countParameters();
    }

    @Override
    protected String dropoutAdvice() {
        return "use dropout(p), the drop probability of the attention weights";
    }

    @Override
    public MultiHeadSelfAttention getValue(double[] values) {
        MultiHeadSelfAttention.Builder b = MultiHeadSelfAttention.builder();
        setTrainingOptions(b, values);
        if (nIn != null) {
            b.nIn(nIn.getValue(values));
        }
        if (numHeads != null) {
            b.numHeads(numHeads.getValue(values));
        }
        if (dropout != null) {
            b.dropout(dropout.getValue(values));
        }
        if (causal != null) {
            b.causal(causal.getValue(values));
        }
        if (attentionMask != null) {
            b.attentionMask(attentionMask.getValue(values));
        }
        if (dataFormat != null) {
            b.dataFormat(dataFormat.getValue(values));
        }
        if (weightInit != null) {
            b.weightInit(weightInit.getValue(values));
        }
        return b.build();
    }

    /** Builds a {@link MultiHeadSelfAttentionSpace}. */
    @SuppressWarnings("unchecked") // Arbiter declares build() as <E extends LayerSpace> E build()
    public static class Builder extends TrainableLayerSpace.Builder<Builder> {
        private ParameterSpace<Integer> nIn;
        private ParameterSpace<Integer> numHeads;
        private ParameterSpace<Double> dropout;
        private ParameterSpace<Boolean> causal;
        private ParameterSpace<int[][]> attentionMask;
        private ParameterSpace<RNNFormat> dataFormat;
        private ParameterSpace<WeightInit> weightInit;

        /**
         * @param e the embedding size {@code E}; leave unset to infer it from the input type
         * @return this builder
         */
        public Builder nIn(int e) {
            return nIn(new FixedValue<>(e));
        }

        /**
         * @param e a space of embedding sizes
         * @return this builder
         */
        public Builder nIn(ParameterSpace<Integer> e) {
            this.nIn = e;
            return this;
        }

        /**
         * @param h the number of heads, dividing {@code E}
         * @return this builder
         */
        public Builder numHeads(int h) {
            return numHeads(new FixedValue<>(h));
        }

        /**
         * @param h a space of head counts, each dividing {@code E}
         * @return this builder
         */
        public Builder numHeads(ParameterSpace<Integer> h) {
            this.numHeads = h;
            return this;
        }

        /**
         * @param p the drop probability of the attention weights in training, in {@code [0, 1)}
         * @return this builder
         */
        public Builder dropout(double p) {
            return dropout(new FixedValue<>(p));
        }

        /**
         * @param p a space of drop probabilities inside {@code [0, 1)}
         * @return this builder
         */
        public Builder dropout(ParameterSpace<Double> p) {
            this.dropout = p;
            return this;
        }

        /**
         * @param causal whether step {@code s} attends only to steps {@code <= s}
         * @return this builder
         */
        public Builder causal(boolean causal) {
            return causal(new FixedValue<>(causal));
        }

        /**
         * @param causal a space of the flag, e.g. Arbiter's {@code BooleanSpace}
         * @return this builder
         */
        public Builder causal(ParameterSpace<Boolean> causal) {
            this.causal = causal;
            return this;
        }

        /**
         * @param mask a fixed {@code T x T} mask, 1 = may attend (copied)
         * @return this builder
         */
        public Builder attentionMask(int[][] mask) {
            int[][] copy = new int[mask.length][];
            for (int i = 0; i < mask.length; i++) {
                copy[i] = mask[i].clone();
            }
            return attentionMask(new FixedValue<>(copy));
        }

        /**
         * @param mask a space of {@code T x T} masks
         * @return this builder
         */
        public Builder attentionMask(ParameterSpace<int[][]> mask) {
            this.attentionMask = mask;
            return this;
        }

        /**
         * @param format NCW or NWC
         * @return this builder
         */
        public Builder dataFormat(RNNFormat format) {
            return dataFormat(new FixedValue<>(format));
        }

        /**
         * @param format a space of layouts
         * @return this builder
         */
        public Builder dataFormat(ParameterSpace<RNNFormat> format) {
            this.dataFormat = format;
            return this;
        }

        /**
         * @param init the initialisation of the projection matrices (fan-in/fan-out of each)
         * @return this builder
         */
        public Builder weightInit(WeightInit init) {
            return weightInit(new FixedValue<>(init));
        }

        /**
         * @param init a space of initialisations, e.g. {@code new DiscreteParameterSpace<>(XAVIER, RELU)}
         * @return this builder
         */
        public Builder weightInit(ParameterSpace<WeightInit> init) {
            this.weightInit = init;
            return this;
        }

        @Override
        public MultiHeadSelfAttentionSpace build() {
            return new MultiHeadSelfAttentionSpace(this);
        }
    }
}
