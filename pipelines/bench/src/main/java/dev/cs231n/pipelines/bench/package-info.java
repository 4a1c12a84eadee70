/**
 * The {@code bench} job's machinery: rows ({@link dev.cs231n.pipelines.bench.BenchRows}) mapped to JMH benchmarks
 * and to lines of the PyTorch baseline ({@link dev.cs231n.pipelines.bench.TorchBaseline}), run by
 * {@link dev.cs231n.pipelines.bench.BenchRunner}.
 */
package dev.cs231n.pipelines.bench;
