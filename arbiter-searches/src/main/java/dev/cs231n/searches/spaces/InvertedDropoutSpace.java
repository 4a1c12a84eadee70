package dev.cs231n.searches.spaces;

import dev.cs231n.layers.dropout.InvertedDropout;
import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;

/**
 * Arbiter layer space of {@link InvertedDropout}, the course's dropout layer: {@code keepProbability} (the
 * probability {@code p} of keeping an activation, in {@code (0, 1]}), a value or a {@link ParameterSpace}. Left
 * unset, the layer keeps with the network's global {@code dropOut(p)} (also searchable, in Arbiter's
 * {@code MultiLayerSpace}), else with {@code p = 0.5}, exactly as the layer built without the option would. The
 * layer has no parameters, hence no updater or regularisation options.
 */
public class InvertedDropoutSpace extends CustomLayerSpace<InvertedDropout> {

    protected ParameterSpace<Double> keepProbability;

    private InvertedDropoutSpace() {
        super();
    }

    private InvertedDropoutSpace(Builder b) {
        super(b);
        this.keepProbability = b.keepProbability;
        countParameters();
    }

    @Override
    protected String dropoutAdvice() {
        return "use keepProbability(p)";
    }

    @Override
    public InvertedDropout getValue(double[] values) {
        InvertedDropout.Builder b = InvertedDropout.builder();
        if (keepProbability != null) {
            b.keepProbability(keepProbability.getValue(values));
        }
        return b.build();
    }

    /** Builds an {@link InvertedDropoutSpace}. */
    @SuppressWarnings("unchecked") // Arbiter declares build() as <E extends LayerSpace> E build()
    public static class Builder extends LayerSpace.Builder<Builder> {
        private ParameterSpace<Double> keepProbability;

        /**
         * @param p the probability of keeping each activation, in {@code (0, 1]}
         * @return this builder
         */
        public Builder keepProbability(double p) {
            return keepProbability(new FixedValue<>(p));
        }

        /**
         * @param p a space of keep probabilities inside {@code (0, 1]}
         * @return this builder
         */
        public Builder keepProbability(ParameterSpace<Double> p) {
            this.keepProbability = p;
            return this;
        }

        @Override
        public InvertedDropoutSpace build() {
            return new InvertedDropoutSpace(this);
        }
    }
}
