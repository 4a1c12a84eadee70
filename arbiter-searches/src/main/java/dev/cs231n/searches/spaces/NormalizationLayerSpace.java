package dev.cs231n.searches.spaces;

import dev.cs231n.layers.norm.NormalizationLayer;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;

/**
 * The options of every normalisation layer ({@link NormalizationLayer}): {@code nIn} (the size {@code C} or
 * {@code D} of {@code gamma, beta}; unset, it is inferred from the network's input type, as Arbiter's own layer
 * spaces leave {@code nIn} to the input type) and {@code eps}, plus the training options of
 * {@link TrainableLayerSpace}. The layers have no activation and start {@code gamma, beta} at 1, 0, so DL4J's
 * {@code weightInit} and {@code activation} are not options here.
 *
 * @param <L> the normalisation layer this space produces
 */
public abstract class NormalizationLayerSpace<L extends NormalizationLayer> extends TrainableLayerSpace<L> {

    protected ParameterSpace<Integer> nIn;
    protected ParameterSpace<Double> eps;

    /** For JSON deserialisation. */
    protected NormalizationLayerSpace() {
        super();
    }

    /** @param b the space's builder */
    protected NormalizationLayerSpace(Builder<?> b) {
        super(b);
        this.nIn = b.nIn;
        this.eps = b.eps;
    }

    @Override
    protected String dropoutAdvice() {
        return "drop the input of the layer before, or add an InvertedDropoutSpace";
    }

    /**
     * Sets {@code nIn}, {@code eps} and the training options that are not null.
     *
     * @param lb     the layer's builder
     * @param values the candidate's point
     */
    protected void setNormOptions(NormalizationLayer.Builder<?> lb, double[] values) {
        setTrainingOptions(lb, values);
        if (nIn != null) {
            lb.nIn(nIn.getValue(values));
        }
        if (eps != null) {
            lb.eps(eps.getValue(values));
        }
    }

    /**
     * Paired value / {@link ParameterSpace} setters of {@code nIn} and {@code eps}.
     *
     * @param <T> the concrete builder
     */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends TrainableLayerSpace.Builder<T> {
        protected ParameterSpace<Integer> nIn;
        protected ParameterSpace<Double> eps;

        /** Subclasses only. */
        protected Builder() {
        }

        /**
         * @param nIn {@code C} or {@code D}; leave unset to infer it from the input type
         * @return this builder
         */
        public T nIn(int nIn) {
            return nIn(new FixedValue<>(nIn));
        }

        /**
         * @param nIn a space of {@code C} or {@code D} values
         * @return this builder
         */
        public T nIn(ParameterSpace<Integer> nIn) {
            this.nIn = nIn;
            return (T) this;
        }

        /**
         * @param eps added to the variance under the square root, positive
         * @return this builder
         */
        public T eps(double eps) {
            return eps(new FixedValue<>(eps));
        }

        /**
         * @param eps a space of {@code eps} values, e.g. {@code new ContinuousParameterSpace(1e-6, 1e-3)}
         * @return this builder
         */
        public T eps(ParameterSpace<Double> eps) {
            this.eps = eps;
            return (T) this;
        }
    }
}
