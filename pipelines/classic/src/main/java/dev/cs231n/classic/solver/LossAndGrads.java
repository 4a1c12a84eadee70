package dev.cs231n.classic.solver;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link SolverModel#loss} returns, as the course's {@code loss, grads = model.loss(X, y)}.
 *
 * @param loss  the scalar loss of the minibatch
 * @param grads {@code dloss/dparam} for every parameter, by the parameter's name, each of its shape
 */
public record LossAndGrads(double loss, Map<String, INDArray> grads) {
}
