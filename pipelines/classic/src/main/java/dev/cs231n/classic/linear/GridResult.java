package dev.cs231n.classic.linear;

/**
 * One trained setting of a {@link LinearGridSearch}.
 *
 * @param settings      the SGD setting
 * @param trainAccuracy accuracy on the training split after training
 * @param valAccuracy   accuracy on the validation split after training
 * @param lossHistory   minibatch loss before each step
 * @param seconds       wall time of the training
 * @param classifier    the trained classifier
 */
public record GridResult(SgdSettings settings, double trainAccuracy, double valAccuracy, double[] lossHistory,
        double seconds, LinearClassifier classifier) {

    /** @return the last minibatch loss */
    public double finalLoss() {
        return lossHistory[lossHistory.length - 1];
    }
}
