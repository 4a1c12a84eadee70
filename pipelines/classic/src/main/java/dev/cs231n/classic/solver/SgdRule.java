package dev.cs231n.classic.solver;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's vanilla stochastic gradient descent: {@code w -= learning_rate * dw} (in place, no temporary). No
 * state. Default learning rate {@value #DEFAULT_LEARNING_RATE}.
 */
public final class SgdRule extends NamedRule {

    /** The rule's name. */
    public static final String NAME = "sgd";
    /** The course's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /** Plain SGD. */
    public SgdRule() {
        super(NAME, DEFAULT_LEARNING_RATE, List.of(), List.of());
    }

    @Override
    public void update(INDArray w, INDArray dw, double learningRate, UpdateState state) {
        InPlace.axpy(-learningRate, dw, w);
        state.advance();
    }
}
