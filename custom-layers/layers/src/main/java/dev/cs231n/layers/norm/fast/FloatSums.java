package dev.cs231n.layers.norm.fast;

/**
 * {@link Sums} for the FLOAT kernels: the same reductions over a {@code float[]} tile, with four independent
 * {@code float} accumulators per sum over runs of at most {@link #RUN} elements, each run's partial sums added to the
 * {@code double} totals. A run's float rounding is that of a sum of {@code RUN / 4} terms; the totals are exact to
 * double precision, as the DOUBLE kernels'. The order of summation is fixed by the tile, so results are
 * reproducible.
 */
final class FloatSums {

    /** Elements per run of float accumulation. */
    static final int RUN = 256;

    private FloatSums() {
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
    static void shiftedMoments(float[] t, int at, int n, float k, double[] acc) {
        int end = at + n;
        for (int r = at; r < end; r += RUN) {
            int re = Math.min(end, r + RUN);
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float q0 = 0;
            float q1 = 0;
            float q2 = 0;
            float q3 = 0;
            int i = r;
            for (; i + 3 < re; i += 4) {
                float d0 = t[i] - k;
                float d1 = t[i + 1] - k;
                float d2 = t[i + 2] - k;
                float d3 = t[i + 3] - k;
                a0 += d0;
                a1 += d1;
                a2 += d2;
                a3 += d3;
                q0 += d0 * d0;
                q1 += d1 * d1;
                q2 += d2 * d2;
                q3 += d3 * d3;
            }
            for (; i < re; i++) {
                float d = t[i] - k;
                a0 += d;
                q0 += d * d;
            }
            acc[0] += (double) (a0 + a1) + (double) (a2 + a3);
            acc[1] += (double) (q0 + q1) + (double) (q2 + q3);
        }
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
    static void sumAndCentredDot(float[] g, float[] x, int at, int n, float mu, double[] acc) {
        int end = at + n;
        for (int r = at; r < end; r += RUN) {
            int re = Math.min(end, r + RUN);
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float q0 = 0;
            float q1 = 0;
            float q2 = 0;
            float q3 = 0;
            int i = r;
            for (; i + 3 < re; i += 4) {
                a0 += g[i];
                a1 += g[i + 1];
                a2 += g[i + 2];
                a3 += g[i + 3];
                q0 += g[i] * (x[i] - mu);
                q1 += g[i + 1] * (x[i + 1] - mu);
                q2 += g[i + 2] * (x[i + 2] - mu);
                q3 += g[i + 3] * (x[i + 3] - mu);
            }
            for (; i < re; i++) {
                a0 += g[i];
                q0 += g[i] * (x[i] - mu);
            }
            acc[0] += (double) (a0 + a1) + (double) (a2 + a3);
            acc[1] += (double) (q0 + q1) + (double) (q2 + q3);
        }
    }
}
