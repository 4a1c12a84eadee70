/** The JMH benchmarks behind the {@code bench} job's rows (see {@code BenchRows}). */
package dev.cs231n.pipelines.bench.jmh;
