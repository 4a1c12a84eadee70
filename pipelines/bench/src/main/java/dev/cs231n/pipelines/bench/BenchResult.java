package dev.cs231n.pipelines.bench;

import java.util.Arrays;

/**
 * A measured row: milliseconds per call over the measurement iterations.
 *
 * @param row     what was measured
 * @param msPerOp milliseconds per call, one value per measurement iteration (all forks)
 */
public record BenchResult(BenchRow row, double[] msPerOp) {

    /** @return the median over iterations */
    public double medianMs() {
        double[] s = msPerOp.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return the fastest iteration */
    public double minMs() {
        return Arrays.stream(msPerOp).min().orElse(Double.NaN);
    }

    /** @return how many measurement iterations */
    public int repeats() {
        return msPerOp.length;
    }

    /** @return items per second at the median */
    public double itemsPerSecond() {
        return row.itemsPerSecond(medianMs());
    }
}
