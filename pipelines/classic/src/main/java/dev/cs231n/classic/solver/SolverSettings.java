package dev.cs231n.classic.solver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link CourseSolver} trains, with the course's defaults ({@code cs231n/solver.py}): the update rule and its
 * initial learning rate, the learning-rate decay applied after every epoch ({@code lr *= lr_decay}), the minibatch
 * size, the number of epochs, how many training / validation examples the per-epoch accuracy checks sample
 * (training: 1,000; validation: all), and the seed of every random choice.
 *
 * @param updateRule      the update rule (its own hyperparameters included)
 * @param learningRate    the initial learning rate, {@code > 0}
 * @param lrDecay         the factor applied to the learning rate after each epoch, in {@code (0, 1]}
 * @param batchSize       examples per minibatch, {@code >= 1}
 * @param numEpochs       epochs to train, {@code >= 0}
 * @param numTrainSamples training examples sampled (with replacement) for the train accuracy; 0 = all
 * @param numValSamples   validation examples sampled for the val accuracy; 0 = all
 * @param seed            seed of the minibatch sampling and the accuracy subsamples
 */
public record SolverSettings(CourseUpdateRule updateRule, double learningRate, double lrDecay, int batchSize,
        int numEpochs, int numTrainSamples, int numValSamples, long seed) {

    /** The course's default minibatch size. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** The course's default number of epochs. */
    public static final int DEFAULT_EPOCHS = 10;
    /** The course's default size of the train-accuracy subsample. */
    public static final int DEFAULT_TRAIN_SAMPLES = 1000;

    /** @throws IllegalArgumentException naming the first setting out of range */
    public SolverSettings {
        if (updateRule == null) {
            throw new IllegalArgumentException("solver: an update rule is required");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("solver: learning rate must be > 0, got " + learningRate);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("solver: lr decay must be in (0, 1], got " + lrDecay);
        }
        if (batchSize < 1 || numEpochs < 0 || numTrainSamples < 0 || numValSamples < 0) {
            throw new IllegalArgumentException("solver: batch size must be >= 1 and epochs and sample counts >= 0, "
                    + "got batch " + batchSize + ", epochs " + numEpochs + ", samples " + numTrainSamples + "/"
                    + numValSamples);
        }
    }

    /**
     * @param updateRule the update rule
     * @return a builder with the course's defaults and the rule's default learning rate
     */
    public static Builder builder(CourseUpdateRule updateRule) {
        return new Builder(updateRule);
    }

    /**
     * @return the settings a resumed run must share with the checkpoint (all but the number of epochs), as flat
     *         JSON-ready values
     */
    public Map<String, Object> fingerprint() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("update_rule", updateRule.name());
        updateRule.hyperparameters().forEach((k, v) -> m.put("update_rule_" + k, v));
        m.put("learning_rate", learningRate);
        m.put("lr_decay", lrDecay);
        m.put("batch_size", batchSize);
        m.put("num_train_samples", numTrainSamples);
        m.put("num_val_samples", numValSamples);
        m.put("seed", seed);
        return m;
    }

    /** Collects settings; starts at the course's defaults. */
    public static final class Builder {
        private final CourseUpdateRule updateRule;
        private double learningRate;
        private double lrDecay = 1.0;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int numEpochs = DEFAULT_EPOCHS;
        private int numTrainSamples = DEFAULT_TRAIN_SAMPLES;
        private int numValSamples;
        private long seed;

        private Builder(CourseUpdateRule updateRule) {
            if (updateRule == null) {
                throw new IllegalArgumentException("solver: an update rule is required");
            }
            this.updateRule = updateRule;
            this.learningRate = updateRule.defaultLearningRate();
        }

        /**
         * @param v initial learning rate
         * @return this
         */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /**
         * @param v factor per epoch
         * @return this
         */
        public Builder lrDecay(double v) {
            lrDecay = v;
            return this;
        }

        /**
         * @param v minibatch size
         * @return this
         */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /**
         * @param v epochs
         * @return this
         */
        public Builder numEpochs(int v) {
            numEpochs = v;
            return this;
        }

        /**
         * @param v train-accuracy subsample (0 = all)
         * @return this
         */
        public Builder numTrainSamples(int v) {
            numTrainSamples = v;
            return this;
        }

        /**
         * @param v val-accuracy subsample (0 = all)
         * @return this
         */
        public Builder numValSamples(int v) {
            numValSamples = v;
            return this;
        }

        /**
         * @param v seed
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @return the validated settings */
        public SolverSettings build() {
            return new SolverSettings(updateRule, learningRate, lrDecay, batchSize, numEpochs, numTrainSamples,
                    numValSamples, seed);
        }
    }
}
