package dev.cs231n.pipelines.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Measures the PyTorch baseline in the same invocation as our rows ({@code bench --torch}): runs
 * {@code shared/reference/bench_torch.py} and/or {@code bench_torch_wave2.py} (whichever holds the lines of the
 * selected rows) with {@code /usr/bin/python3}, OpenBLAS in front of Debian's reference BLAS through
 * {@code LD_LIBRARY_PATH} (as {@code run_bench.sh} does; the reference BLAS would make PyTorch look slow), the
 * environment's {@code OPENBLAS_CORETYPE} untouched, 2 threads. For developers' machines only, never CI.
 */
final class TorchRun {

    /** The interpreter the reference scripts are written for (Debian's python3-torch). */
    static final String PYTHON = "/usr/bin/python3";
    /** The OpenBLAS directory inside an extracted {@code libopenblas0-openmp} package. */
    /** Labels of the lines {@code bench_torch_wave2.py} measures: (g) to (l); the others are {@code bench_torch.py}'s. */
    private static final java.util.regex.Pattern WAVE2_LINE = java.util.regex.Pattern.compile("\\([g-l]\\)");
        private static final String OPENBLAS_SUBDIR = "usr/lib/x86_64-linux-gnu/openblas-openmp";

    private TorchRun() {
    }

    /**
     * @param scripts the folder of {@code bench_torch.py}
     * @param openblas the OpenBLAS folder given on the command line, or null to search the usual places
     * @param rows    the rows being measured
     * @param out     where to write the scripts' JSON and logs
     * @return the lines measured now
     * @throws IOException when PyTorch or OpenBLAS is missing or a script fails (the message says what to do)
     * @throws InterruptedException when interrupted while a script runs
     */
    static TorchBaseline measure(Path scripts, Path openblas, List<BenchRow> rows, Path out)
            throws IOException, InterruptedException {
        if (run(List.of(PYTHON, "-c", "import torch"), null, null, null) != 0) {
            throw new IOException(PYTHON + " cannot import torch: apt-get install -y python3-torch (or run without "
                    + "--torch to compare with the recorded baseline)");
        }
        Path blas = openblas != null ? openblas : findOpenBlas(scripts)
                .orElseThrow(() -> new IOException("no OpenBLAS for PyTorch (Debian's torch would use the slow "
                        + "reference BLAS): mkdir -p ~/.cache/cs231n-openblas && cd ~/.cache/cs231n-openblas && "
                        + "apt-get download libopenblas0-openmp && dpkg-deb -x libopenblas0-openmp_*.deb . "
                        + "(or pass --torch-openblas DIR)"));
        Set<String> needed = new LinkedHashSet<>();
        for (BenchRow r : rows) {
            String label = r.torchLabel();
            if (label != null) {
                needed.add(WAVE2_LINE.matcher(label).lookingAt() ? "bench_torch_wave2.py" : "bench_torch.py");
            }
        }
        Files.createDirectories(out);
        Map<String, Double> ms = new LinkedHashMap<>();
        StringBuilder header = new StringBuilder("measured in this run");
        for (String script : needed) {
            Path json = out.resolve(script.replace(".py", ".json")).toAbsolutePath();
            Path log = out.resolve(script.replace(".py", ".log")).toAbsolutePath();
            System.out.println("bench: PyTorch " + script + " (LD_LIBRARY_PATH=" + blas + ") ...");
            int code = run(List.of(PYTHON, script, "--label", TorchBaseline.DEFAULT_COLUMN, "--threads", "2",
                    "--json", json.toString()), scripts, Map.of("LD_LIBRARY_PATH", blas.toString()), log);
            if (code != 0) {
                throw new IOException(script + " failed (exit " + code + "); see " + log);
            }
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            for (JsonNode row : root.path("rows")) {
                ms.put(row.path("name").asText(), row.path("ms").asDouble());
            }
            JsonNode meta = root.path("meta");
            header.append(String.format(Locale.ROOT, "; %s: torch %s, threads=%s, BLAS %s", script,
                    meta.path("torch").asText(), meta.path("threads").asText(), meta.path("blas_libs")));
        }
        return TorchBaseline.measured(header.toString(), ms);
    }

    private static Optional<Path> findOpenBlas(Path scripts) {
        List<Path> places = new ArrayList<>();
        String env = System.getenv("CS231N_OPENBLAS");
        if (env != null && !env.isBlank()) {
            places.add(Path.of(env));
        }
        places.add(Path.of(System.getProperty("user.home"), ".cache", "cs231n-openblas", OPENBLAS_SUBDIR));
        places.add(scripts.resolve("openblas_root").resolve(OPENBLAS_SUBDIR));
        places.add(Path.of("/", OPENBLAS_SUBDIR));
        return places.stream().filter(p -> Files.isRegularFile(p.resolve("libblas.so.3"))).findFirst();
    }

    private static int run(List<String> command, Path dir, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                text.append(line).append('\n');
                if (log != null) {
                    System.out.println("  torch| " + line);
                }
            }
        }
        int code = p.waitFor();
        if (log != null) {
            Files.writeString(log, text);
        }
        return code;
    }
}
