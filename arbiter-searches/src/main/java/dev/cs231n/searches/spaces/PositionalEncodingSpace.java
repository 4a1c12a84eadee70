package dev.cs231n.searches.spaces;

import dev.cs231n.layers.attention.PositionalEncoding;
import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.conf.RNNFormat;

/**
 * Arbiter layer space of {@link PositionalEncoding} (the course's sinusoidal table added to the input, then
 * dropout): {@code nIn} (the embedding size {@code E}, even; unset, from the input type), {@code maxLength} (the
 * longest sequence accepted), {@code dropout} (the drop probability in training, in {@code [0, 1)}) and
 * {@code dataFormat}, each a value or a {@link ParameterSpace}. The layer has no parameters, hence no updater or
 * regularisation options; a recurrent input type sets its data format.
 */
public class PositionalEncodingSpace extends CustomLayerSpace<PositionalEncoding> {

    protected ParameterSpace<Integer> nIn;
    protected ParameterSpace<Integer> maxLength;
    protected ParameterSpace<Double> dropout;
    protected ParameterSpace<RNNFormat> dataFormat;

    private PositionalEncodingSpace() {
        super();
    }

    private PositionalEncodingSpace(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.maxLength = b.maxLength;
        this.dropout = b.dropout;
        this.dataFormat = b.dataFormat;
        countParameters();
    }

    @Override
    protected String dropoutAdvice() {
        return "use dropout(p), the layer's own drop probability";
    }

    @Override
    public PositionalEncoding getValue(double[] values) {
        PositionalEncoding.Builder b = PositionalEncoding.builder();
        if (nIn != null) {
            b.nIn(nIn.getValue(values));
        }
        if (maxLength != null) {
            b.maxLength(maxLength.getValue(values));
        }
        if (dropout != null) {
            b.dropout(dropout.getValue(values));
        }
        if (dataFormat != null) {
            b.dataFormat(dataFormat.getValue(values));
        }
        return b.build();
    }

    /** Builds a {@link PositionalEncodingSpace}. */
    @SuppressWarnings("unchecked") // Arbiter declares build() as <E extends LayerSpace> E build()
    public static class Builder extends LayerSpace.Builder<Builder> {
        private ParameterSpace<Integer> nIn;
        private ParameterSpace<Integer> maxLength;
        private ParameterSpace<Double> dropout;
        private ParameterSpace<RNNFormat> dataFormat;

        /**
         * @param e the embedding size {@code E} (even); leave unset to infer it from the input type
         * @return this builder
         */
        public Builder nIn(int e) {
            return nIn(new FixedValue<>(e));
        }

        /**
         * @param e a space of even embedding sizes
         * @return this builder
         */
        public Builder nIn(ParameterSpace<Integer> e) {
            this.nIn = e;
            return this;
        }

        /**
         * @param maxLength the longest sequence accepted, positive
         * @return this builder
         */
        public Builder maxLength(int maxLength) {
            return maxLength(new FixedValue<>(maxLength));
        }

        /**
         * @param maxLength a space of maximum lengths
         * @return this builder
         */
        public Builder maxLength(ParameterSpace<Integer> maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * @param p the drop probability in training, in {@code [0, 1)}
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

        @Override
        public PositionalEncodingSpace build() {
            return new PositionalEncodingSpace(this);
        }
    }
}
