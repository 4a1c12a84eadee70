package dev.cs231n.classic.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A scalar loss and its gradient with respect to one array, as the course's {@code loss, dx = softmax_loss(x, y)}:
 * the scores for a {@link DataLoss} ({@link SoftmaxLoss}, {@link SvmLoss}), the weights for a linear classifier's
 * loss.
 *
 * @param loss     the loss value (a mean over the N examples for the data losses)
 * @param gradient {@code dloss/d(that array)}, of its shape
 */
public record LossAndGradient(double loss, INDArray gradient) {
}
