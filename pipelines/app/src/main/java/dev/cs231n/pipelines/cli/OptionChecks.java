package dev.cs231n.pipelines.cli;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place where option values are range-checked: every option of a parsed command whose field or setter
 * carries {@link Range} (the default values included), before the job runs and before any data is loaded.
 */
public final class OptionChecks {

    private OptionChecks() {
    }

    /**
     * @param spec a parsed command
     * @throws IllegalArgumentException naming the option, the allowed range and the value given, for the first
     *                                  option out of range
     */
    public static void check(CommandSpec spec) {
        List<String> bad = violations(spec);
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", bad));
        }
    }

    /**
     * @param spec a parsed command
     * @return one message per option out of range (empty when all are fine)
     */
    public static List<String> violations(CommandSpec spec) {
        List<String> bad = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            Range r = range(o);
            if (r == null) {
                continue;
            }
            Object v = o.getValue();
            if (v == null) {
                continue;
            }
            if (v.getClass().isArray()) {
                for (int i = 0; i < Array.getLength(v); i++) {
                    String m = violation(o.longestName(), r, Array.get(v, i));
                    if (m != null) {
                        bad.add(m);
                        break;
                    }
                }
            } else {
                String m = violation(o.longestName(), r, v);
                if (m != null) {
                    bad.add(m);
                }
            }
        }
        return bad;
    }

    /**
     * @param o an option
     * @return its range, or null when its field or setter has none
     */
    public static Range range(OptionSpec o) {
        Object uo = o.userObject();
        return uo instanceof AnnotatedElement ae ? ae.getAnnotation(Range.class) : null;
    }

    private static String violation(String option, Range r, Object value) {
        if (!(value instanceof Number n)) {
            return null;
        }
        double d = n.doubleValue();
        boolean low = r.minExclusive() ? d > r.min() : d >= r.min();
        boolean high = d <= r.max();
        if (low && high) {
            return null;
        }
        return option + " must be " + describe(r) + ", got " + value;
    }

    /**
     * @param r a range
     * @return it in words: {@code in 1..49000}, {@code >= 0}, {@code > 0}, {@code in (0, 1]}, {@code <= 5}
     */
    static String describe(Range r) {
        boolean hasMin = r.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = r.max() != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            return r.minExclusive() ? "in (" + fmt(r.min()) + ", " + fmt(r.max()) + "]"
                    : "in " + fmt(r.min()) + ".." + fmt(r.max());
        }
        if (hasMin) {
            return (r.minExclusive() ? "> " : ">= ") + fmt(r.min());
        }
        return hasMax ? "<= " + fmt(r.max()) : "a number";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
