package dev.cs231n.classic.solver;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A first-order update rule of the course ({@code cs231n/optim.py}): given a parameter {@code w}, its gradient
 * {@code dw}, the current learning rate and the rule's per-parameter state (velocity, moment estimates, ...),
 * moves {@code w} one step. Where the course returns {@code next_w, config}, this updates {@code w} and the state
 * in place (no copy of the parameter per step).
 *
 * <p>The learning rate is the solver's (so that it can decay it per epoch); the rule's other hyperparameters are
 * fixed at construction and listed by {@link #hyperparameters()}, which a checkpoint records. {@link #update} runs
 * inside the solver's per-step workspace: its temporaries are freed with the step, its state lives in the arrays
 * {@link #newState} created outside it.
 */
public interface CourseUpdateRule {

    /** @return the course's name of the rule: {@code sgd}, {@code sgd_momentum}, {@code rmsprop}, {@code adam} */
    String name();

    /** @return the course's default learning rate for this rule */
    double defaultLearningRate();

    /** @return the rule's hyperparameters other than the learning rate, by name (empty for plain SGD) */
    Map<String, Double> hyperparameters();

    /**
     * @param w the parameter
     * @return the rule's initial state for it (zero-filled slots of w's shape and type, step 0)
     */
    UpdateState newState(INDArray w);

    /**
     * One step: updates {@code w} and {@code state} in place.
     *
     * @param w            the parameter, updated in place
     * @param dw           its gradient, same shape and type (left unchanged)
     * @param learningRate the current learning rate
     * @param state        the state from {@link #newState}, updated in place
     */
    void update(INDArray w, INDArray dw, double learningRate, UpdateState state);
}
