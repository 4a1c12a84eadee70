package dev.cs231n.spark;

import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Option;

/** {@code --prefetch}: minibatches each Spark worker prefetches (a picocli mixin; see {@link SparkOptions}). */
public final class WorkerPrefetchOption {

    @Range(min = 0)
    @Option(names = "--prefetch", defaultValue = "2",
            description = "Minibatches each worker prefetches (default: ${DEFAULT-VALUE}).")
    int prefetch;
}
