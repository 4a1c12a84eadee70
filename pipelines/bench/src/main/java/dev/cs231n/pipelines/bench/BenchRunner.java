package dev.cs231n.pipelines.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

/**
 * Runs the JMH benchmark of each row (average time per call over fixed-length iterations; several measurement
 * iterations so that the median and minimum are meaningful on a shared, noisy machine).
 */
public final class BenchRunner {

    /** How each benchmark is run. */
    public record Settings(int warmups, int repeats, int iterationMs, int forks, List<String> jvmArgs,
            List<String[]> params) {
    }

    private BenchRunner() {
    }

    /**
     * @param row      the row to measure
     * @param settings iterations, forks, JVM arguments and benchmark parameters
     * @return milliseconds per call of every measurement iteration
     * @throws RunnerException when JMH fails (e.g. the benchmark threw)
     */
    public static BenchResult run(BenchRow row, Settings settings) throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include("\\." + Pattern.quote(row.benchmark()) + "$")
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(settings.warmups()).measurementIterations(settings.repeats())
                .warmupTime(TimeValue.milliseconds(settings.iterationMs()))
                .measurementTime(TimeValue.milliseconds(settings.iterationMs()))
                .forks(settings.forks()).threads(1).shouldFailOnError(true).verbosity(VerboseMode.SILENT)
                .jvmArgsAppend(settings.jvmArgs().toArray(new String[0]));
        for (String[] p : settings.params()) {
            opts.param(p[0], p[1]);
        }
        for (String[] p : row.params()) {
            opts.param(p[0], p[1]);
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        List<Double> ms = new ArrayList<>();
        for (RunResult rr : results) {
            for (BenchmarkResult br : rr.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    ms.add(ir.getPrimaryResult().getScore());
                }
            }
        }
        if (ms.isEmpty()) {
            throw new RunnerException("JMH found no benchmark " + row.benchmark() + " for row " + row.name());
        }
        return new BenchResult(row, ms.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
