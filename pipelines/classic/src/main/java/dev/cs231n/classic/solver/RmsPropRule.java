package dev.cs231n.classic.solver;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's RMSProp: {@code cache = decay_rate * cache + (1 - decay_rate) * dw^2;
 * w -= learning_rate * dw / (sqrt(cache) + epsilon)}, the cache starting at zero. Defaults: learning rate
 * {@value #DEFAULT_LEARNING_RATE}, decay rate {@value #DEFAULT_DECAY_RATE}, epsilon {@value #DEFAULT_EPSILON}.
 */
public final class RmsPropRule extends NamedRule {

    /** The rule's name. */
    public static final String NAME = "rmsprop";
    /** The course's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;
    /** The course's default decay rate of the squared-gradient average. */
    public static final double DEFAULT_DECAY_RATE = 0.99;
    /** The course's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-8;
    /** The state slot holding the moving average of squared gradients. */
    public static final String CACHE = "cache";

    private final double decayRate;
    private final double epsilon;

    /** The course's defaults. */
    public RmsPropRule() {
        this(DEFAULT_DECAY_RATE, DEFAULT_EPSILON);
    }

    /**
     * @param decayRate in {@code [0, 1)}
     * @param epsilon   {@code > 0}
     */
    public RmsPropRule(double decayRate, double epsilon) {
        super(NAME, DEFAULT_LEARNING_RATE, List.of(CACHE),
                List.of(Map.entry("decay_rate", decayRate), Map.entry("epsilon", epsilon)));
        if (!(decayRate >= 0 && decayRate < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("rmsprop: decay rate must be in [0, 1) and epsilon > 0, got "
                    + decayRate + ", " + epsilon);
        }
        this.decayRate = decayRate;
        this.epsilon = epsilon;
    }

    @Override
    public void update(INDArray w, INDArray dw, double learningRate, UpdateState state) {
        INDArray cache = state.slot(CACHE);
        cache.muli(decayRate).addi(dw.mul(dw).muli(1 - decayRate));
        INDArray denom = Transforms.sqrt(cache, true).addi(epsilon);
        w.subi(dw.mul(learningRate).divi(denom));
        state.advance();
    }
}
