package dev.cs231n.searches.spaces;

import dev.cs231n.layers.norm.GroupNorm;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;

/**
 * Arbiter layer space of {@link GroupNorm}: {@code groups} (required, as in the layer's builder), {@code nIn},
 * {@code eps} and the training options, each a value or a {@link ParameterSpace}. {@code groups} must divide the
 * channel count: search it over divisors, e.g. {@code new DiscreteParameterSpace<>(1, 2, 4, 8)} for 8 channels (an
 * {@code IntegerParameterSpace} over a range would produce candidates that fail to build, which Arbiter records as
 * failed candidates).
 */
public class GroupNormSpace extends NormalizationLayerSpace<GroupNorm> {

    protected ParameterSpace<Integer> groups;

    private GroupNormSpace() {
        super();
    }

    private GroupNormSpace(Builder b) {
        super(b);
        if (b.groups == null) {
            throw new IllegalArgumentException("GroupNormSpace: groups is required; call .groups(G) or "
                    + ".groups(new DiscreteParameterSpace<>(...)) with divisors of the channel count");
        }
        this.groups = b.groups;
        countParameters();
    }

    @Override
    public GroupNorm getValue(double[] values) {
        GroupNorm.Builder b = GroupNorm.builder();
        setNormOptions(b, values);
        b.groups(groups.getValue(values));
        return b.build();
    }

    /** Builds a {@link GroupNormSpace}. */
    @SuppressWarnings("unchecked") // Arbiter declares build() as <E extends LayerSpace> E build()
    public static class Builder extends NormalizationLayerSpace.Builder<Builder> {
        private ParameterSpace<Integer> groups;

        /**
         * @param groups the number of channel groups {@code G}, dividing {@code C}
         * @return this builder
         */
        public Builder groups(int groups) {
            return groups(new FixedValue<>(groups));
        }

        /**
         * @param groups a space of group counts, each dividing {@code C}
         * @return this builder
         */
        public Builder groups(ParameterSpace<Integer> groups) {
            this.groups = groups;
            return this;
        }

        @Override
        public GroupNormSpace build() {
            return new GroupNormSpace(this);
        }
    }
}
