package dev.cs231n.searches.spaces;

import dev.cs231n.layers.norm.LayerNorm;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.conf.RNNFormat;

/**
 * Arbiter layer space of {@link LayerNorm}: {@code dataFormat} (the layout of sequence input, NCW or NWC),
 * {@code nIn}, {@code eps} and the training options, each a value or a {@link ParameterSpace}. A network with a
 * recurrent input type sets the layer's data format from that type, whatever the space chose (the layer's own
 * rule); the option matters for layers used without an input type.
 */
public class LayerNormSpace extends NormalizationLayerSpace<LayerNorm> {

    protected ParameterSpace<RNNFormat> dataFormat;

    private LayerNormSpace() {
        super();
    }

    private LayerNormSpace(Builder b) {
        super(b);
        this.dataFormat = b.dataFormat;
        countParameters();
    }

    @Override
    public LayerNorm getValue(double[] values) {
        LayerNorm.Builder b = LayerNorm.builder();
        setNormOptions(b, values);
        if (dataFormat != null) {
            b.dataFormat(dataFormat.getValue(values));
        }
        return b.build();
    }

    /** Builds a {@link LayerNormSpace}. */
    @SuppressWarnings("unchecked") // Arbiter declares build() as <E extends LayerSpace> E build()
    public static class Builder extends NormalizationLayerSpace.Builder<Builder> {
        private ParameterSpace<RNNFormat> dataFormat;

        /**
         * @param format NCW ({@code [N, D, T]}) or NWC ({@code [N, T, D]})
         * @return this builder
         */
        public Builder dataFormat(RNNFormat format) {
            return dataFormat(new FixedValue<>(format));
        }

        /**
         * @param format a space of layouts, e.g. {@code new DiscreteParameterSpace<>(RNNFormat.values())}
         * @return this builder
         */
        public Builder dataFormat(ParameterSpace<RNNFormat> format) {
            this.dataFormat = format;
            return this;
        }

        @Override
        public LayerNormSpace build() {
            return new LayerNormSpace(this);
        }
    }
}
