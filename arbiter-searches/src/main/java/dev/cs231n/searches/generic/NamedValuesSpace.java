package dev.cs231n.searches.generic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

/**
 * Arbiter's generic API for models that are not DL4J networks (the course's from-scratch classifiers): a
 * {@link ParameterSpace} whose value is a map from hyperparameter name to the value its child space gives at the
 * candidate's point, e.g. {@code {"lr": 1e-7, "reg": 2.5e4}}. The children are any Arbiter spaces
 * ({@code DiscreteParameterSpace}, {@code ContinuousParameterSpace}, {@code IntegerParameterSpace},
 * {@code FixedValue}); so Arbiter's grid, random and genetic generators search it like a {@code MultiLayerSpace}, and
 * it is stored as Arbiter JSON (a search rebuilt from the store alone gets the same values).
 *
 * <pre>{@code
 * Map<String, ParameterSpace<?>> hp = new LinkedHashMap<>();
 * hp.put("lr", new DiscreteParameterSpace<>(1e-7, 5e-7));
 * hp.put("reg", new ContinuousParameterSpace(new LogUniformDistribution(1e3, 1e5)));
 * NamedValuesSpace space = new NamedValuesSpace(hp);
 * Map<String, Object> values = space.getValue(point);   // {"lr": ..., "reg": ...}
 * }</pre>
 */
public class NamedValuesSpace implements ParameterSpace<Map<String, Object>> {

    private LinkedHashMap<String, ParameterSpace> values;

    /** For JSON deserialisation. */
    protected NamedValuesSpace() {
    }

    /**
     * @param values the hyperparameters by name, in report order; fixed ones as {@code FixedValue}
     * @throws IllegalArgumentException if there are none or one is null
     */
    public NamedValuesSpace(Map<String, ? extends ParameterSpace<?>> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a named-values space needs at least one hyperparameter");
        }
        this.values = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("hyperparameter " + k + " has no space");
            }
            this.values.put(k, v);
        });
    }

    /** @return the hyperparameters' spaces by name */
    public Map<String, ParameterSpace> spaces() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public Map<String, Object> getValue(double[] point) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.getValue(point)));
        return out;
    }

    @Override
    public int numParameters() {
        int n = 0;
        for (ParameterSpace leaf : LeafUtils.getUniqueObjects(collectLeaves())) {
            n += leaf.numParameters();
        }
        return n;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        for (ParameterSpace v : values.values()) {
            leaves.addAll(v.collectLeaves());
        }
        return leaves;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("NamedValuesSpace is not a leaf: its hyperparameters get the indices");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedValuesSpace n && values.equals(n.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "NamedValuesSpace" + values;
    }
}
