package dev.cs231n.searches.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One named hyperparameter of a search as the report plots it: on a linear axis, a logarithmic one (positive numbers
 * spanning at least a decade, max/min &gt;= {@value #LOG_RATIO}, as learning rates and regularisation strengths do),
 * or as categories (anything that is not a number: strings, booleans, lists; and a number with a single value), each
 * category at an integer position {@code 0..k-1} in sorted order.
 *
 * @param name       the key in the candidates' hyperparameters JSON
 * @param axis       how it is plotted
 * @param categories the categories in position order, for {@link Axis#CATEGORICAL}; else empty
 */
record Hyperparameter(String name, Axis axis, List<String> categories) {

    /** The ratio max/min from which positive numbers are plotted on a logarithmic axis. */
    static final double LOG_RATIO = 10;

    /** How a hyperparameter's values are placed on the x axis. */
    enum Axis {
        /** Numbers, linear axis. */
        LINEAR,
        /** Positive numbers spanning a decade or more, logarithmic axis. */
        LOG,
        /** Anything else, one position per distinct value. */
        CATEGORICAL
    }

    /**
     * @param name   the hyperparameter
     * @param values its values over all candidates that have it (nulls skipped)
     * @return how to plot it
     */
    static Hyperparameter of(String name, Collection<JsonNode> values) {
        boolean numeric = !values.isEmpty();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode v : values) {
            if (v.isNumber() && Double.isFinite(v.asDouble())) {
                min = Math.min(min, v.asDouble());
                max = Math.max(max, v.asDouble());
            } else {
                numeric = false;
            }
        }
        if (numeric && max > min) {
            Axis axis = min > 0 && max / min >= LOG_RATIO ? Axis.LOG : Axis.LINEAR;
            return new Hyperparameter(name, axis, List.of());
        }
        TreeSet<String> categories = new TreeSet<>();
        for (JsonNode v : values) {
            categories.add(text(v));
        }
        return new Hyperparameter(name, Axis.CATEGORICAL, List.copyOf(new ArrayList<>(categories)));
    }

    /**
     * @param value a value of this hyperparameter
     * @return its x position: the number itself, or the category's index
     */
    double position(JsonNode value) {
        return axis == Axis.CATEGORICAL ? categories.indexOf(text(value)) : value.asDouble();
    }

    /**
     * @param value a JSON value
     * @return strings as they are, anything else as JSON text
     */
    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
