package dev.cs231n.layers.norm.fast;

/**
 * The reductions of the kernels over a tile, each with four independent accumulators (a single running sum is bound
 * by the latency of one addition per element; four keep the floating-point units busy). The order of summation is
 * fixed by the tile, so results are reproducible.
 */
final class Sums {

    private Sums() {
    }

    /**
     * Adds {@code sum(t - k)} to {@code acc[0]} and {@code sum((t - k)^2)} to {@code acc[1]}, over
     * {@code t[at..at+n)}.
     *
     * @param t   the values
     * @param at  the first
     * @param n   how many
     * @param k   the shift
     * @param acc the two running sums
     */
    static void shiftedMoments(double[] t, int at, int n, double k, double[] acc) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int i = at;
        int end = at + n;
        for (; i + 3 < end; i += 4) {
            double d0 = t[i] - k;
            double d1 = t[i + 1] - k;
            double d2 = t[i + 2] - k;
            double d3 = t[i + 3] - k;
            a0 += d0;
            a1 += d1;
            a2 += d2;
            a3 += d3;
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; i < end; i++) {
            double d = t[i] - k;
            a0 += d;
            q0 += d * d;
        }
        acc[0] += (a0 + a1) + (a2 + a3);
        acc[1] += (q0 + q1) + (q2 + q3);
    }

    /**
     * Adds {@code sum(g)} to {@code acc[0]} and {@code sum(g * (x - mu))} to {@code acc[1]}, over
     * {@code [at, at+n)}.
     *
     * @param g   the upstream gradient
     * @param x   the input
     * @param at  the first
     * @param n   how many
     * @param mu  the mean subtracted from {@code x}
     * @param acc the two running sums
     */
    static void sumAndCentredDot(double[] g, double[] x, int at, int n, double mu, double[] acc) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int i = at;
        int end = at + n;
        for (; i + 3 < end; i += 4) {
            a0 += g[i];
            a1 += g[i + 1];
            a2 += g[i + 2];
            a3 += g[i + 3];
            q0 += g[i] * (x[i] - mu);
            q1 += g[i + 1] * (x[i + 1] - mu);
            q2 += g[i + 2] * (x[i + 2] - mu);
            q3 += g[i + 3] * (x[i + 3] - mu);
        }
        for (; i < end; i++) {
            a0 += g[i];
            q0 += g[i] * (x[i] - mu);
        }
        acc[0] += (a0 + a1) + (a2 + a3);
        acc[1] += (q0 + q1) + (q2 + q3);
    }
}
