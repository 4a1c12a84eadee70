package dev.cs231n.searches.spaces;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Base of the Arbiter layer spaces for this project's custom layers: an Arbiter {@link LayerSpace} whose every
 * option is a {@link ParameterSpace} field (a {@link FixedValue} when the user gave a plain value, {@code null} when
 * the user left it unset, so that the layer's own default applies).
 *
 * <p>Why not Arbiter's {@code BaseLayerSpace}/{@code FeedForwardLayerSpace}: those build DL4J's {@code BaseLayer}s
 * and {@code FeedForwardLayer}s, while the custom layers are SameDiff layers with builders of their own. The pattern
 * is the same as Arbiter's {@code BatchNormalizationSpace}: paired {@code x(value)} / {@code x(ParameterSpace)}
 * builder setters, {@code getValue(double[])} sets every non-null option on the layer's builder, and the leaves are
 * found by Arbiter's reflective walk over the {@code ParameterSpace} fields ({@link #getNestedSpaces()}).
 *
 * <p>{@code equals}, {@code hashCode} and {@code toString} are derived from the same reflective map of option
 * fields, so no option can be left out of them; fixed array values (an attention mask) compare by content, as they
 * must after a JSON round trip. The inherited Arbiter {@code dropOut(...)} setters are refused when the space is
 * built: these layers reject DL4J's per-layer dropout (each has its own dropout option, or none).
 *
 * @param <L> the layer this space produces
 */
public abstract class CustomLayerSpace<L extends Layer> extends LayerSpace<L> {

    /** For JSON deserialisation. */
    protected CustomLayerSpace() {
        super();
    }

    /**
     * @param builder the space's builder
     * @throws IllegalArgumentException when the builder was given Arbiter's generic {@code dropOut(...)}
     */
    protected CustomLayerSpace(Builder<?> builder) {
        super(builder);
        if (dropOut != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": DL4J's per-layer dropOut(...) is "
                    + "rejected by this project's layers; " + dropoutAdvice());
        }
    }

    /** @return what to use instead of DL4J's per-layer dropout, for the message of the constructor */
    protected abstract String dropoutAdvice();

    /** Counts the distinct hyperparameters of the leaves; subclasses call it at the end of their constructor. */
    protected final void countParameters() {
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    /**
     * @param space  an option, or null
     * @param values the candidate's point in {@code [0, 1]^numParameters}
     * @param <T>    the option's type
     * @return the option's value at that point, or null when the option is unset
     */
    protected static <T> T value(ParameterSpace<T> space, double[] values) {
        return space == null ? null : space.getValue(values);
    }

    @Override
    @SuppressWarnings("rawtypes") // Arbiter's getNestedSpaces() returns raw ParameterSpace values
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        CustomLayerSpace<?> that = (CustomLayerSpace<?>) o;
        Map<String, ParameterSpace> mine = getNestedSpaces();
        Map<String, ParameterSpace> theirs = that.getNestedSpaces();
        if (numParameters != that.numParameters || !mine.keySet().equals(theirs.keySet())) {
            return false;
        }
        for (Map.Entry<String, ParameterSpace> e : mine.entrySet()) {
            if (!sameSpace(e.getValue(), theirs.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameSpace(ParameterSpace<?> a, ParameterSpace<?> b) {
        if (a instanceof FixedValue && b instanceof FixedValue) {
            return Objects.deepEquals(((FixedValue<?>) a).getValue(), ((FixedValue<?>) b).getValue());
        }
        return a.equals(b);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int hashCode() {
        int h = getClass().hashCode() * 31 + numParameters;
        for (Map.Entry<String, ParameterSpace> e : getNestedSpaces().entrySet()) {
            ParameterSpace<?> s = e.getValue();
            int v = s instanceof FixedValue ? Arrays.deepHashCode(new Object[] {((FixedValue<?>) s).getValue()})
                    : s.hashCode();
            h = h * 31 + e.getKey().hashCode() * 17 + v;
        }
        return h;
    }

    @Override
    public String toString() {
        return toString(", ");
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected String toString(String delim) {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
        String sep = "";
        for (Map.Entry<String, ParameterSpace> e : getNestedSpaces().entrySet()) {
            ParameterSpace<?> s = e.getValue();
            Object shown = s instanceof FixedValue && ((FixedValue<?>) s).getValue() instanceof Object[]
                    ? Arrays.deepToString((Object[]) ((FixedValue<?>) s).getValue()) : s;
            sb.append(sep).append(e.getKey()).append(": ").append(shown);
            sep = delim;
        }
        return sb.append(')').toString();
    }
}
