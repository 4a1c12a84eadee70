package dev.cs231n.searches.nets;

import java.util.Arrays;
import java.util.Map;

import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

/**
 * How one numeric hyperparameter of a space is given: a list of values (a grid's axis; one value = fixed) or a
 * range (log-uniform or uniform; equal ends = fixed). Named (and so reported) only when it is searched.
 */
public final class HyperparameterChoice {

    private HyperparameterChoice() {
    }

    /**
     * @param named  the space's searched hyperparameters; gets {@code name} unless the result is fixed
     * @param name   the hyperparameter
     * @param values its values (one: fixed)
     * @return the space
     */
    public static ParameterSpace<Double> values(Map<String, ParameterSpace<?>> named, String name, double... values) {
        if (values == null || values.length == 0 || Arrays.stream(values).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException(name + ": need at least one finite value, got "
                    + Arrays.toString(values));
        }
        if (values.length == 1) {
            return new FixedValue<>(values[0]);
        }
        ParameterSpace<Double> p = new DiscreteParameterSpace<>(Arrays.stream(values).boxed().toArray(Double[]::new));
        named.put(name, p);
        return p;
    }

    /**
     * @param named the space's searched hyperparameters
     * @param name  the hyperparameter
     * @param min   smallest, &gt; 0
     * @param max   largest, &gt;= min
     * @return log-uniform in [min, max], or fixed when equal
     */
    public static ParameterSpace<Double> logUniform(Map<String, ParameterSpace<?>> named, String name, double min,
            double max) {
        if (!(min > 0 && max >= min && Double.isFinite(max))) {
            throw new IllegalArgumentException(name + ": need a range 0 < min <= max (log-uniform), got " + min
                    + ".." + max);
        }
        if (min == max) {
            return new FixedValue<>(min);
        }
        ParameterSpace<Double> p = new ContinuousParameterSpace(new LogUniformDistribution(min, max));
        named.put(name, p);
        return p;
    }

    /**
     * @param named the space's searched hyperparameters
     * @param name  the hyperparameter
     * @param values the sizes (one: fixed)
     * @return the space
     */
    public static ParameterSpace<Integer> sizes(Map<String, ParameterSpace<?>> named, String name, int... values) {
        if (values == null || values.length == 0 || Arrays.stream(values).anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException(name + ": need at least one size >= 1, got " + Arrays.toString(values));
        }
        if (values.length == 1) {
            return new FixedValue<>(values[0]);
        }
        ParameterSpace<Integer> p = new DiscreteParameterSpace<>(Arrays.stream(values).boxed()
                .toArray(Integer[]::new));
        named.put(name, p);
        return p;
    }

    /**
     * @param named the space's searched hyperparameters
     * @param name  the hyperparameter
     * @param min   smallest, &gt;= 1
     * @param max   largest, &gt;= min
     * @return uniform integers in [min, max], or fixed when equal
     */
    public static ParameterSpace<Integer> sizeRange(Map<String, ParameterSpace<?>> named, String name, int min,
            int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException(name + ": need a range 1 <= min <= max, got " + min + ".." + max);
        }
        if (min == max) {
            return new FixedValue<>(min);
        }
        ParameterSpace<Integer> p = new IntegerParameterSpace(min, max);
        named.put(name, p);
        return p;
    }
}
