package dev.cs231n.classic.solver;

/**
 * What the course's update rules share: a name, a default learning rate, and a {@code toString} of the name and
 * the hyperparameters.
 */
abstract class NamedRule implements CourseUpdateRule {

    private final String name;
    private final double defaultLearningRate;

    /**
     * @param name                the course's name of the rule
     * @param defaultLearningRate the course's default learning rate for it
     */
    NamedRule(String name, double defaultLearningRate) {
        this.name = name;
        this.defaultLearningRate = defaultLearningRate;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double defaultLearningRate() {
        return defaultLearningRate;
    }

    @Override
    public String toString() {
        return name + hyperparameters();
    }
}
