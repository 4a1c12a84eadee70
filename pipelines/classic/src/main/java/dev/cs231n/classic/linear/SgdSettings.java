package dev.cs231n.classic.linear;

/**
 * One setting of the course's minibatch SGD for the linear classifiers ({@code LinearClassifier.train}).
 *
 * @param learningRate step size
 * @param reg          regularisation strength ({@code reg * sum(W^2)})
 * @param iterations   number of minibatch steps
 * @param batchSize    examples per minibatch, drawn with replacement
 * @param seed         seed of the initial weights and of the minibatch draws
 */
public record SgdSettings(double learningRate, double reg, int iterations, int batchSize, long seed) {

    /** The course's defaults: 1500 iterations ("num_iters") of batches of 200. */
    public static final int COURSE_ITERATIONS = 1500;
    /** The course's batch size. */
    public static final int COURSE_BATCH_SIZE = 200;

    /** Checks the values. */
    public SgdSettings {
        if (!(learningRate > 0) || !(reg >= 0) || iterations < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need learningRate > 0, reg >= 0, iterations >= 1 and batchSize >= 1,"
                    + " got lr " + learningRate + ", reg " + reg + ", iterations " + iterations + ", batch "
                    + batchSize);
        }
    }
}
