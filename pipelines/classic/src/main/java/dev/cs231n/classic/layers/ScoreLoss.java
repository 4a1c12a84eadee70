package dev.cs231n.classic.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a loss over class scores returns, as the course's {@code loss, dx = softmax_loss(x, y)}.
 *
 * @param loss    the mean loss over the N examples
 * @param dscores {@code dloss/dscores [N, C]}
 */
public record ScoreLoss(double loss, INDArray dscores) {
}
