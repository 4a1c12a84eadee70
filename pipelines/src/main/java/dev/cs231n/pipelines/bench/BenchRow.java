package dev.cs231n.pipelines.bench;

/**
 * One row of the {@code bench} job: a JMH benchmark method, what one call processes, and the line of the PyTorch
 * baseline ({@code torch-baseline.txt}) it is compared with.
 *
 * @param name        the row's name in bench.json (a {@code _builtin} suffix marks DL4J's own counterpart)
 * @param benchmark   the JMH benchmark, {@code SimpleClassName.method}
 * @param item        the unit counted by {@code items_per_s}: "flop", "image", "example", ...
 * @param itemsPerOp  how many items one benchmark call processes
 * @param torchLabel  the label of the matching line in the PyTorch baseline, or null where there is none
 */
public record BenchRow(String name, String benchmark, String item, double itemsPerOp, String torchLabel) {

    /**
     * @param medianMs median milliseconds per call
     * @return items per second at that speed
     */
    public double itemsPerSecond(double medianMs) {
        return itemsPerOp / (medianMs / 1000.0);
    }
}
