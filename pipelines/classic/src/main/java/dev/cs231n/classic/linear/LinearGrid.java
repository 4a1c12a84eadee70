package dev.cs231n.classic.linear;

/**
 * The candidate settings of a {@link LinearGridSearch}: every learning rate with every regularisation strength, each
 * trained with the same SGD length, batch size and seed.
 *
 * @param learningRates candidate learning rates (outer loop)
 * @param regs          candidate regularisation strengths (inner loop)
 * @param iterations    SGD steps per setting
 * @param batchSize     minibatch size
 * @param seed          seed of the initial weights and minibatch draws, the same for every setting
 */
public record LinearGrid(double[] learningRates, double[] regs, int iterations, int batchSize, long seed) {

    /** Checks that the grid is not empty (each setting is checked by {@link SgdSettings}). */
    public LinearGrid {
        if (learningRates.length == 0 || regs.length == 0) {
            throw new IllegalArgumentException("the grid needs at least one learning rate and one reg");
        }
        learningRates = learningRates.clone();
        regs = regs.clone();
    }

    /** @return the number of settings */
    public int size() {
        return learningRates.length * regs.length;
    }

    /**
     * @param index {@code 0 .. size()-1}, learning rates outer
     * @return that setting
     */
    public SgdSettings setting(int index) {
        return new SgdSettings(learningRates[index / regs.length], regs[index % regs.length], iterations, batchSize,
                seed);
    }
}
