package dev.cs231n.pipelines.cli;

import java.util.concurrent.Callable;

/**
 * A job that another artifact adds to {@code ./cs231n} when it is on the class path: a picocli {@code @Command}
 * class listed in that artifact's {@code META-INF/services/dev.cs231n.pipelines.cli.JobPlugin}. The benchmarks
 * ({@code bench}) join this way, so that JMH stays out of the application jar.
 */
public interface JobPlugin extends Callable<Integer> {
}
