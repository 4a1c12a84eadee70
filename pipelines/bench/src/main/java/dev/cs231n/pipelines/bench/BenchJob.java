package dev.cs231n.pipelines.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.cli.Range;
import dev.cs231n.datavec.cifar.CifarInstaller;
import dev.cs231n.pipelines.cli.JobPlugin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n bench}: measures each benchmark row with JMH and writes {@code OUT/bench.json}, printing the rows
 * beside the PyTorch baseline of the same shapes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (JMH) beside the PyTorch CPU baseline; writes OUT/bench.json.")
public final class BenchJob implements JobPlugin {

    @Mixin
    private CommonOptions common;

    @Option(names = "--only", paramLabel = "REGEX", defaultValue = ".*",
            description = "Rows whose name matches (default: all). Rows: ${COMPLETION-CANDIDATES}",
            completionCandidates = RowNames.class)
    private String only;

    @Range(min = 1)
    @Option(names = "--repeats", defaultValue = "10", description = "Measurement iterations per fork (default: "
            + "${DEFAULT-VALUE}); median and minimum are taken over them.")
    private int repeats;

    @Range(min = 0)
    @Option(names = "--warmups", defaultValue = "3", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    private int warmups;

    @Range(min = 1)
    @Option(names = "--iteration-ms", defaultValue = "1000",
            description = "Length of one iteration in ms (default: ${DEFAULT-VALUE}).")
    private int iterationMs;

    @Range(min = 0)
    @Option(names = "--forks", defaultValue = "1",
            description = "JVM forks per row; 0 runs in this JVM (default: ${DEFAULT-VALUE}).")
    private int forks;

    @Option(names = "--torch-baseline", paramLabel = "FILE",
            description = "PyTorch baseline to compare with (default: the copy of "
                    + "shared/reference/torch-baseline.txt in the jar).")
    private Path torchBaseline;

    @Option(names = "--torch", description = "Also measure the PyTorch lines of the selected rows in this run "
            + "(runs shared/reference/bench_torch.py / bench_torch_wave2.py with /usr/bin/python3 and OpenBLAS; needs "
            + "python3-torch; never in CI) and compare with those; the recorded baseline stays in bench.json.")
    private boolean measureTorch;

    @Option(names = "--torch-scripts", paramLabel = "DIR", defaultValue = "../shared/reference",
            description = "Folder of bench_torch.py (default: ${DEFAULT-VALUE}).")
    private Path torchScripts;

    @Option(names = "--torch-openblas", paramLabel = "DIR",
            description = "Folder holding OpenBLAS's libblas.so.3 for PyTorch (default: $CS231N_OPENBLAS, "
                    + "~/.cache/cs231n-openblas/usr/lib/x86_64-linux-gnu/openblas-openmp, DIR/openblas_root/..., "
                    + "/usr/lib/x86_64-linux-gnu/openblas-openmp).")
    private Path torchOpenblas;

    /** The row names, for --help. */
    static final class RowNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        RowNames() {
            BenchRows.ALL.forEach(r -> add(r.name()));
        }
    }

    @Override
    public Integer call() throws Exception {
        Pattern p = Pattern.compile(only);
        List<BenchRow> rows = BenchRows.ALL.stream().filter(r -> p.matcher(r.name()).matches()).toList();
        if (rows.isEmpty()) {
            System.err.println("bench: no row matches --only " + only + "; rows: " + new RowNames());
            return 2;
        }
        TorchBaseline recorded = torchBaseline == null ? TorchBaseline.bundled() : TorchBaseline.read(torchBaseline);
        TorchBaseline torch = recorded;
        if (measureTorch) {
            torch = TorchRun.measure(torchScripts, torchOpenblas, rows, common.out()).with(recorded);
        }
        List<String[]> params = new ArrayList<>();
        if (rows.stream().anyMatch(r -> r.name().startsWith("cifar_"))) {
            params.add(new String[] {"batchesDir", CifarInstaller.locateOrDownload(common.dataDir()).toString()});
        }
        BenchRunner.Settings settings = new BenchRunner.Settings(warmups, repeats, iterationMs, forks,
                List.of("-Xmx6g"), params);
        Path out = common.out();
        List<BenchResult> results = new ArrayList<>();
        for (BenchRow row : rows) {
            System.out.print("bench: " + row.name() + " (" + row.benchmark() + ") ... ");
            System.out.flush();
            BenchResult r = BenchRunner.run(row, settings);
            System.out.printf(java.util.Locale.ROOT, "median %.3f ms, min %.3f ms over %d%n", r.medianMs(),
                    r.minMs(), r.repeats());
            results.add(r);
            // Written after every row, so that an interrupted run keeps what it measured.
            report(results, torch, recorded).write(out);
        }
        BenchReport report = report(results, torch, recorded);
        System.out.println();
        report.print(System.out);
        System.out.println("wrote " + report.write(out));
        return 0;
    }

    private BenchReport report(List<BenchResult> results, TorchBaseline torch, TorchBaseline recorded) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("backend", BackendInfo.describe());
        context.put("repeats_per_fork", repeats);
        context.put("forks", forks);
        context.put("iteration_ms", iterationMs);
        context.put("load_average_1min", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        return new BenchReport(results, torch, measureTorch ? recorded : null, context);
    }
}
