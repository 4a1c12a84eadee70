package dev.cs231n.classic.linear;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data loss over class scores, averaged over the N examples, with its gradient with respect to the scores (no
 * regularisation: {@link LinearClassifier} adds it). Computed in the scores' floating type with whole-array ND4J
 * operations (no loops over examples).
 */
public interface ScoreLoss {

    /** @return a short lower-case name ("svm", "softmax"), as stored in the model file */
    String name();

    /**
     * @param scores  {@code [N, C]}
     * @param yOneHot {@code [N, C]} one-hot labels, same type as scores
     * @return the mean loss over the N rows and {@code dloss/dscores}, {@code [N, C]}
     */
    LossAndGradient evaluate(INDArray scores, INDArray yOneHot);

    /**
     * @param scores  scores
     * @param yOneHot labels
     * @throws IllegalArgumentException when the shapes or types differ
     */
    static void check(INDArray scores, INDArray yOneHot) {
        if (scores.rank() != 2 || !Arrays.equals(scores.shape(), yOneHot.shape())) {
            throw new IllegalArgumentException("scores and one-hot labels must both be [N, C], got "
                    + Arrays.toString(scores.shape()) + " and " + Arrays.toString(yOneHot.shape()));
        }
        if (scores.dataType() != yOneHot.dataType()) {
            throw new IllegalArgumentException("scores are " + scores.dataType() + " but labels "
                    + yOneHot.dataType());
        }
    }
}
