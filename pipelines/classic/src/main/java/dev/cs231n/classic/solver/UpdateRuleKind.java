package dev.cs231n.classic.solver;

/**
 * The course's update rules by name, with their default hyperparameters (for command lines: picocli maps
 * {@code --update-rule sgd_momentum} to {@link #SGD_MOMENTUM}).
 */
public enum UpdateRuleKind {
    /** {@link SgdRule}. */
    SGD,
    /** {@link SgdMomentumRule}, momentum 0.9. */
    SGD_MOMENTUM,
    /** {@link RmsPropRule}, decay rate 0.99, epsilon 1e-8. */
    RMSPROP,
    /** {@link AdamRule}, beta1 0.9, beta2 0.999, epsilon 1e-8. */
    ADAM;

    /** @return a new rule with the course's default hyperparameters */
    public CourseUpdateRule create() {
        return switch (this) {
            case SGD -> new SgdRule();
            case SGD_MOMENTUM -> new SgdMomentumRule();
            case RMSPROP -> new RmsPropRule();
            case ADAM -> new AdamRule();
        };
    }
}
