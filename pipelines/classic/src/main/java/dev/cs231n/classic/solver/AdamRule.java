package dev.cs231n.classic.solver;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's Adam, with bias correction: {@code t += 1; m = beta1 * m + (1 - beta1) * dw;
 * v = beta2 * v + (1 - beta2) * dw^2; mt = m / (1 - beta1^t); vt = v / (1 - beta2^t);
 * w -= learning_rate * mt / (sqrt(vt) + epsilon)}, with m, v and t starting at zero. Defaults: learning rate
 * {@value #DEFAULT_LEARNING_RATE}, beta1 {@value #DEFAULT_BETA1}, beta2 {@value #DEFAULT_BETA2}, epsilon
 * {@value #DEFAULT_EPSILON}.
 */
public final class AdamRule extends NamedRule {

    /** The rule's name. */
    public static final String NAME = "adam";
    /** The course's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** The course's default decay of the first moment. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** The course's default decay of the second moment. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The course's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-8;
    /** The state slot of the first-moment estimate. */
    public static final String M = "m";
    /** The state slot of the second-moment estimate. */
    public static final String V = "v";

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** The course's defaults. */
    public AdamRule() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @param beta1   in {@code [0, 1)}
     * @param beta2   in {@code [0, 1)}
     * @param epsilon {@code > 0}
     */
    public AdamRule(double beta1, double beta2, double epsilon) {
        super(NAME, DEFAULT_LEARNING_RATE, List.of(M, V),
                List.of(Map.entry("beta1", beta1), Map.entry("beta2", beta2), Map.entry("epsilon", epsilon)));
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("adam: beta1 and beta2 must be in [0, 1) and epsilon > 0, got "
                    + beta1 + ", " + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void update(INDArray w, INDArray dw, double learningRate, UpdateState state) {
        long t = state.advance();
        INDArray m = state.slot(M).muli(beta1).addi(dw.mul(1 - beta1));
        INDArray v = state.slot(V).muli(beta2).addi(dw.mul(dw).muli(1 - beta2));
        INDArray denom = Transforms.sqrt(v.div(1 - Math.pow(beta2, t)), false).addi(epsilon);
        w.subi(m.mul(learningRate / (1 - Math.pow(beta1, t))).divi(denom));
    }
}
