package dev.cs231n.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Every bench row binds to a benchmark that exists: its {@code SimpleClassName.method} names a {@link Benchmark}
 * method of a class in {@code bench.jmh}, and each of its JMH parameters names a {@link Param} field of that class
 * or of a {@code @State} argument of the method (JMH overrides the field's listed values with the row's). Rows bind
 * by string, so a renamed method or parameter would otherwise only show when someone runs the bench.
 */
class BenchRowsTest {

    private static final String JMH_PACKAGE = "dev.cs231n.pipelines.bench.jmh.";

    @Test
    void everyRowNamesAnExistingBenchmarkMethodAndParameters() {
        for (BenchRow row : BenchRows.ALL) {
            String[] parts = row.benchmark().split("\\.");
            assertEquals(2, parts.length, row.name() + ": benchmark must be SimpleClassName.method: "
                    + row.benchmark());
            Class<?> c;
            try {
                c = Class.forName(JMH_PACKAGE + parts[0]);
            } catch (ClassNotFoundException e) {
                fail(row.name() + ": no benchmark class " + JMH_PACKAGE + parts[0]);
                return;
            }
            Method m = Arrays.stream(c.getMethods()).filter(x -> x.getName().equals(parts[1])).findFirst()
                    .orElse(null);
            assertTrue(m != null, row.name() + ": " + c.getSimpleName() + " has no method " + parts[1]);
            assertTrue(m.isAnnotationPresent(Benchmark.class), row.name() + ": " + row.benchmark()
                    + " is not a @Benchmark");
            for (String[] p : row.params()) {
                List<Class<?>> holders = new java.util.ArrayList<>(List.of(c));
                holders.addAll(List.of(m.getParameterTypes()));
                boolean found = holders.stream().map(h -> field(h, p[0]))
                        .anyMatch(f -> f != null && f.isAnnotationPresent(Param.class));
                assertTrue(found, row.name() + ": neither " + c.getSimpleName() + " nor the @State arguments of "
                        + parts[1] + " have a @Param field " + p[0]);
            }
        }
    }

    @Test
    void rowNamesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (BenchRow row : BenchRows.ALL) {
            assertTrue(seen.add(row.name()), "duplicate row " + row.name());
        }
    }

    private static Field field(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
