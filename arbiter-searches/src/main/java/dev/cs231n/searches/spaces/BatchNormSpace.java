package dev.cs231n.searches.spaces;

import dev.cs231n.layers.norm.BatchNorm;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;

/**
 * Arbiter layer space of {@link BatchNorm}: {@code momentum} (the weight of the old running statistic, in
 * {@code [0, 1)}), {@code nIn}, {@code eps} and the training options, each a value or a {@link ParameterSpace};
 * unset options keep the layer's defaults ({@code momentum = 0.9}, {@code eps = 1e-5}, {@code nIn} from the input
 * type).
 * <pre>
 * new BatchNormSpace.Builder().momentum(new ContinuousParameterSpace(0.8, 0.99)).eps(1e-5).build()
 * </pre>
 */
public class BatchNormSpace extends NormalizationLayerSpace<BatchNorm> {

    protected ParameterSpace<Double> momentum;

    private BatchNormSpace() {
        super();
    }

    private BatchNormSpace(Builder b) {
        super(b);
        this.momentum = b.momentum;
        countParameters();
    }

    @Override
    public BatchNorm getValue(double[] values) {
        BatchNorm.Builder b = BatchNorm.builder();
        setNormOptions(b, values);
        if (momentum != null) {
            b.momentum(momentum.getValue(values));
        }
        return b.build();
    }

    /** Builds a {@link BatchNormSpace}. */
    @SuppressWarnings("unchecked") // Arbiter declares build() as <E extends LayerSpace> E build()
    public static class Builder extends NormalizationLayerSpace.Builder<Builder> {
        private ParameterSpace<Double> momentum;

        /**
         * @param momentum the weight of the old running statistic, in {@code [0, 1)}
         * @return this builder
         */
        public Builder momentum(double momentum) {
            return momentum(new FixedValue<>(momentum));
        }

        /**
         * @param momentum a space of momentum values inside {@code [0, 1)}
         * @return this builder
         */
        public Builder momentum(ParameterSpace<Double> momentum) {
            this.momentum = momentum;
            return this;
        }

        @Override
        public BatchNormSpace build() {
            return new BatchNormSpace(this);
        }
    }
}
