package dev.cs231n.classic.solver;

/**
 * The course's update rules by name, with their default hyperparameters (for command lines: picocli maps
 * {@code --update-rule sgd_momentum} to {@link #SGD_MOMENTUM}).
 */
public enum UpdateRules {
    /** {@link Sgd}. */
    SGD,
    /** {@link SgdMomentum}, momentum 0.9. */
    SGD_MOMENTUM,
    /** {@link RmsProp}, decay rate 0.99, epsilon 1e-8. */
    RMSPROP,
    /** {@link Adam}, beta1 0.9, beta2 0.999, epsilon 1e-8. */
    ADAM;

    /** @return a new rule with the course's default hyperparameters */
    public UpdateRule create() {
        return switch (this) {
            case SGD -> new Sgd();
            case SGD_MOMENTUM -> new SgdMomentum();
            case RMSPROP -> new RmsProp();
            case ADAM -> new Adam();
        };
    }
}
