package dev.cs231n.pipelines.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The allowed values of a numeric picocli option (a field or setter annotated with {@code @Option}; for an array,
 * of each element), checked by {@link OptionChecks} after parsing and before the job starts, so that a bad value
 * fails at once with the option's name and range instead of after the data has loaded. Every numeric option of
 * every job carries one (a test checks); {@code @Range} without bounds says that any value is fine.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Range {

    /** @return the smallest allowed value (default: none) */
    double min() default Double.NEGATIVE_INFINITY;

    /** @return whether {@link #min()} itself is excluded (e.g. a learning rate must be > 0) */
    boolean minExclusive() default false;

    /** @return the largest allowed value (default: none) */
    double max() default Double.POSITIVE_INFINITY;
}
