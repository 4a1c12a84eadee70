package dev.cs231n.searches.spaces;

import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The options every custom layer with trained parameters shares, as DL4J's SameDiff layer builder offers them:
 * the updater of the weights and of the biases, and L1/L2 and weight decay of both (each a coefficient; a layer
 * that sets none takes the network's). Arbiter's {@code BaseLayerSpace} holds the same options for DL4J's built-in
 * layers.
 *
 * <p>Not offered: the builder's {@code constrainWeights/constrainBias/constrainAllParameters}. DL4J 1.0.0-M2.1's
 * SameDiff layer configuration never reads them (its constructor does not call {@code initializeConstraints}, so
 * {@code getConstraints()} stays null and no constraint is ever applied); a space option for them would promise a
 * search over something the network ignores.
 *
 * <p>Which parameters are "weights" and "biases" is the layer's choice: the normalisation layers' {@code gamma} is a
 * weight and {@code beta} a bias (their running statistics are never updated or regularised); the attention
 * layer's projection matrices are weights and its offsets biases. DL4J keeps one of L2 and weight decay: setting
 * both on one space makes the later one (weight decay) replace L2, with DL4J's warning.
 *
 * @param <L> the layer this space produces
 */
public abstract class TrainableLayerSpace<L extends AbstractSameDiffLayer> extends CustomLayerSpace<L> {

    protected ParameterSpace<IUpdater> updater;
    protected ParameterSpace<IUpdater> biasUpdater;
    protected ParameterSpace<Double> l1;
    protected ParameterSpace<Double> l2;
    protected ParameterSpace<Double> l1Bias;
    protected ParameterSpace<Double> l2Bias;
    protected ParameterSpace<Double> weightDecay;
    protected ParameterSpace<Double> weightDecayBias;

    /** For JSON deserialisation. */
    protected TrainableLayerSpace() {
        super();
    }

    /** @param b the space's builder */
    protected TrainableLayerSpace(Builder<?> b) {
        super(b);
        this.updater = b.updater;
        this.biasUpdater = b.biasUpdater;
        this.l1 = b.l1;
        this.l2 = b.l2;
        this.l1Bias = b.l1Bias;
        this.l2Bias = b.l2Bias;
        this.weightDecay = b.weightDecay;
        this.weightDecayBias = b.weightDecayBias;
    }

    /**
     * Sets the shared options that are not null on the layer's builder.
     *
     * @param lb     the layer's builder
     * @param values the candidate's point
     */
    protected void setTrainingOptions(AbstractSameDiffLayer.Builder<?> lb, double[] values) {
        if (updater != null) {
            lb.updater(updater.getValue(values));
        }
        if (biasUpdater != null) {
            lb.biasUpdater(biasUpdater.getValue(values));
        }
        if (l1 != null) {
            lb.l1(l1.getValue(values));
        }
        if (l2 != null) {
            lb.l2(l2.getValue(values));
        }
        if (l1Bias != null) {
            lb.l1Bias(l1Bias.getValue(values));
        }
        if (l2Bias != null) {
            lb.l2Bias(l2Bias.getValue(values));
        }
        if (weightDecay != null) {
            lb.weightDecay(weightDecay.getValue(values));
        }
        if (weightDecayBias != null) {
            lb.weightDecayBias(weightDecayBias.getValue(values));
        }
    }

    /**
     * Paired value / {@link ParameterSpace} setters of the shared options.
     *
     * @param <T> the concrete builder
     */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends LayerSpace.Builder<T> {
        protected ParameterSpace<IUpdater> updater;
        protected ParameterSpace<IUpdater> biasUpdater;
        protected ParameterSpace<Double> l1;
        protected ParameterSpace<Double> l2;
        protected ParameterSpace<Double> l1Bias;
        protected ParameterSpace<Double> l2Bias;
        protected ParameterSpace<Double> weightDecay;
        protected ParameterSpace<Double> weightDecayBias;
            
        /** Subclasses only. */
        protected Builder() {
        }

        /**
         * @param updater the weights' updater (and the biases', unless {@link #biasUpdater} is set)
         * @return this builder
         */
        public T updater(IUpdater updater) {
            return updater(new FixedValue<>(updater));
        }

        /**
         * @param updater a space of updaters, e.g. Arbiter's {@code AdamSpace}
         * @return this builder
         */
        public T updater(ParameterSpace<IUpdater> updater) {
            this.updater = updater;
            return (T) this;
        }

        /**
         * @param updater the biases' updater
         * @return this builder
         */
        public T biasUpdater(IUpdater updater) {
            return biasUpdater(new FixedValue<>(updater));
        }

        /**
         * @param updater a space of the biases' updaters
         * @return this builder
         */
        public T biasUpdater(ParameterSpace<IUpdater> updater) {
            this.biasUpdater = updater;
            return (T) this;
        }

        /**
         * @param l1 the weights' L1 coefficient
         * @return this builder
         */
        public T l1(double l1) {
            return l1(new FixedValue<>(l1));
        }

        /**
         * @param l1 a space of the weights' L1 coefficient
         * @return this builder
         */
        public T l1(ParameterSpace<Double> l1) {
            this.l1 = l1;
            return (T) this;
        }

        /**
         * @param l2 the weights' L2 coefficient
         * @return this builder
         */
        public T l2(double l2) {
            return l2(new FixedValue<>(l2));
        }

        /**
         * @param l2 a space of the weights' L2 coefficient
         * @return this builder
         */
        public T l2(ParameterSpace<Double> l2) {
            this.l2 = l2;
            return (T) this;
        }

        /**
         * @param l1Bias the biases' L1 coefficient
         * @return this builder
         */
        public T l1Bias(double l1Bias) {
            return l1Bias(new FixedValue<>(l1Bias));
        }

        /**
         * @param l1Bias a space of the biases' L1 coefficient
         * @return this builder
         */
        public T l1Bias(ParameterSpace<Double> l1Bias) {
            this.l1Bias = l1Bias;
            return (T) this;
        }

        /**
         * @param l2Bias the biases' L2 coefficient
         * @return this builder
         */
        public T l2Bias(double l2Bias) {
            return l2Bias(new FixedValue<>(l2Bias));
        }

        /**
         * @param l2Bias a space of the biases' L2 coefficient
         * @return this builder
         */
        public T l2Bias(ParameterSpace<Double> l2Bias) {
            this.l2Bias = l2Bias;
            return (T) this;
        }

        /**
         * @param coefficient the weights' weight decay (DL4J's {@code WeightDecay}, applied with the learning rate)
         * @return this builder
         */
        public T weightDecay(double coefficient) {
            return weightDecay(new FixedValue<>(coefficient));
        }

        /**
         * @param coefficient a space of the weights' weight decay
         * @return this builder
         */
        public T weightDecay(ParameterSpace<Double> coefficient) {
            this.weightDecay = coefficient;
            return (T) this;
        }

        /**
         * @param coefficient the biases' weight decay
         * @return this builder
         */
        public T weightDecayBias(double coefficient) {
            return weightDecayBias(new FixedValue<>(coefficient));
        }

        /**
         * @param coefficient a space of the biases' weight decay
         * @return this builder
         */
        public T weightDecayBias(ParameterSpace<Double> coefficient) {
            this.weightDecayBias = coefficient;
            return (T) this;
        }
    }
}
