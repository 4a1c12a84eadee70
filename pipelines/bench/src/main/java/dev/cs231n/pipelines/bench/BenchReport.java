package dev.cs231n.pipelines.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.cs231n.pipelines.io.AtomicFiles;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The {@code bench} job's output: {@code bench.json} ({@code {"rows": [{"name", "median_ms", "min_ms", "repeats",
 * "items_per_s", "item", "torch_ms"}]}}) and the same rows printed beside the PyTorch baseline.
 */
public final class BenchReport {

    /** The file name written in the job's output folder. */
    public static final String FILE_NAME = "bench.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<BenchResult> results;
    private final TorchBaseline torch;
    private final TorchBaseline recorded;
    private final Map<String, Object> context;

    /**
     * @param results the measured rows
     * @param torch   the PyTorch baseline
     * @param context run facts written at the top level of bench.json (backend, settings)
     */
    public BenchReport(List<BenchResult> results, TorchBaseline torch, Map<String, Object> context) {
        this(results, torch, null, context);
    }

    /**
     * @param results  the measured rows
     * @param torch    the PyTorch baseline compared with (measured in this run, or recorded)
     * @param recorded the recorded baseline, also written when {@code torch} was measured in this run; else null
     * @param context  run facts written at the top level of bench.json (backend, settings)
     */
    public BenchReport(List<BenchResult> results, TorchBaseline torch, TorchBaseline recorded,
            Map<String, Object> context) {
        this.results = List.copyOf(results);
        this.torch = torch;
        this.recorded = recorded;
        this.context = new LinkedHashMap<>(context);
    }

    /**
     * Writes {@code dir/bench.json} atomically.
     *
     * @param dir the output folder
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path write(Path dir) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.row().name());
            m.put("median_ms", r.medianMs());
            m.put("min_ms", r.minMs());
            m.put("repeats", r.repeats());
            m.put("items_per_s", r.itemsPerSecond());
            m.put("item", r.row().item());
            m.put("torch_ms", torch.ms(r.row().torchLabel()).orElse(null));
            if (recorded != null) {
                m.put("torch_recorded_ms", recorded.ms(r.row().torchLabel()).orElse(null));
            }
            rows.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>(context);
        root.put("torch_baseline", torch.header() + " [" + TorchBaseline.DEFAULT_COLUMN + "]");
        root.put("rows", rows);
        Path f = dir.resolve(FILE_NAME);
        AtomicFiles.write(f, out -> MAPPER.writeValue(out, root));
        return f;
    }

    /**
     * Prints the rows beside the PyTorch milliseconds of the same benchmark.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-40s %10s %10s %5s %16s %12s %9s%s%n", "row", "median_ms", "min_ms", "reps",
                "items/s", "torch_ms", "x torch", recorded == null ? "" : "  torch_recorded_ms");
        for (BenchResult r : results) {
            Optional<Double> t = torch.ms(r.row().torchLabel());
            String rec = recorded == null ? "" : "  " + recorded.ms(r.row().torchLabel())
                    .map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("-");
            out.printf(Locale.ROOT, "%-40s %10.3f %10.3f %5d %12.4g %-3s %12s %9s%s%n", r.row().name(), r.medianMs(),
                    r.minMs(), r.repeats(), r.itemsPerSecond(), r.row().item(),
                    t.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("-"),
                    t.map(v -> String.format(Locale.ROOT, "%.2f", r.medianMs() / v)).orElse("-"), rec);
        }
        out.println("torch: " + torch.header() + " [" + TorchBaseline.DEFAULT_COLUMN + " column]");
    }
}
