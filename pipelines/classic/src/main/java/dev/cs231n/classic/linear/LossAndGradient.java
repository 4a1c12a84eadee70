package dev.cs231n.classic.linear;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A scalar loss and its gradient with respect to one array (the scores for a {@link ScoreLoss}, the weights for
 * {@link LinearClassifier#lossAndGradient}).
 *
 * @param loss     the loss value
 * @param gradient {@code dloss/d(that array)}, same shape as it
 */
public record LossAndGradient(double loss, INDArray gradient) {
}
