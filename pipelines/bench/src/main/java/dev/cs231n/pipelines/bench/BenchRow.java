package dev.cs231n.pipelines.bench;

/**
 * One row of the {@code bench} job: a JMH benchmark method and what one call processes; {@link TorchRows} gives
 * the line of the PyTorch baseline ({@code torch-baseline.txt}) it is compared with.
 *
 * @param name        the row's name in bench.json (a {@code _builtin} suffix marks DL4J's own counterpart)
 * @param benchmark   the JMH benchmark, {@code SimpleClassName.method}
 * @param item        the unit counted by {@code items_per_s}: "flop", "image", "example", ...
 * @param itemsPerOp  how many items one benchmark call processes
 * @param jmhParams   JMH parameters of this row as {@code name=value[,name=value...]}, or "" for the defaults
 */
public record BenchRow(String name, String benchmark, String item, double itemsPerOp, String jmhParams) {

    /**
     * A row with the benchmark's default parameters.
     *
     * @param name       the row's name
     * @param benchmark  the JMH benchmark, {@code SimpleClassName.method}
     * @param item       the unit counted by {@code items_per_s}
     * @param itemsPerOp items per call
     */
    public BenchRow(String name, String benchmark, String item, double itemsPerOp) {
        this(name, benchmark, item, itemsPerOp, "");
    }

    /** @return the row's JMH parameters as name/value pairs */
    public java.util.List<String[]> params() {
        return jmhParams.isEmpty() ? java.util.List.of()
                : java.util.Arrays.stream(jmhParams.split(",")).map(p -> p.split("=", 2)).toList();
    }

    /** @return the label of the matching line in the PyTorch baseline ({@link TorchRows}), or null */
    public String torchLabel() {
        return TorchRows.lineFor(name).orElse(null);
    }

    /**
     * @param medianMs median milliseconds per call
     * @return items per second at that speed
     */
    public double itemsPerSecond(double medianMs) {
        return itemsPerOp / (medianMs / 1000.0);
    }
}
