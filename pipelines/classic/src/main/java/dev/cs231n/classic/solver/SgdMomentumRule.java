package dev.cs231n.classic.solver;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's SGD with momentum: {@code v = momentum * v - learning_rate * dw; w += v}, the velocity {@code v}
 * starting at zero. Defaults: learning rate {@value #DEFAULT_LEARNING_RATE}, momentum {@value #DEFAULT_MOMENTUM}.
 */
public final class SgdMomentumRule extends NamedRule {

    /** The rule's name. */
    public static final String NAME = "sgd_momentum";
    /** The course's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;
    /** The course's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** The state slot holding the velocity. */
    public static final String VELOCITY = "velocity";

    private final double momentum;

    /** The course's defaults. */
    public SgdMomentumRule() {
        this(DEFAULT_MOMENTUM);
    }

    /** @param momentum in {@code [0, 1)} */
    public SgdMomentumRule(double momentum) {
        super(NAME, DEFAULT_LEARNING_RATE, List.of(VELOCITY), List.of(Map.entry("momentum", momentum)));
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("sgd_momentum: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public void update(INDArray w, INDArray dw, double learningRate, UpdateState state) {
        INDArray v = InPlace.axpy(-learningRate, dw, state.slot(VELOCITY).muli(momentum));
        w.addi(v);
        state.advance();
    }
}
