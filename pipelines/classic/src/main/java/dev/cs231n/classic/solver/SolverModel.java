package dev.cs231n.classic.solver;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model the {@link CourseSolver} trains, as the course's: named parameters that the solver updates in place, a loss
 * with gradients for a labelled minibatch, and class scores for prediction.
 *
 * <p>Inputs are {@code x [N, ...]} (whatever the model flattens), labels {@code y} are N integers in
 * {@code 0 .. C-1}, scores are {@code [N, C]}.
 *
 * <p>The solver calls {@link #loss} inside an ND4J workspace that is reset after every step: the arrays it
 * returns are used before the step ends, and a model must not keep arrays created there (its parameters, created
 * outside, are fine).
 */
public interface SolverModel {

    /**
     * @return the parameters by name, in a fixed order; the arrays are the model's own (the solver updates them
     *         in place with {@code assign}/in-place ops), and the map cannot be modified
     */
    Map<String, INDArray> params();

    /**
     * @param x a minibatch {@code [N, ...]}
     * @param y its N labels
     * @return the loss (data loss + regularisation) and its gradient for every parameter, with the parameters'
     *         names and shapes
     */
    LossAndGrads loss(INDArray x, int[] y);

    /**
     * @param x inputs {@code [N, ...]}
     * @return class scores {@code [N, C]}
     */
    INDArray scores(INDArray x);
}
