package dev.cs231n.classic.linear;

import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained linear classifier with the preprocessing it was trained on, as {@link LinearModelFile} stores it:
 * raw CIFAR-10 features {@code [N, 3072]} (0..255, CHW) go through the preprocessor (mean-image subtraction, then the
 * bias trick, giving {@code [N, 3073]}) and then {@code scores = x W}.
 *
 * @param classifier   the loss and weights {@code [D+1, C]}
 * @param preprocessor fitted on the training split; its output has D+1 columns
 */
public record LinearModel(LinearClassifier classifier, CifarPreprocessor preprocessor) {

    /**
     * @param rawFeatures {@code [N, 3072]} or {@code [N, 3, 32, 32]}, 0..255, the weights' type (modified in place by
     *                    the mean subtraction)
     * @return N predicted labels
     */
    public int[] predict(INDArray rawFeatures) {
        return classifier.predict(preprocessor.transform(rawFeatures));
    }

    /** @return W {@code [D+1, C]} */
    public INDArray weights() {
        return classifier.weights();
    }
}
