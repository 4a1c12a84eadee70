package dev.cs231n.classic.solver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the course's update rules share: a name, a default learning rate, the hyperparameters a checkpoint records,
 * the names of the per-parameter state slots (created zero-filled), and a {@code toString} of the name and the
 * hyperparameters. A rule adds its update.
 */
abstract class NamedRule implements CourseUpdateRule {

    private final String name;
    private final double defaultLearningRate;
    private final List<String> slots;
    private final Map<String, Double> hyperparameters;

    /**
     * @param name                the course's name of the rule
     * @param defaultLearningRate the course's default learning rate for it
     * @param slots               the names of its state arrays per parameter (none for plain SGD)
     * @param hyperparameters     its hyperparameters other than the learning rate, in the order they are listed
     */
    NamedRule(String name, double defaultLearningRate, List<String> slots,
            List<Map.Entry<String, Double>> hyperparameters) {
        this.name = name;
        this.defaultLearningRate = defaultLearningRate;
        this.slots = List.copyOf(slots);
        Map<String, Double> m = new LinkedHashMap<>();
        hyperparameters.forEach(e -> m.put(e.getKey(), e.getValue()));
        this.hyperparameters = Collections.unmodifiableMap(m);
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
    public final Map<String, Double> hyperparameters() {
        return hyperparameters;
    }

    @Override
    public final UpdateState newState(INDArray w) {
        return UpdateState.zeros(w, slots);
    }

    @Override
    public String toString() {
        return name + hyperparameters;
    }
}
